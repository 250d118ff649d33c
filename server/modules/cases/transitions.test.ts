import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseActions,
  hotlineStates,
  petitionStates,
  type TCaseKind,
  type TCaseState,
} from '../../../contracts/cases.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Db } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { authenticateAs } from '../../test/actors.ts';
import { testDatabase } from '../../test/db.ts';
import { buildWorld, type World } from '../../test/world.ts';
import { caseInState, prepareCalendar, samplePayload } from './fixtures.ts';
import { mergeCase } from './merge-cases.ts';
import { caseClock, caseEvent, caseRecord } from './schema.ts';
import { transitionCase } from './transition-case.ts';
import { findTransition, transitions } from './transitions.ts';
import './errors.ts';

/**
 * The state machine as a table: every allowed (kind, state, action) works and lands where the
 * table says, with an event and an audit entry; every other combination is refused with
 * `cases.illegal_transition` and changes nothing.
 */
let db: Db;
let world: World;
let officer: Actor;
let close: () => Promise<void>;

beforeAll(async () => {
  const t = await testDatabase();
  db = t.db;
  close = t.close;
  world = await buildWorld(db);
  await prepareCalendar(db);
  officer = await authenticateAs(db, 'officer');
});
afterAll(async () => close());

async function stateOf(id: number) {
  const [row] = await db.select({ state: caseRecord.state }).from(caseRecord).where(eq(caseRecord.id, id));
  return row!.state;
}

const allowed = transitions.flatMap((t) => t.from.map((from) => ({ ...t, from })));

describe('every allowed transition works', () => {
  it.each(allowed.map((t) => [t.kind, t.from, t.action, t.to] as const))(
    '%s: %s --%s--> %s',
    async (kind, from, action, to) => {
      const id = await caseInState(db, officer, kind, from, world.units.schoolA1);
      if (action === 'unpause')
        await db.transaction((tx) =>
          transitionCase({
            actor: officer,
            tx,
            input: { id, request: samplePayload('pause', world.units.schoolA1) },
          }),
        );
      const before = await db.select().from(caseEvent).where(eq(caseEvent.caseId, id));
      const result = await db.transaction((tx) =>
        transitionCase({
          actor: officer,
          tx,
          input: { id, request: samplePayload(action, world.units.schoolA1) },
        }),
      );
      expect(result.state).toBe(to === 'same' ? from : to);
      const after = await db.select().from(caseEvent).where(eq(caseEvent.caseId, id));
      expect(after.length).toBe(before.length + 1);
      expect(after.at(-1)!.action).toBe(action);
      const audit = await db.$client.query(
        "SELECT 1 FROM audit_event WHERE action = $1 AND entity_type = 'case' AND entity_id = $2",
        [`cases.${action}`, String(id)],
      );
      expect(audit.rowCount).toBeGreaterThan(0);
    },
  );
});

describe('every other transition is refused', () => {
  const states: [TCaseKind, TCaseState][] = [
    ...hotlineStates.map((s) => ['hotline', s] as [TCaseKind, TCaseState]),
    ...petitionStates.map((s) => ['petition', s] as [TCaseKind, TCaseState]),
  ];
  it.each(states)('%s in %s', async (kind, state) => {
    const id = await caseInState(db, officer, kind, state, world.units.schoolA1);
    const events = (await db.select().from(caseEvent).where(eq(caseEvent.caseId, id))).length;
    let refused = 0;
    for (const action of caseActions) {
      if (findTransition(kind, state, action)) continue;
      const attempt = db.transaction((tx) =>
        transitionCase({
          actor: officer,
          tx,
          input: { id, request: samplePayload(action, world.units.schoolA1) },
        }),
      );
      await expect(attempt).rejects.toMatchObject({ code: 'cases.illegal_transition' });
      refused++;
    }
    expect(refused).toBeGreaterThan(0);
    expect(await stateOf(id)).toBe(state);
    expect((await db.select().from(caseEvent).where(eq(caseEvent.caseId, id))).length).toBe(events);
  });

  it('a merged case refuses every action', async () => {
    const a = await caseInState(db, officer, 'hotline', 'signed_for', world.units.schoolA1);
    const b = await caseInState(db, officer, 'hotline', 'signed_for', world.units.schoolA1);
    await db.transaction((tx) =>
      mergeCase({ actor: officer, tx, input: { id: a, intoId: b, reason: '重复工单' } }),
    );
    for (const action of caseActions) {
      await expect(
        db.transaction((tx) =>
          transitionCase({
            actor: officer,
            tx,
            input: { id: a, request: samplePayload(action, world.units.schoolA1) },
          }),
        ),
      ).rejects.toMatchObject({ code: 'cases.illegal_transition' });
    }
  });
});

