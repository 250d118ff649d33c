import { Tag } from 'antd';
import type { TCase } from '../../../../../contracts/cases.ts';
import { formatLeft, useCaseText } from '../text.ts';

/** The running clock's time left: red when overdue, orange when at risk. */
export function TimeLeft({ c }: { c: Pick<TCase, 'minutesLeft' | 'overdue' | 'atRisk'> }) {
  const { t, lang } = useCaseText();
  if (c.minutesLeft === null) return <>—</>;
  if (c.overdue) return <Tag color="red">{`${t('overdue')} ${formatLeft(c.minutesLeft, lang)}`}</Tag>;
  return <Tag color={c.atRisk ? 'orange' : 'green'}>{formatLeft(c.minutesLeft, lang)}</Tag>;
}
