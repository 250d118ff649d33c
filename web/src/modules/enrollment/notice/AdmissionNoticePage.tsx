import { Button, Spin } from 'antd';
import { useParams } from 'react-router';
import { formatInstant } from '../../../components/time.ts';
import { useNotice } from '../api.ts';
import { routeLabels } from '../text.ts';

/** 录取通知书: one A4 page with print CSS; the family (or staff in scope) prints it. */
export function AdmissionNoticePage() {
  const id = Number(useParams().id);
  const notice = useNotice(id);
  if (!notice.data) return <Spin fullscreen />;
  const n = notice.data;
  return (
    <div
      style={{
        maxWidth: 720,
        margin: '24px auto',
        padding: 32,
        background: '#fff',
        fontSize: 16,
        lineHeight: 2,
      }}
    >
      <style>
        {
          '@media print { .no-print { display: none } @page { size: A4; margin: 20mm } body { background: #fff } }'
        }
      </style>
      <h1 style={{ textAlign: 'center', letterSpacing: 8 }}>录取通知书</h1>
      <p style={{ textAlign: 'right' }}>编号：{n.noticeNo}</p>
      <p>
        <b>{n.childName}</b>（身份证号 {n.childIdNumber}）同学：
      </p>
      <p style={{ textIndent: '2em' }}>
        经{n.year}年义务教育阶段{n.stage === 'primary' ? '小学' : '初中'}入学（{routeLabels[n.route].zh}
        ），你已被
        <b data-testid="notice-school">{n.schoolName}</b>录取。
        {n.status === 'confirmed' ? '家长已确认入学。' : '请在确认期限内确认。'}
      </p>
      <p style={{ textAlign: 'right', marginTop: 48 }}>{n.districtName}</p>
      <p style={{ textAlign: 'right' }}>
        {n.confirmedAt ? formatInstant(n.confirmedAt, 'YYYY年M月D日') : ''}
      </p>
      <Button className="no-print" onClick={() => window.print()}>
        打印 Print
      </Button>
    </div>
  );
}
