import { eq } from 'drizzle-orm';
import type { TCase, TCaseState, TTransitionRequest } from '../../../contracts/cases.ts';
import type { ClockRule } from '../../../engines/clock/index.ts';
import { type Actor, authorize } from '../../core/access/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { catalogueEntry, limitRules } from './catalogue.ts';
import {
  extendClock,
  pauseClocks,
  petitionRules,
  refreshCaseDue,
  runningClock,
  startClock,
  stopClocks,
  unpauseClocks,
} from './clocks.ts';
import { recordCaseEvent } from './events.ts';
import { notifyAssigned } from './notify.ts';
import { accusedBlockIds } from './policy.ts';
import { caseById, loadCaseForUpdate } from './queries.ts';
import { caseCatalogue, caseRecord } from './schema.ts';
import { findTransition } from './transitions.ts';

type CaseRow = typeof caseRecord.$inferSelect;
type Detail = Record<string, unknown>;
interface Effect {
  set?: Partial<typeof caseRecord.$inferInsert>;
  detail?: Detail;
  reason?: string | null;
  payload?: Record<string, unknown>;
  /** Notify the new handling unit. */
  assigned?: number;
  /** The unit the event counts for, when not the (new) handling unit (a return counts for the returner). */
  eventOrgId?: number;
}
interface Ctx {
  tx: Tx;
  actor: Actor;
  c: CaseRow;
  now: Date;
  detail: Detail;
}

/**
 * Move a case along the state machine (transitions.ts): find the row that allows the action in the
 * case's state, check the actor's permission at the handling unit, apply the action's effect on the
 * case and its clocks, and record the event and the audit entry — all in the caller's transaction.
 */
export async function transitionCase({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; request: TTransitionRequest };
}): Promise<TCase> {
  const c = await loadCaseForUpdate(tx, actor, input.id);
  const { request } = input;
  const t =
    c.mergedIntoId === null
      ? findTransition(c.kind as TCase['kind'], c.state as TCaseState, request.action)
      : undefined;
  if (!t) throw new DomainError('cases.illegal_transition', { state: c.state, action: request.action });
  await authorize(tx, actor, t.permission, c.orgId, 'cases.case_not_found');
  const now = new Date();
  const ctx: Ctx = { tx, actor, c, now, detail: { ...(c.detail as Detail) } };
  const effect = await apply(ctx, request);
  const to = t.to === 'same' ? (c.state as TCaseState) : t.to;
  await tx
    .update(caseRecord)
    .set({ ...effect.set, detail: effect.detail ?? ctx.detail, state: to, updatedAt: now })
    .where(eq(caseRecord.id, c.id));
  await refreshCaseDue(tx, c.id);
  const { action: _a, ...fields } = request as { action: string } & Record<string, unknown>;
  await recordCaseEvent(tx, actor, {
    caseId: c.id,
    districtId: c.districtId,
    orgId: effect.eventOrgId ?? effect.set?.orgId ?? c.orgId,
    action: request.action,
    fromState: c.state,
    toState: to,
    reason: effect.reason ?? (typeof fields.reason === 'string' ? fields.reason : null),
    payload: { ...fields, ...(effect.payload ?? {}) },
    at: now,
  });
  if (effect.assigned !== undefined) {
    const [due] = await tx
      .select({ dueAt: caseRecord.dueAt })
      .from(caseRecord)
      .where(eq(caseRecord.id, c.id));
    await notifyAssigned(tx, {
      orgId: effect.assigned,
      caseId: c.id,
      caseNo: c.externalNo,
      subject: c.title,
      from: actor.displayName,
      deadline: due?.dueAt ?? null,
    });
  }
  return caseById(tx, actor, c.id);
}

async function caseCatalogueEntry(ctx: Ctx) {
  if (ctx.c.catalogueId !== null) {
    const [row] = await ctx.tx.select().from(caseCatalogue).where(eq(caseCatalogue.id, ctx.c.catalogueId));
    if (row)
      return {
        signForHours: Number(row.signForHours),
        firstContactHours: Number(row.firstContactHours),
        replyRule: row.replyRule as ClockRule,
      };
  }
  return { signForHours: 2, firstContactHours: 24, replyRule: limitRules.general as ClockRule };
}