describe('rules inside transitions', () => {
  it('a review request after its 30-day window is refused', async () => {
    const id = await caseInState(db, officer, 'petition', 'opinion_issued', world.units.schoolA1);
    await db
      .update(caseClock)
      .set({ dueAt: new Date(Date.now() - 60_000) })
      .where(eq(caseClock.caseId, id));
    await expect(
      db.transaction((tx) =>
        transitionCase({ actor: officer, tx, input: { id, request: samplePayload('request_review', 0) } }),
      ),
    ).rejects.toMatchObject({ code: 'cases.window_closed' });
    expect(await stateOf(id)).toBe('opinion_issued');
  });

  it('petition extensions stop at 30 days in all', async () => {
    const id = await caseInState(db, officer, 'petition', 'accepted', world.units.schoolA1);
    const extend = (days: number) =>
      db.transaction((tx) =>
        transitionCase({
          actor: officer,
          tx,
          input: { id, request: { action: 'extend', days, reason: '情况复杂需调查' } },
        }),
      );
    await extend(20);
    await expect(extend(11)).rejects.toMatchObject({ code: 'cases.extension_limit' });
    await extend(10);
  });

  it('a return must cite a catalogue category', async () => {
    const id = await caseInState(db, officer, 'hotline', 'signed_for', world.units.schoolA1);
    await expect(
      db.transaction((tx) =>
        transitionCase({
          actor: officer,
          tx,
          input: {
            id,
            request: { action: 'request_return', reason: '不属于本单位职责', catalogueCode: 'NOPE' },
          },
        }),
      ),
    ).rejects.toMatchObject({ code: 'cases.category_unknown', details: { field: 'catalogueCode' } });
  });

  it('a principal cannot act on another school’s case (it is not found)', async () => {
    const id = await caseInState(db, officer, 'hotline', 'signed_for', world.units.schoolA1);
    await db.transaction((tx) =>
      transitionCase({
        actor: officer,
        tx,
        input: { id, request: samplePayload('dispatch', world.units.schoolA1) },
      }),
    );
    const principalB1 = await authenticateAs(db, 'principalb1');
    await expect(
      db.transaction((tx) =>
        transitionCase({ actor: principalB1, tx, input: { id, request: samplePayload('sign_for', 0) } }),
      ),
    ).rejects.toBeInstanceOf(DomainError);
    const principalA1 = await authenticateAs(db, 'principala1');
    const signed = await db.transaction((tx) =>
      transitionCase({ actor: principalA1, tx, input: { id, request: samplePayload('sign_for', 0) } }),
    );
    expect(signed.state).toBe('signed_for');
    // Dispatching needs cases.dispatch, which a principal does not hold.
    await expect(
      db.transaction((tx) =>
        transitionCase({
          actor: principalA1,
          tx,
          input: { id, request: samplePayload('request_return', 0) },
        }),
      ),
    ).resolves.toMatchObject({ state: 'return_requested' });
    await expect(
      db.transaction((tx) =>
        transitionCase({
          actor: principalA1,
          tx,
          input: { id, request: samplePayload('approve_return', 0) },
        }),
      ),
    ).rejects.toMatchObject({ code: 'auth.forbidden' });
  });
});
