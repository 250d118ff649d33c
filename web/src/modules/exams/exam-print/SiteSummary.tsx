import { Alert, Spin } from 'antd';
import { useAllSites, usePlan } from '../api.ts';
import { useExamText } from '../text.ts';
import type { DocProps } from './sheets.tsx';

/** 考点汇总: every site with its host school, address, rooms used by kind and candidates. */
export function SiteSummary({ exam, version }: DocProps) {
  const et = useExamText();
  const sites = useAllSites(exam.id);
  const plan = usePlan(exam.id, version);
  if (sites.isPending || plan.isPending) return <Spin style={{ display: 'block', margin: 64 }} />;
  const perSite = new Map((plan.data?.stats?.perSite ?? []).map((s) => [s.siteId, s]));
  const items = sites.data?.items ?? [];
  if (items.length === 0) return <Alert type="warning" showIcon title={et('nothing')} />;
  const sum = (pick: (id: number) => number) => items.reduce((acc, s) => acc + pick(s.id), 0);
  return (
    <section className="sheet" data-testid="site-summary">
      <h1>{et('siteSummary')}</h1>
      <h2>{exam.name}</h2>
      <div className="meta">
        <span>
          {exam.orgName} · {exam.year}
        </span>
        <span>
          {et('versionN', { n: version })} · {et('resultHash')} {plan.data?.resultHash?.slice(0, 16) ?? '—'}
        </span>
      </div>
      <table className="doc">
        <thead>
          <tr>
            <th>{et('siteCode')}</th>
            <th>{et('siteName')}</th>
            <th>{et('hostSchool')}</th>
            <th>{et('address')}</th>
            <th className="num">{et('rooms')}</th>
            <th className="num">{et('normalRooms')}</th>
            <th className="num">{et('backupRooms')}</th>
            <th className="num">{et('specialRooms')}</th>
            <th className="num">{et('candidates')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((site) => {
            const used = perSite.get(site.id);
            return (
              <tr key={site.id}>
                <td>{site.code}</td>
                <td>{site.name}</td>
                <td>{site.orgName}</td>
                <td>{site.address ?? ''}</td>
                <td className="num">{site.rooms}</td>
                <td className="num">{used ? used.rooms - used.backup - used.special : '—'}</td>
                <td className="num">{used?.backup ?? '—'}</td>
                <td className="num">{used?.special ?? '—'}</td>
                <td className="num">{used?.candidates ?? site.candidates}</td>
              </tr>
            );
          })}
          <tr>
            <th colSpan={4}>{et('total')}</th>
            <th className="num">{sum((id) => items.find((s) => s.id === id)?.rooms ?? 0)}</th>
            <th className="num">
              {sum((id) => {
                const used = perSite.get(id);
                return used ? used.rooms - used.backup - used.special : 0;
              })}
            </th>
            <th className="num">{sum((id) => perSite.get(id)?.backup ?? 0)}</th>
            <th className="num">{sum((id) => perSite.get(id)?.special ?? 0)}</th>
            <th className="num">
              {sum((id) => perSite.get(id)?.candidates ?? items.find((s) => s.id === id)?.candidates ?? 0)}
            </th>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
