import { Alert, Card, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { useLang } from '../../../app/i18n.tsx';
import { useExam } from '../api.ts';
import { kindLabel } from '../exam-form/ExamFormModal.tsx';
import { examStatusColors, useExamText } from '../text.ts';
import { ArrangementTab } from './ArrangementTab.tsx';
import { CandidatesTab } from './CandidatesTab.tsx';
import { ExamDayTab } from './ExamDayTab.tsx';
import { InvigilatorsTab } from './InvigilatorsTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { RoomsTab } from './RoomsTab.tsx';
import { SitesTab } from './SitesTab.tsx';

const tabs = ['overview', 'sites', 'candidates', 'invigilators', 'arrangement', 'rooms', 'day'] as const;
type Tab = (typeof tabs)[number];

/** `/exams/:id`: one exam in tabs; the tab is in the address (`?tab=rooms`) so links and back work. */
export function ExamDetailPage() {
  const et = useExamText();
  const { lang } = useLang();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const tab: Tab = tabs.find((name) => name === params.get('tab')) ?? 'overview';
  const exam = useExam(id);
  const e = exam.data;

  if (exam.isError) return <Alert type="error" showIcon title={exam.error.text(lang)} />;
  if (!e) return <Skeleton active />;

  const label: Record<Tab, string> = {
    overview: et('overview'),
    sites: `${et('sites')} (${e.sites})`,
    candidates: `${et('candidates')} (${e.candidates})`,
    invigilators: `${et('invigilators')} (${e.invigilators})`,
    arrangement: et('arrangement'),
    rooms: et('roomsTab'),
    day: et('examDay'),
  };
  const content: Record<Tab, React.ReactNode> = {
    overview: <OverviewTab exam={e} />,
    sites: <SitesTab exam={e} />,
    candidates: <CandidatesTab exam={e} />,
    invigilators: <InvigilatorsTab exam={e} />,
    arrangement: <ArrangementTab exam={e} />,
    rooms: <RoomsTab exam={e} />,
    day: <ExamDayTab exam={e} />,
  };

  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <Link to="/exams">{et('title')}</Link>
          <span>/</span>
          <Typography.Text strong data-testid="exam-title">
            {e.name}
          </Typography.Text>
          <Typography.Text type="secondary">
            {e.code} · {et(kindLabel(e.kind))} · {e.year}
          </Typography.Text>
          <Tag color={examStatusColors[e.status]} data-testid="exam-status">
            {et(`status.${e.status}`)}
          </Tag>
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={tabs.map((key) => ({
          key,
          label: <span data-testid={`exam-tab-${key}`}>{label[key]}</span>,
          children: content[key],
        }))}
      />
    </Card>
  );
}
