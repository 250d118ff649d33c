import { sql } from 'drizzle-orm';
import type { TCaseKind, TCaseState, TTransitionRequest } from '../../../contracts/cases.ts';
import type { Actor } from '../../core/access/index.ts';
import { seedCalendar } from '../../core/calendar/index.ts';
import type { Db } from '../../core/db/index.ts';
import { intakeHotlineBatch } from './intake-hotline.ts';
import { registerPetition } from './register-petition.ts';
import { transitionCase } from './transition-case.ts';

/**
 * Test factories for cases: the calendar (the bundled years, plus 2027 as plain weekends so that
 * clocks started "now" late in 2026 can be computed — test data only, not an official notice),
 * a sample payload for every action, and the path of actions that brings a new case to a state.
 */
export async function prepareCalendar(db: Db): Promise<void> {
  await seedCalendar(db);
  await db.execute(
    sql`INSERT INTO calendar_year (year, source, notice) VALUES (2027, 'admin', 'test data: weekends only') ON CONFLICT DO NOTHING`,
  );
}

const opinion = {
  request: '要求学校退还多收的课后服务费',
  factsAndReasons: '经核查，学校按区定标准收费，未多收。',
  decision: '维持学校收费决定，并向家长说明收费依据。',
  legalBasis: '《北京市中小学课后服务管理办法》第十条',
};

export function samplePayload(action: TTransitionRequest['action'], unitId: number): TTransitionRequest {
  const reason = '测试理由，说明情况';
  const samples: Record<string, Omit<TTransitionRequest, 'action'> & Record<string, unknown>> = {
    request_return: { reason, catalogueCode: 'TRAINING', suggestedUnit: '区教委民教科' },
    reject_return: { reason },
    approve_return: {},
    dispatch: { orgId: unitId },
    coordinate: { reason },
    pause: { reason: '等待诉求人提供材料' },
    request_extension: { reason, days: 3 },
    grant_extension: { reason },
    refuse_extension: { reason },
    reply: { reply: '已联系学校核实并答复市民' },
    record_callback: { valid: true, solved: true, satisfaction: 'satisfied' },
    reopen: { reason },
    decline: { reason, whereToGo: '区人力社保局' },
    transfer: { orgId: unitId, reason },
    object_transfer: { reason },
    divert: { channel: 'litigation', reason },
    extend: { days: 10, reason },
    issue_opinion: opinion,
    request_review: { reason },
    decide_review: opinion,
    request_rereview: { reason },
    decide_rereview: opinion,
  };
  return { action, ...(samples[action] ?? {}) } as TTransitionRequest;
}

type A = TTransitionRequest['action'];
export const hotlinePaths: Record<string, A[]> = {
  dispatched: [],
  signed_for: ['sign_for'],
  return_requested: ['sign_for', 'request_return'],
  returned: ['sign_for', 'request_return', 'approve_return'],
  contacted: ['sign_for', 'contact'],
  in_progress: ['sign_for', 'contact', 'start'],
  coordinating: ['sign_for', 'contact', 'start', 'coordinate'],
  extension_requested: ['sign_for', 'contact', 'start', 'request_extension'],
  replied: ['sign_for', 'contact', 'start', 'reply'],
  callback: ['sign_for', 'contact', 'start', 'reply', 'record_callback'],
  closed: ['sign_for', 'contact', 'start', 'reply', 'record_callback', 'close'],
  reopened: ['sign_for', 'contact', 'start', 'reply', 'record_callback', 'reopen'],
};
export const petitionPaths: Record<string, A[]> = {
  registered: [],
  accepted: ['accept'],
  not_ours: ['decline'],
  transferred: ['transfer'],
  diverted: ['divert'],
  opinion_issued: ['accept', 'issue_opinion'],
  review_requested: ['accept', 'issue_opinion', 'request_review'],
  reviewed: ['accept', 'issue_opinion', 'request_review', 'decide_review'],
  rereview_requested: ['accept', 'issue_opinion', 'request_review', 'decide_review', 'request_rereview'],
  final: [
    'accept',
    'issue_opinion',
    'request_review',
    'decide_review',
    'request_rereview',
    'decide_rereview',
  ],
};

let serial = 0;

/** A new case of `kind` at the district, walked to `state` by `actor` (who must hold every permission). */
export async function caseInState(
  db: Db,
  actor: Actor,
  kind: TCaseKind,
  state: TCaseState,
  unitId: number,
  extra: Partial<{ subjectOrgId: number; title: string; content: string; categoryCode: string }> = {},
): Promise<number> {
  const id = await db.transaction(async (tx) => {
    if (kind === 'hotline') {
      const result = await intakeHotlineBatch({
        actor,
        tx,
        input: {
          orders: [
            {
              externalNo: `T${Date.now()}${serial++}`,
              channel: 'phone',
              categoryCode: extra.categoryCode ?? 'TEACHING',
              title: extra.title ?? '作业负担过重',
              content: extra.content ?? '家长反映孩子每天作业到深夜',
              complainantName: '王先生',
              complainantPhone: '13812345678',
              anonymous: false,
              accusation: false,
              subjectOrgId: extra.subjectOrgId ?? null,
            },
          ],
        },
      });
      return result.created[0]!.id;
    }
    const created = await registerPetition({
      actor,
      tx,
      input: {
        channel: 'letter',
        title: extra.title ?? '课后服务收费',
        content: extra.content ?? '来信反映学校课后服务收费过高',
        complainantName: '李女士',
        complainantPhone: '13912345678',
        anonymous: false,
        accusation: false,
        visitors: 1,
        subjectOrgId: extra.subjectOrgId ?? null,
      },
    });
    return created.id;
  });
  const path = (kind === 'hotline' ? hotlinePaths : petitionPaths)[state];
  if (!path) throw new Error(`no path to ${kind} ${state}`);
  for (const action of path) {
    await db.transaction((tx) =>
      transitionCase({ actor, tx, input: { id, request: samplePayload(action, unitId) } }),
    );
  }
  return id;
}