/** A handling unit must be in the district, a unit that handles cases, and not the accused one. */
async function assertHandlingUnit(ctx: Ctx, orgId: number) {
  const [unit] = await ctx.tx
    .select({ districtId: orgUnit.districtId, kind: orgUnit.kind })
    .from(orgUnit)
    .where(eq(orgUnit.id, orgId));
  const handles = ['district', 'department', 'zone', 'school', 'kindergarten', 'communitySite'];
  if (!unit || unit.districtId !== ctx.c.districtId || !handles.includes(unit.kind))
    throw new DomainError('cases.unit_invalid', { field: 'orgId' });
  if (ctx.c.accusation && ctx.c.accusedOrgId !== null) {
    const inside = await accusedBlockIds(ctx.tx, {
      ...ctx.actor,
      orgId,
      grants: [],
      scopeCache: undefined,
    });
    if (inside.has(ctx.c.accusedOrgId))
      throw new DomainError('cases.dispatch_to_accused', { field: 'orgId' });
  }
}

async function windowOpen(ctx: Ctx, kind: 'transfer_objection' | 'review_request' | 'rereview_request') {
  const clock = await runningClock(ctx.tx, ctx.c.id, kind);
  if (!clock || clock.dueAt < ctx.now) throw new DomainError('cases.window_closed');
}

const c0 = (ctx: Ctx) => ({ id: ctx.c.id, districtId: ctx.c.districtId });

