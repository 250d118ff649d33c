import { useExamText } from '../text.ts';
import { bySeat, type DocProps, SheetState, useSheets } from './sheets.tsx';

/** 门贴: one A4 page per room, posted at its door — exam, site, room, ticket range and every name. */
export function DoorLists(props: DocProps) {
  const et = useExamText();
  const { sheets, rooms } = useSheets(props);
  const state = <SheetState sheets={sheets} empty={rooms.length === 0} />;
  if (sheets.isPending || rooms.length === 0) return state;
  return (
    <>
      {rooms.map((room) => {
        const entries = bySeat(room);
        const first = entries[0]?.ticket ?? '—';
        const last = entries[entries.length - 1]?.ticket ?? '—';
        return (
          <section className="sheet" key={room.id} data-testid="door-list">
            <h2>{room.examName}</h2>
            <div className="door-site">{room.siteName}</div>
            <div className="door-room">
              {et('room')} {String(room.roomNo).padStart(2, '0')}
            </div>
            <div className="meta">
              <span>
                {et('siteCode')} {room.siteCode}
              </span>
              <span>
                {et('roomKind')} {et(`roomKind.${room.kind}`)}
                {room.groupCode ? ` · ${et('group')} ${room.groupCode}` : ''}
              </span>
              <span>{et('ticketRange', { from: first, to: last })}</span>
              <span>
                {et('seats')} {entries.length}
              </span>
            </div>
            <table className="doc">
              <thead>
                <tr>
                  <th className="num">{et('seat')}</th>
                  <th>{et('ticket')}</th>
                  <th>{et('candidateName')}</th>
                  <th className="num">{et('gender')}</th>
                  <th>{et('school')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.seat}>
                    <td className="num">{e.seat}</td>
                    <td>{e.ticket}</td>
                    <td>{e.name}</td>
                    <td className="num">{e.gender ? et(`gender.${e.gender}`) : ''}</td>
                    <td>{e.orgName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="footer">
              <span>
                {et('versionN', { n: room.version })} · {et('resultHash')}{' '}
                {room.resultHash?.slice(0, 16) ?? '—'}
              </span>
              <span>
                {et('invigilators')}: {room.invigilators.map((i) => i.name).join('、') || '—'}
              </span>
            </div>
          </section>
        );
      })}
    </>
  );
}
