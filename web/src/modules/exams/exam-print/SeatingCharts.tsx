import type { TRoomSheet, TSeatEntry } from '../../../../../contracts/exams.ts';
import { makeGrid, seatOf } from '../../../../../engines/seating/seats.ts';
import { useExamText } from '../text.ts';
import { type DocProps, SheetState, useSheets } from './sheets.tsx';

/** 座次表: the room drawn as its rows × columns, front and door at the top, every seat numbered. */
export function SeatingCharts(props: DocProps) {
  const { sheets, rooms } = useSheets(props);
  if (sheets.isPending || rooms.length === 0)
    return <SheetState sheets={sheets} empty={rooms.length === 0} />;
  return (
    <>
      {rooms.map((room) => (
        <SeatingChart key={room.id} room={room} />
      ))}
    </>
  );
}

function SeatingChart({ room }: { room: TRoomSheet }) {
  const et = useExamText();
  const at = new Map<string, TSeatEntry>(room.entries.map((e) => [`${e.row}-${e.col}`, e]));
  // Empty seats are numbered as the engine numbers them (a snake from the door), not by a copy of its rule.
  const grid = makeGrid(room.rows, room.cols, 'orthogonal');
  const rows = Array.from({ length: room.rows }, (_, i) => i + 1);
  const cols = Array.from({ length: room.cols }, (_, i) => i + 1);
  return (
    <section className="sheet" data-testid="seating-chart">
      <h1>{et('seatingChart')}</h1>
      <h2>{room.examName}</h2>
      <div className="meta">
        <span>
          {room.siteCode} {room.siteName}
        </span>
        <span>
          {et('room')} {String(room.roomNo).padStart(2, '0')} · {et(`roomKind.${room.kind}`)}
          {room.groupCode ? ` · ${et('group')} ${room.groupCode}` : ''}
        </span>
        <span>
          {room.rows} × {room.cols} · {et('seats')} {room.entries.length}
        </span>
      </div>
      <div className="seat-front">
        <div className="door" data-testid="seating-door">
          {et('door')} ▶
        </div>
        <div className="desk">{et('front')}</div>
      </div>
      <div
        className="seat-grid"
        style={{ gridTemplateColumns: `12mm repeat(${room.cols}, 1fr)` }}
        data-testid="seating-grid"
        data-rows={room.rows}
        data-cols={room.cols}
      >
        {rows.map((row) => [
          <div className="seat-row-label" key={`label-${row}`}>
            <span>{et('rowN', { n: row })}</span>
            <span className="arrow">{row % 2 === 1 ? '→' : '←'}</span>
          </div>,
          ...cols.map((col) => {
            const entry = at.get(`${row}-${col}`);
            const seat = entry?.seat ?? seatOf(grid, (row - 1) * room.cols + (col - 1)).seat;
            return entry ? (
              <div className="seat" key={`${row}-${col}`} data-testid="seat" data-seat={seat}>
                <span className="no">{seat}</span>
                <span className="name">{entry.name}</span>
                <span>{entry.ticket}</span>
                <span>{entry.orgName}</span>
              </div>
            ) : (
              <div className="seat empty" key={`${row}-${col}`} data-testid="seat" data-seat={seat}>
                <span className="no">{seat}</span>
                <span>{et('emptySeat')}</span>
              </div>
            );
          }),
        ])}
      </div>
      <div className="footer">
        <span>
          {et('versionN', { n: room.version })} · {et('resultHash')} {room.resultHash?.slice(0, 16) ?? '—'}
        </span>
        <span>
          {et('invigilators')}: {room.invigilators.map((i) => i.name).join('、') || '—'}
        </span>
      </div>
    </section>
  );
}
