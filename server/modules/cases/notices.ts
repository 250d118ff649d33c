import { and, eq, inArray } from 'drizzle-orm';
import type { TNotice } from '../../../contracts/cases.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { beijingMinute } from '../../core/beijing-time.ts';
import type { Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { services } from '../../core/services.ts';
import { canReveal, canSeeCase } from './policy.ts';
import { caseClock, caseRecord } from './schema.ts';

/**
 * The data of the printed notices: 受理告知书, 不予受理告知书, 延期告知书 and 处理意见书 (and the 复查/
 * 复核 decisions). Each carries the fields the 信访工作条例 requires (matter, decision, reasons, legal
 * basis, deadline, the petitioner's next remedy). The web renders and prints them. The addressee's
 * name is plain only for the handlers (audited), masked for everyone else.
 */
type CaseRow = typeof caseRecord.$inferSelect;
// biome-ignore lint/suspicious/noExplicitAny: the stage data is JSON whose shape the transitions wrote
type Detail = Record<string, any>;
type NoticeType = TNotice['type'];

export function availableNotices(c: CaseRow): NoticeType[] {
  const d = c.detail as Detail;
  const out: NoticeType[] = [];
  if (c.kind === 'petition' && d.acceptance) out.push('acceptance');
  if (c.kind === 'petition' && (d.rejection || d.diversion)) out.push('rejection');
  if ((d.extensions as Detail[] | undefined)?.some((e) => e.granted)) out.push('extension');
  if (c.kind === 'petition' && d.opinion) out.push('decision');
  return out;
}

const LAW = '《信访工作条例》（2022年）';
const f = (key: string, label: string, labelEn: string, value: unknown) => ({
  key,
  label,
  labelEn,
  value: value === null || value === undefined ? '' : String(value),
});
const day = (iso: string | Date | null | undefined) => (iso ? beijingMinute(iso).slice(0, 10) : '');

export async function buildNotice({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; type: NoticeType };
}): Promise<TNotice> {
  const [c] = await tx.select().from(caseRecord).where(eq(caseRecord.id, input.id));
  if (!c || !(await canSeeCase(tx, actor, c))) throw new DomainError('cases.case_not_found');
  if (!availableNotices(c).includes(input.type)) throw new DomainError('cases.notice_unavailable');
  const d = c.detail as Detail;
  const units = await tx
    .select({ id: orgUnit.id, name: orgUnit.name })
    .from(orgUnit)
    .where(inArray(orgUnit.id, [c.orgId, c.districtId]));
  const unitName = (id: number) => units.find((u) => u.id === id)?.name ?? '';
  const plain = !c.anonymous && c.complainantNameEnc !== null && (await canReveal(tx, actor, c.orgId));
  const addressee = c.anonymous
    ? '匿名信访人'
    : plain
      ? services().cipher.decrypt(c.complainantNameEnc!)
      : (c.complainantName ?? '信访人');
  if (plain)
    await recordAudit(tx, actor, {
      action: 'cases.notice',
      entityType: 'case',
      entityId: c.id,
      orgId: c.orgId,
      districtId: c.districtId,
      after: { type: input.type, addresseePlain: true },
    });
  const base = {
    type: input.type,
    issuer: unitName(c.orgId),
    issuedAt: new Date().toISOString(),
    addressee,
    caseNo: c.externalNo,
    receivedAt: c.receivedAt.toISOString(),
    matter: c.title,
  };
  const number = (prefix: string) =>
    `${prefix}〔${c.externalNo.slice(2, 6) || new Date().getFullYear()}〕${c.id}号`;
  switch (input.type) {
    case 'acceptance': {
      const [handle] = await tx
        .select({ dueAt: caseClock.dueAt })
        .from(caseClock)
        .where(and(eq(caseClock.caseId, c.id), eq(caseClock.kind, 'petition_handle')));
      return {
        ...base,
        title: '信访事项受理告知书',
        documentNo: number('受'),
        fields: [
          f('matter', '信访事项', 'Matter', c.title),
          f('receivedAt', '登记日期', 'Registered on', day(c.receivedAt)),
          f('acceptedAt', '受理日期', 'Accepted on', day(d.acceptance.at)),
          f('handler', '办理单位', 'Handled by', unitName(c.orgId)),
          f(
            'deadline',
            '办理期限',
            'To be answered by',
            `受理之日起60日内（${day(handle?.dueAt)}前）书面答复`,
          ),
          f('legalBasis', '法律依据', 'Legal basis', LAW),
        ],
        rights: '对处理意见不服的，可以自收到书面答复之日起30日内请求原办理单位的上一级机关复查。',
      };
    }
    case 'rejection': {
      const reason = d.rejection?.reason ?? d.diversion?.reason;
      const whereToGo =
        d.rejection?.whereToGo ??
        (
          {
            litigation: '人民法院（诉讼）',
            arbitration: '仲裁机构（仲裁）',
            administrative_review: '行政复议机关（行政复议）',
          } as Detail
        )[d.diversion.channel];
      return {
        ...base,
        title: '信访事项不予受理告知书',
        documentNo: number('不受'),
        fields: [
          f('matter', '信访事项', 'Matter', c.title),
          f('receivedAt', '登记日期', 'Registered on', day(c.receivedAt)),
          f('reason', '不予受理理由', 'Reason', reason),
          f('whereToGo', '请向以下机关或途径反映', 'Where to turn instead', whereToGo),
          f('legalBasis', '法律依据', 'Legal basis', LAW),
        ],
        rights: d.diversion
          ? '依法应当通过诉讼、仲裁、行政复议等法定途径解决的，请依照有关法律、行政法规规定的程序向有关机关提出。'
          : '请向有权处理的机关提出；对本告知有异议的，可向本单位的上一级机关反映。',
      };
    }
    case 'extension': {
      const ext = (d.extensions as Detail[]).filter((e) => e.granted).at(-1)!;
      const kind = c.kind === 'petition' ? 'petition_handle' : 'reply';
      const [clock] = await tx
        .select()
        .from(caseClock)
        .where(and(eq(caseClock.caseId, c.id), eq(caseClock.kind, kind)));
      return {
        ...base,
        title: c.kind === 'petition' ? '信访事项延期办理告知书' : '诉求办理延期告知书',
        documentNo: number('延'),
        fields: [
          f('matter', '事项', 'Matter', c.title),
          f('extension', '延长期限', 'Extended by', ext.days ? `${ext.days}日` : `${ext.hours}小时`),
          f('newDeadline', '延长后期限', 'New deadline', clock ? beijingMinute(clock.dueAt) : ''),
          f('reason', '延期理由', 'Reason', ext.reason),
          f('approver', '批准人', 'Approved by', ext.decidedBy),
          f('legalBasis', '依据', 'Basis', c.kind === 'petition' ? LAW : '《北京市接诉即办工作条例》'),
        ],
        rights:
          c.kind === 'petition'
            ? '情况复杂的，经批准可以适当延长办理期限，但延长期限不得超过30日，并告知信访人延期理由。'
            : '延期理由已告知诉求人和市民热线服务中心。',
      };
    }
    case 'decision': {
      const stage = d.rereview?.decision ? 'rereview' : d.review?.decision ? 'review' : 'opinion';
      const o: Detail =
        stage === 'rereview' ? d.rereview.decision : stage === 'review' ? d.review.decision : d.opinion;
      const titles = {
        opinion: '信访事项处理意见书',
        review: '信访事项复查意见书',
        rereview: '信访事项复核意见书',
      };
      const rights = {
        opinion: '对处理意见不服的，可以自收到书面答复之日起30日内请求原办理单位的上一级机关复查。',
        review: '对复查意见不服的，可以自收到书面答复之日起30日内向复查机关的上一级机关请求复核。',
        rereview: '复核意见为最终意见。信访人对复核意见不服，仍以同一事实和理由提出信访的，不再受理。',
      };
      return {
        ...base,
        title: titles[stage],
        documentNo: number(stage === 'opinion' ? '处' : stage === 'review' ? '复查' : '复核'),
        fields: [
          f('request', '信访请求', 'Request', o.request),
          f('factsAndReasons', '事实和理由', 'Facts and reasons', o.factsAndReasons),
          f('decision', '处理意见', 'Decision', o.decision),
          f('legalBasis', '法律依据', 'Legal basis', o.legalBasis),
        ],
        rights: rights[stage],
      };
    }
  }
}