async function apply(ctx: Ctx, r: TTransitionRequest): Promise<Effect> {
  const { tx, actor, c, now, detail } = ctx;
  switch (r.action) {
    // ── 12345 ──
    case 'sign_for': {
      await stopClocks(tx, c.id, ['sign_for'], now);
      const entry = await caseCatalogueEntry(ctx);
      await startClock(tx, actor, c0(ctx), 'first_contact', { hours: entry.firstContactHours }, now);
      return { set: { signedForAt: now } };
    }
    case 'request_return': {
      const cited = await catalogueEntry(tx, c.districtId, r.catalogueCode, 'catalogueCode');
      if (r.suggestedOrgId) await assertHandlingUnit(ctx, r.suggestedOrgId);
      await stopClocks(tx, c.id, ['sign_for'], now);
      detail.returnRequest = {
        fromOrgId: c.orgId,
        reason: r.reason,
        catalogueCode: cited.code,
        catalogueName: cited.name,
        catalogueUnitKind: cited.unitKind,
        suggestedOrgId: r.suggestedOrgId ?? null,
        suggestedUnit: r.suggestedUnit ?? null,
        at: now.toISOString(),
      };
      return {};
    }
    case 'approve_return': {
      await stopClocks(tx, c.id, ['sign_for', 'first_contact'], now, 'cancelled');
      detail.returns = [
        ...((detail.returns as unknown[]) ?? []),
        { ...(detail.returnRequest as Detail), approved: true },
      ];
      if (c.orgId === c.districtId) await stopClocks(tx, c.id, 'all', now, 'cancelled');
      return {
        set: { orgId: c.districtId, returnCount: c.returnCount + 1, signedForAt: null },
        eventOrgId: c.orgId,
      };
    }
    case 'reject_return': {
      detail.returnRequest = { ...(detail.returnRequest as Detail), rejected: true, rejectReason: r.reason };
      if (!(await runningClock(tx, c.id, 'first_contact'))) {
        const entry = await caseCatalogueEntry(ctx);
        await startClock(tx, actor, c0(ctx), 'first_contact', { hours: entry.firstContactHours }, now);
      }
      return { set: { signedForAt: c.signedForAt ?? now } };
    }
    case 'dispatch': {
      await assertHandlingUnit(ctx, r.orgId);
      const entry = await caseCatalogueEntry(ctx);
      await stopClocks(tx, c.id, ['first_contact'], now, 'cancelled');
      await startClock(tx, actor, c0(ctx), 'sign_for', { hours: entry.signForHours }, now);
      // 首接负责: the first unit the commission dispatches to leads; later ones are recorded too.
      detail.dispatches = [
        ...((detail.dispatches as unknown[]) ?? []),
        { orgId: r.orgId, at: now.toISOString() },
      ];
      detail.firstUnitId ??= r.orgId;
      return { set: { orgId: r.orgId, dispatchedAt: now, signedForAt: null }, assigned: r.orgId };
    }
    case 'contact':
      await stopClocks(tx, c.id, ['first_contact'], now);
      return { set: { contactedAt: c.contactedAt ?? now } };
    case 'start':
    case 'resume':
      return {};
    case 'coordinate':
      detail.coordination = [
        ...((detail.coordination as unknown[]) ?? []),
        { reason: r.reason, at: now.toISOString() },
      ];
      return {};
    case 'pause': {
      if (
        !(await runningClock(tx, c.id, 'reply')) ||
        (await runningClock(tx, c.id, 'reply'))?.status !== 'running'
      )
        throw new DomainError('cases.illegal_transition', { state: c.state, action: r.action });
      await pauseClocks(tx, c.id, ['reply', 'first_contact'], now, r.reason);
      return {};
    }
    case 'unpause': {
      if ((await unpauseClocks(tx, actor, c.id, now)) === 0)
        throw new DomainError('cases.illegal_transition', { state: c.state, action: r.action });
      return {};
    }
    case 'request_extension': {
      if (!r.days && !r.hours) throw new DomainError('cases.extension_missing', { field: 'days' });
      detail.pendingExtension = {
        ...(r.days ? { days: r.days } : { hours: r.hours }),
        reason: r.reason,
        at: now.toISOString(),
        stateBefore: c.state,
      };
      return {};
    }
    case 'grant_extension':
    case 'refuse_extension': {
      const pending = detail.pendingExtension as { days?: number; hours?: number; reason: string };
      const granted = r.action === 'grant_extension';
      if (granted) {
        const reply = await runningClock(tx, c.id, 'reply');
        const hourClock = reply ? 'hours' in (reply.rule as object) : false;
        const amount = pending.days
          ? { days: pending.days }
          : hourClock
            ? { hours: pending.hours! }
            : { days: Math.ceil(pending.hours! / 24) };
        await extendClock(tx, actor, c.id, 'reply', {
          ...amount,
          approver: actor.displayName,
          reason: pending.reason,
        });
      }
      detail.extensions = [
        ...((detail.extensions as unknown[]) ?? []),
        {
          ...pending,
          granted,
          decisionReason: r.reason,
          decidedAt: now.toISOString(),
          decidedBy: actor.displayName,
        },
      ];
      delete detail.pendingExtension;
      return {};
    }
    case 'reply': {
      const reply = await runningClock(tx, c.id, 'reply');
      if (reply?.status === 'paused') await unpauseClocks(tx, actor, c.id, now);
      const fresh = await runningClock(tx, c.id, 'reply');
      await stopClocks(tx, c.id, ['reply', 'first_contact'], now);
      detail.reply = { text: r.reply, at: now.toISOString(), by: actor.displayName };
      return { set: { repliedAt: now, onTime: fresh ? fresh.dueAt >= now : null } };
    }
    case 'record_callback': {
      const month = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
      return {
        set: {
          callbackAt: now,
          callbackValid: r.valid,
          callbackSolved: r.solved,
          callbackSatisfaction: r.satisfaction,
          callbackNote: r.note ?? null,
          rankMonth: month,
        },
      };
    }
    case 'close':
      await stopClocks(tx, c.id, 'all', now, 'cancelled');
      return { set: { closedAt: now } };
    case 'reopen': {
      const entry = await caseCatalogueEntry(ctx);
      await startClock(tx, actor, c0(ctx), 'reply', entry.replyRule, now);
      detail.reopened = ((detail.reopened as number) ?? 0) + 1;
      return { set: { closedAt: null, repliedAt: null, onTime: null } };
    }
    // ── 信访 ──
    case 'accept':
      await stopClocks(tx, c.id, ['petition_accept', 'transfer_objection'], now);
      await startClock(tx, actor, c0(ctx), 'petition_handle', petitionRules.petition_handle, now);
      detail.acceptance = { note: r.note ?? null, at: now.toISOString(), orgId: c.orgId };
      return { set: { acceptedAt: now } };
    case 'decline':
      await stopClocks(tx, c.id, 'all', now);
      detail.rejection = { reason: r.reason, whereToGo: r.whereToGo, at: now.toISOString(), orgId: c.orgId };
      return { set: { closedAt: now } };
    case 'transfer':
      await assertHandlingUnit(ctx, r.orgId);
      await stopClocks(tx, c.id, ['petition_accept'], now);
      await startClock(tx, actor, c0(ctx), 'transfer_objection', petitionRules.transfer_objection, now);
      detail.transfer = { fromOrgId: c.orgId, toOrgId: r.orgId, reason: r.reason, at: now.toISOString() };
      return { set: { orgId: r.orgId }, assigned: r.orgId };
    case 'object_transfer': {
      await windowOpen(ctx, 'transfer_objection');
      await stopClocks(tx, c.id, ['transfer_objection'], now);
      await startClock(tx, actor, c0(ctx), 'petition_accept', petitionRules.petition_accept, now);
      const transfer = detail.transfer as { fromOrgId: number };
      detail.transfer = { ...transfer, objection: r.reason, objectedAt: now.toISOString() };
      return { set: { orgId: transfer.fromOrgId } };
    }
    case 'divert':
      await stopClocks(tx, c.id, 'all', now, 'cancelled');
      detail.diversion = { channel: r.channel, reason: r.reason, at: now.toISOString() };
      return { set: { closedAt: now } };
    case 'extend': {
      const used = (detail.extensionDays as number) ?? 0;
      if (used + r.days > 30) throw new DomainError('cases.extension_limit', { field: 'days' });
      await extendClock(tx, actor, c.id, 'petition_handle', {
        days: r.days,
        approver: actor.displayName,
        reason: r.reason,
      });
      detail.extensionDays = used + r.days;
      detail.extensions = [
        ...((detail.extensions as unknown[]) ?? []),
        {
          days: r.days,
          reason: r.reason,
          granted: true,
          decidedAt: now.toISOString(),
          decidedBy: actor.displayName,
        },
      ];
      return {};
    }
    case 'issue_opinion': {
      const { action: _a, ...opinion } = r;
      await stopClocks(tx, c.id, ['petition_handle'], now);
      await startClock(tx, actor, c0(ctx), 'review_request', petitionRules.review_request, now);
      detail.opinion = { ...opinion, issuedAt: now.toISOString(), orgId: c.orgId };
      return { set: { opinionAt: now } };
    }
    case 'request_review':
      await windowOpen(ctx, 'review_request');
      await stopClocks(tx, c.id, ['review_request'], now);
      await startClock(tx, actor, c0(ctx), 'review_decide', petitionRules.review_decide, now);
      detail.review = { reason: r.reason, requestedAt: now.toISOString() };
      return {};
    case 'decide_review': {
      const { action: _a, ...decision } = r;
      await stopClocks(tx, c.id, ['review_decide'], now);
      await startClock(tx, actor, c0(ctx), 'rereview_request', petitionRules.rereview_request, now);
      detail.review = { ...(detail.review as Detail), decision, decidedAt: now.toISOString() };
      return {};
    }
    case 'request_rereview':
      await windowOpen(ctx, 'rereview_request');
      await stopClocks(tx, c.id, ['rereview_request'], now);
      await startClock(tx, actor, c0(ctx), 'rereview_decide', petitionRules.rereview_decide, now);
      detail.rereview = { reason: r.reason, requestedAt: now.toISOString() };
      return {};
    case 'decide_rereview': {
      const { action: _a, ...decision } = r;
      await stopClocks(tx, c.id, ['rereview_decide'], now);
      detail.rereview = { ...(detail.rereview as Detail), decision, decidedAt: now.toISOString() };
      return { set: { closedAt: now } };
    }
    case 'finalize':
      await stopClocks(tx, c.id, 'all', now, 'cancelled');
      return { set: { closedAt: now } };
  }
}
