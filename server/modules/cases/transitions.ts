import type { TCaseAction, TCaseKind, TCaseState } from '../../../contracts/cases.ts';
import type { Permission } from '../../core/access/index.ts';

/**
 * The state machine of both kinds of case, as one table. A transition is allowed when the case's
 * kind and state match a row for the action; the actor needs the row's permission at the case's
 * handling unit. Anything else is refused with `cases.illegal_transition`. `to: 'same'` keeps the
 * state (a clock pause, a petition's extension).
 *
 * 12345 (北京市接诉即办工作条例): dispatched → signed_for → [return_requested → returned | objection
 * rejected] → contacted → in_progress ⇄ coordinating → [extension_requested → granted/refused] →
 * replied → callback → closed | reopened.
 * 信访 (信访工作条例): registered → accepted | not_ours | transferred (objection within 5 working days)
 * | diverted; accepted → opinion_issued (60 days, +30 approved) → review_requested (30 days) →
 * reviewed → rereview_requested (30 days) → final.
 */
export interface Transition {
  kind: TCaseKind;
  action: TCaseAction;
  from: readonly TCaseState[];
  to: TCaseState | 'same';
  permission: Permission;
}

const working = ['contacted', 'in_progress', 'coordinating', 'reopened'] as const;

export const transitions: readonly Transition[] = [
  // ── 12345 work orders ──
  { kind: 'hotline', action: 'sign_for', from: ['dispatched'], to: 'signed_for', permission: 'cases.handle' },
  {
    kind: 'hotline',
    action: 'request_return',
    from: ['dispatched', 'signed_for'],
    to: 'return_requested',
    permission: 'cases.handle',
  },
  {
    kind: 'hotline',
    action: 'approve_return',
    from: ['return_requested'],
    to: 'returned',
    permission: 'cases.dispatch',
  },
  {
    kind: 'hotline',
    action: 'reject_return',
    from: ['return_requested'],
    to: 'signed_for',
    permission: 'cases.dispatch',
  },
  {
    kind: 'hotline',
    action: 'dispatch',
    from: ['signed_for', 'returned'],
    to: 'dispatched',
    permission: 'cases.dispatch',
  },
  { kind: 'hotline', action: 'contact', from: ['signed_for'], to: 'contacted', permission: 'cases.handle' },
  {
    kind: 'hotline',
    action: 'start',
    from: ['contacted', 'reopened'],
    to: 'in_progress',
    permission: 'cases.handle',
  },
  {
    kind: 'hotline',
    action: 'coordinate',
    from: ['in_progress'],
    to: 'coordinating',
    permission: 'cases.handle',
  },
  {
    kind: 'hotline',
    action: 'resume',
    from: ['coordinating'],
    to: 'in_progress',
    permission: 'cases.handle',
  },
  { kind: 'hotline', action: 'pause', from: working, to: 'same', permission: 'cases.handle' },
  { kind: 'hotline', action: 'unpause', from: working, to: 'same', permission: 'cases.handle' },
  {
    kind: 'hotline',
    action: 'request_extension',
    from: working,
    to: 'extension_requested',
    permission: 'cases.handle',
  },
  {
    kind: 'hotline',
    action: 'grant_extension',
    from: ['extension_requested'],
    to: 'in_progress',
    permission: 'cases.dispatch',
  },
  {
    kind: 'hotline',
    action: 'refuse_extension',
    from: ['extension_requested'],
    to: 'in_progress',
    permission: 'cases.dispatch',
  },
  { kind: 'hotline', action: 'reply', from: working, to: 'replied', permission: 'cases.handle' },
  {
    kind: 'hotline',
    action: 'record_callback',
    from: ['replied'],
    to: 'callback',
    permission: 'cases.dispatch',
  },
  { kind: 'hotline', action: 'close', from: ['callback'], to: 'closed', permission: 'cases.dispatch' },
  {
    kind: 'hotline',
    action: 'reopen',
    from: ['callback', 'closed'],
    to: 'reopened',
    permission: 'cases.dispatch',
  },
  // ── 信访 petitions ──
  {
    kind: 'petition',
    action: 'accept',
    from: ['registered', 'transferred'],
    to: 'accepted',
    permission: 'cases.handle',
  },
  { kind: 'petition', action: 'decline', from: ['registered'], to: 'not_ours', permission: 'cases.handle' },
  {
    kind: 'petition',
    action: 'transfer',
    from: ['registered'],
    to: 'transferred',
    permission: 'cases.dispatch',
  },
  {
    kind: 'petition',
    action: 'object_transfer',
    from: ['transferred'],
    to: 'registered',
    permission: 'cases.handle',
  },
  {
    kind: 'petition',
    action: 'divert',
    from: ['registered', 'accepted'],
    to: 'diverted',
    permission: 'cases.handle',
  },
  { kind: 'petition', action: 'extend', from: ['accepted'], to: 'same', permission: 'cases.dispatch' },
  {
    kind: 'petition',
    action: 'issue_opinion',
    from: ['accepted'],
    to: 'opinion_issued',
    permission: 'cases.handle',
  },
  {
    kind: 'petition',
    action: 'request_review',
    from: ['opinion_issued'],
    to: 'review_requested',
    permission: 'cases.dispatch',
  },
  {
    kind: 'petition',
    action: 'decide_review',
    from: ['review_requested'],
    to: 'reviewed',
    permission: 'cases.dispatch',
  },
  {
    kind: 'petition',
    action: 'request_rereview',
    from: ['reviewed'],
    to: 'rereview_requested',
    permission: 'cases.dispatch',
  },
  {
    kind: 'petition',
    action: 'decide_rereview',
    from: ['rereview_requested'],
    to: 'final',
    permission: 'cases.dispatch',
  },
  {
    kind: 'petition',
    action: 'finalize',
    from: ['opinion_issued', 'reviewed'],
    to: 'final',
    permission: 'cases.dispatch',
  },
];

/** The row that allows `action` on a case of `kind` in `state`, or undefined. */
export function findTransition(
  kind: TCaseKind,
  state: TCaseState,
  action: TCaseAction,
): Transition | undefined {
  return transitions.find((t) => t.kind === kind && t.action === action && t.from.includes(state));
}

/** States where nothing more happens (the case no longer counts as open). */
export const terminalStates: readonly TCaseState[] = ['closed', 'not_ours', 'diverted', 'final', 'merged'];

/** States where the 12345 reply clock has been answered (replied or later). */
export const answeredStates: readonly TCaseState[] = ['replied', 'callback', 'closed'];
