import { Alert, Spin } from 'antd';
import type { TExamRoom } from '../../../../../contracts/exams.ts';
import { toQuery } from '../../../app/api.ts';
import { useAllSites, useRooms, useRovers } from '../api.ts';
import { useExamText } from '../text.ts';
import type { DocProps } from './sheets.tsx';

/** 监考安排表: one site's rooms with their chief and second invigilators, a column to sign, and its rovers. */
export function InvigilatorSheet({ exam, version, siteId }: DocProps) {
  const et = useExamText();
  // A site holds at most a few dozen rooms: one page of 200 is the whole site.
  const rooms = useRooms(exam.id, version, toQuery({ siteId, pageSize: 200 }));
  const sites = useAllSites(exam.id);
  const rovers = useRovers(exam.id, version, toQuery({ siteId }));
  const site = sites.data?.items.find((s) => s.id === siteId);
  const who = (people: TExamRoom['invigilators']) =>
    people.map((p) => `${p.name}（${p.orgName}）`).join('、');
  if (rooms.isPending) return <Spin style={{ display: 'block', margin: 64 }} />;
  const items = (rooms.data?.items ?? []).filter((room) => room.invigilators.length > 0);
  if (items.length === 0) return <Alert type="warning" showIcon title={et('nothing')} />;
  return (
    <section className="sheet" data-testid="invigilator-sheet">
      <h1>{et('invigilatorSheet')}</h1>
      <h2>{exam.name}</h2>
      <div className="meta">
        <span>
          {site?.code} {site?.name}
        </span>
        <span>{site?.address ?? ''}</span>
        <span>{et('versionN', { n: version })}</span>
      </div>
      <table className="doc">
        <thead>
          <tr>
            <th className="num">{et('room')}</th>
            <th className="num">{et('roomKind')}</th>
            <th className="num">{et('seats')}</th>
            <th>{et('chief')}</th>
            <th>{et('second')}</th>
            <th style={{ width: '22mm' }}>{et('sign')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((room) => (
            <tr key={room.id}>
              <td className="num">{String(room.roomNo).padStart(2, '0')}</td>
              <td className="num">{et(`roomKind.${room.kind}`)}</td>
              <td className="num">{room.seats}</td>
              <td>{who(room.invigilators.slice(0, 1))}</td>
              <td>{who(room.invigilators.slice(1))}</td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      {(rovers.data?.sites ?? []).map((s) => (
        <p key={s.siteId} data-testid="site-rovers">
          {et('rovers')}：{who(s.invigilators)}
        </p>
      ))}
    </section>
  );
}
