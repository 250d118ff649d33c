import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { toQuery } from '../../../app/api.ts';
import { useLang } from '../../../app/i18n.tsx';
import { currentVersion, examUrl, planUrl, useAllSites, useExam } from '../api.ts';
import { type ExamTextKey, useExamText } from '../text.ts';
import { DoorLists } from './DoorLists.tsx';
import { InvigilatorSheet } from './InvigilatorSheet.tsx';
import { printCss } from './printCss.ts';
import { SeatingCharts } from './SeatingCharts.tsx';
import { SiteSummary } from './SiteSummary.tsx';
import type { DocProps } from './sheets.tsx';
import { Tickets } from './Tickets.tsx';

const docs = {
  doors: { title: 'doorList', perSite: true, Doc: DoorLists },
  seating: { title: 'seatingChart', perSite: true, Doc: SeatingCharts },
  tickets: { title: 'tickets', perSite: true, Doc: Tickets },
  invigilators: { title: 'invigilatorSheet', perSite: true, Doc: InvigilatorSheet },
  sites: { title: 'siteSummary', perSite: false, Doc: SiteSummary },
} satisfies Record<string, { title: ExamTextKey; perSite: boolean; Doc: (props: DocProps) => ReactNode }>;
type DocName = keyof typeof docs;

/** The Excel twin of a document, where the API has one. */
function excelUrl(doc: DocName, examId: number, version: number, siteId?: number): string | undefined {
  const query = toQuery({ siteId });
  if (doc === 'doors' || doc === 'seating') return `${planUrl(examId, version)}/sheets/export.xlsx?${query}`;
  if (doc === 'invigilators') return `${planUrl(examId, version)}/rooms/export.xlsx?${query}`;
  if (doc === 'sites') return `${examUrl(examId)}/sites/export.xlsx`;
  return undefined;
}

/**
 * `/exams/:id/print/:doc?version=&siteId=&roomId=`: a document on A4 sheets without the app shell.
 * The toolbar (back, site, 打印 Print, Excel) is hidden on paper.
 */
export function ExamPrintPage() {
  const et = useExamText();
  const { lang } = useLang();
  const navigate = useNavigate();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const examId = Number(params.id);
  const docName = (params.doc ?? '') as DocName;
  const doc = docs[docName];
  const exam = useExam(examId);
  const sites = useAllSites(examId);
  const version = Number(search.get('version')) || currentVersion(exam.data);
  const roomId = Number(search.get('roomId')) || undefined;
  // A per-site document of the whole exam could be thousands of pages: one site at a time.
  const siteId = Number(search.get('siteId')) || (doc?.perSite ? sites.data?.items[0]?.id : undefined);
  const excel = doc && version ? excelUrl(docName, examId, version, siteId) : undefined;

  let body: ReactNode;
  if (!doc) body = <Alert type="error" showIcon title={et('nothing')} />;
  else if (exam.isError) body = <Alert type="error" showIcon title={exam.error.text(lang)} />;
  else if (!exam.data || (doc.perSite && !sites.data))
    body = <Spin style={{ display: 'block', margin: 64 }} />;
  else if (!version) body = <Alert type="warning" showIcon title={et('choosePlan')} />;
  else body = <doc.Doc exam={exam.data} version={version} siteId={siteId} roomId={roomId} />;

  return (
    <div className="print-root" data-testid="print-page">
      <style>{printCss}</style>
      <div className="print-toolbar no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/exams/${examId}?tab=rooms`)}>
          {et('back')}
        </Button>
        <Typography.Text strong>
          {exam.data?.name} · {doc ? et(doc.title) : ''}
          {version ? ` · ${et('versionN', { n: version })}` : ''}
        </Typography.Text>
        {doc?.perSite && (
          <Select<number>
            value={siteId}
            placeholder={et('chooseSite')}
            onChange={(id) => setSearch(toQuery({ version, siteId: id }))}
            options={sites.data?.items.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
            style={{ width: 220 }}
            data-testid="print-site"
          />
        )}
        <span style={{ marginInlineStart: 'auto' }} />
        {excel && (
          <Button icon={<DownloadOutlined />} href={excel} download data-testid="print-excel">
            {et('exportExcel')}
          </Button>
        )}
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="print-button"
        >
          {et('printButton')}
        </Button>
      </div>
      {body}
    </div>
  );
}
