import { Alert, Spin } from 'antd';
import type { TExamDetail, TRoomSheet } from '../../../../../contracts/exams.ts';
import { toQuery } from '../../../app/api.ts';
import { useRoomSheets } from '../api.ts';
import { useExamText } from '../text.ts';

/** What every document gets: the exam, the plan version, and the site / room chosen. */
export interface DocProps {
  exam: TExamDetail;
  version: number;
  siteId?: number;
  roomId?: number;
}

/** The rooms a sheet document prints: one room, or every room of the site that seats someone. */
export function useSheets({ exam, version, siteId, roomId }: DocProps) {
  const sheets = useRoomSheets(exam.id, version, toQuery({ siteId, roomId }));
  const rooms = (sheets.data?.rooms ?? []).filter((room) => roomId !== undefined || room.entries.length > 0);
  return { sheets, rooms };
}

/** A sheet document's loading, error and empty states; `null` once there is something to print. */
export function SheetState({
  sheets,
  empty,
}: {
  sheets: ReturnType<typeof useSheets>['sheets'];
  empty: boolean;
}) {
  const et = useExamText();
  if (sheets.isPending) return <Spin style={{ display: 'block', margin: 64 }} />;
  if (sheets.isError || empty) return <Alert type="warning" showIcon title={et('nothing')} />;
  return null;
}

export const bySeat = (room: TRoomSheet) => [...room.entries].sort((a, b) => a.seat - b.seat);
