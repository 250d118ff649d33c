import { Alert, Pagination, Spin } from 'antd';
import { useState } from 'react';
import type { TTicket } from '../../../../../contracts/exams.ts';
import { toQuery } from '../../../app/api.ts';
import { QrCode } from '../../../components/QrCode.tsx';
import { formatInstant } from '../../../components/time.ts';
import { useTickets } from '../api.ts';
import { useExamText } from '../text.ts';
import type { DocProps } from './sheets.tsx';

const perSheet = 4;
const pageSize = 100;

/** 准考证: four tickets per A4 sheet, a page of 100 at a time (a site's tickets in a few prints). */
export function Tickets({ exam, version, siteId }: DocProps) {
  const et = useExamText();
  const [page, setPage] = useState(1);
  const tickets = useTickets(exam.id, version, toQuery({ siteId, page, pageSize }));
  if (tickets.isPending) return <Spin style={{ display: 'block', margin: 64 }} />;
  const items = tickets.data?.items ?? [];
  if (items.length === 0) return <Alert type="warning" showIcon title={et('nothing')} />;
  const sheets: TTicket[][] = [];
  for (let i = 0; i < items.length; i += perSheet) sheets.push(items.slice(i, i + perSheet));
  return (
    <>
      {(tickets.data?.total ?? 0) > pageSize && (
        <div className="no-print" style={{ display: 'flex', justifyContent: 'center', marginTop: 8 }}>
          <Pagination
            current={page}
            pageSize={pageSize}
            total={tickets.data?.total}
            showSizeChanger={false}
            onChange={setPage}
          />
        </div>
      )}
      {sheets.map((sheet) => (
        <section className="sheet" key={sheet[0]!.ticket}>
          <div className="tickets">
            {sheet.map((ticket) => (
              <AdmissionTicket key={ticket.ticket} ticket={ticket} />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}

function AdmissionTicket({ ticket }: { ticket: TTicket }) {
  const et = useExamText();
  const fields: [string, string][] = [
    [et('candidateName'), ticket.name],
    [et('ticket'), ticket.ticket],
    [et('registrationNo'), ticket.registrationNo],
    [et('idNumber'), ticket.idNumber ?? '—'],
    [et('school'), ticket.orgName],
    [et('siteName'), ticket.siteName],
    [et('address'), ticket.siteAddress ?? '—'],
    [`${et('room')} / ${et('seat')}`, `${String(ticket.room).padStart(2, '0')} / ${ticket.seat}`],
  ];
  return (
    <div className="ticket" data-testid="ticket">
      <div className="head">
        <div>{ticket.examName}</div>
        <div className="big">{et('ticketTitle')}</div>
      </div>
      <div className="body">
        <dl className="fields">
          {fields.map(([label, value]) => [
            <dt key={`${label}-t`}>{label}</dt>,
            <dd key={`${label}-d`}>{value}</dd>,
          ])}
        </dl>
        <div className="photo">{et('photo')}</div>
      </div>
      <div className="bottom">
        <table className="doc">
          <thead>
            <tr>
              <th>{et('subject')}</th>
              <th>{et('time')}</th>
            </tr>
          </thead>
          <tbody>
            {ticket.sessions.map((s) => (
              <tr key={s.id}>
                <td>{s.subject}</td>
                <td>
                  {formatInstant(s.startsAt, 'MM-DD HH:mm')}–{formatInstant(s.endsAt, 'HH:mm')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <QrCode text={ticket.ticket} testId="ticket-qr" className="qr" />
      </div>
      <div className="notice">{et('ticketNotice')}</div>
    </div>
  );
}
