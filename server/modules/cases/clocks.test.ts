import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/access/index.ts';
import type { Db } from '../../core/db/index.ts';
import { authenticateAs } from '../../test/actors.ts';
import { testDatabase } from '../../test/db.ts';
import { buildWorld } from '../../test/world.ts';
import {
  extendClock,
  pauseClocks,
  petitionRules,
  refreshCaseDue,
  startClock,
  unpauseClocks,
} from './clocks.ts';
import { prepareCalendar } from './fixtures.ts';
import { intakeHotlineBatch } from './intake-hotline.ts';
import { caseClock, caseRecord } from './schema.ts';

/**
 * Deadlines of cases across the 2025 and 2026 holidays, against values computed by hand from the
 * State Council notices; pauses and extensions shift the due instant exactly.
 *
 * 2025 国庆/中秋: 10-01…10-08 off, 09-28 (Sun) and 10-11 (Sat) worked.
 * 2026 春节: 02-15…02-23 off, 02-14 and 02-28 (Sat) worked. 2026 国庆: 10-01…10-07 off, 10-10 (Sat) worked.
 */
let db: Db;
let officer: Actor;
let close: () => Promise<void>;
let serial = 0;

beforeAll(async () => {
  const t = await testDatabase();
  db = t.db;
  close = t.close;
  await buildWorld(db);
  await prepareCalendar(db);
  officer = await authenticateAs(db, 'officer');
});
afterAll(async () => close());

async function order(categoryCode: string, receivedAt: string): Promise<number> {
  const result = await db.transaction((tx) =>
    intakeHotlineBatch({
      actor: officer,
      tx,
      input: {
        orders: [
          {
            externalNo: `CLK${serial++}`,
            channel: 'phone',
            categoryCode,
            title: '测试',
            content: '测试内容',
            receivedAt,
            anonymous: true,
            accusation: false,
          },
        ],
      },
    }),
  );
  return result.created[0]!.id;
}

async function due(caseId: number, kind: string): Promise<string> {
  const [row] = await db
    .select({ dueAt: caseClock.dueAt })
    .from(caseClock)
    .where(and(eq(caseClock.caseId, caseId), eq(caseClock.kind, kind)));
  return row!.dueAt.toISOString();
}
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('12345 limits from the catalogue', () => {
  it('7 days from 2025-09-28 end on the first working day after National Day: 2025-10-09', async () => {
    // Days 09-29…10-05 count; 10-05 is a holiday, 10-06…10-08 too: the period ends at 24:00 on 10-09.
    const id = await order('TEACHING', '2025-09-28T10:00:00+08:00');
    expect(await due(id, 'reply')).toBe(bj('2025-10-10T00:00:00'));
    expect(await due(id, 'sign_for')).toBe(bj('2025-09-28T12:00:00'));
  });

  it('7 days from 2026-02-08 roll over the Spring Festival to 2026-02-24', async () => {
    const id = await order('FEES', '2026-02-08T10:00:00+08:00');
    expect(await due(id, 'reply')).toBe(bj('2026-02-25T00:00:00'));
  });

  it('15 days (complex) from 2026-09-24 end on 2026-10-09, a working day', async () => {
    const id = await order('TRAINING', '2026-09-24T09:00:00+08:00');
    expect(await due(id, 'reply')).toBe(bj('2026-10-10T00:00:00'));
  });

  it('an emergency runs 2 hours through a holiday; utilities 24 hours', async () => {
    const a = await order('SAFETY', '2026-10-01T10:00:00+08:00');
    expect(await due(a, 'reply')).toBe(bj('2026-10-01T12:00:00'));
    expect(await due(a, 'sign_for')).toBe(bj('2026-10-01T10:30:00'));
    const b = await order('UTILITY', '2026-10-03T22:15:00+08:00');
    expect(await due(b, 'reply')).toBe(bj('2026-10-04T22:15:00'));
  });
});

describe('petition clocks', () => {
  it('5 working days from 2026-09-30 skip National Day and count Saturday 10-10: 2026-10-13', async () => {
    const id = await order('OTHER', '2026-09-30T15:00:00+08:00');
    await db.transaction((tx) =>
      startClock(
        tx,
        officer,
        { id, districtId: officer.districtId! },
        'transfer_objection',
        petitionRules.transfer_objection,
        new Date(bj('2026-09-30T15:00:00')),
      ),
    );
    expect(await due(id, 'transfer_objection')).toBe(bj('2026-10-14T00:00:00'));
  });

  it('15 days to accept from 2026-09-24: 2026-10-09', async () => {
    const id = await order('OTHER', '2026-09-24T09:00:00+08:00');
    await db.transaction((tx) =>
      startClock(
        tx,
        officer,
        { id, districtId: officer.districtId! },
        'petition_accept',
        petitionRules.petition_accept,
        new Date(bj('2026-09-24T09:00:00')),
      ),
    );
    expect(await due(id, 'petition_accept')).toBe(bj('2026-10-10T00:00:00'));
  });

  it('60 days to handle from 2026-03-02 (Mon): 2026-05-01 is a holiday, so 2026-05-06', async () => {
    const id = await order('OTHER', '2026-03-02T09:00:00+08:00');
    await db.transaction((tx) =>
      startClock(
        tx,
        officer,
        { id, districtId: officer.districtId! },
        'petition_handle',
        petitionRules.petition_handle,
        new Date(bj('2026-03-02T09:00:00')),
      ),
    );
    // 03-03 is day 1, 05-01 day 60; 05-01…05-05 are the Labour Day holiday: ends 24:00 on 05-06.
    expect(await due(id, 'petition_handle')).toBe(bj('2026-05-07T00:00:00'));
  });
});

describe('pauses and extensions', () => {
  it('a 3½-hour pause moves a 24-hour clock by exactly 3½ hours', async () => {
    const id = await order('UTILITY', '2026-03-02T09:00:00+08:00');
    await db.transaction(async (tx) => {
      await pauseClocks(tx, id, ['reply'], new Date(bj('2026-03-02T10:00:00')), '等待诉求人提供照片');
      await unpauseClocks(tx, officer, id, new Date(bj('2026-03-02T13:30:00')));
      await refreshCaseDue(tx, id);
    });
    expect(await due(id, 'reply')).toBe(bj('2026-03-03T12:30:00'));
    const [row] = await db.select().from(caseRecord).where(eq(caseRecord.id, id));
    expect(row!.replyDueAt!.toISOString()).toBe(bj('2026-03-03T12:30:00'));
  });

  it('a pause from Tuesday to Thursday adds back Wednesday and Thursday to a 7-day clock', async () => {
    const id = await order('TEACHING', '2026-03-02T09:00:00+08:00');
    expect(await due(id, 'reply')).toBe(bj('2026-03-10T00:00:00'));
    await db.transaction(async (tx) => {
      await pauseClocks(tx, id, ['reply'], new Date(bj('2026-03-03T10:00:00')), '等待诉求人');
      await unpauseClocks(tx, officer, id, new Date(bj('2026-03-05T16:00:00')));
    });
    expect(await due(id, 'reply')).toBe(bj('2026-03-12T00:00:00'));
  });

  it('an extension of 5 days continues after the original last day and rolls off the weekend', async () => {
    const id = await order('TEACHING', '2026-03-02T09:00:00+08:00');
    await db.transaction((tx) =>
      extendClock(tx, officer, id, 'reply', { days: 5, approver: '区教委', reason: '涉及多个部门' }),
    );
    // Original last day 03-09; 03-10…03-14 counted; 03-14 is a Saturday: ends 24:00 on Monday 03-16.
    expect(await due(id, 'reply')).toBe(bj('2026-03-17T00:00:00'));
    const [clock] = await db
      .select()
      .from(caseClock)
      .where(and(eq(caseClock.caseId, id), eq(caseClock.kind, 'reply')));
    expect((clock!.explanation as { kind: string }[]).some((s) => s.kind === 'extension')).toBe(true);
  });

  it('a year without calendar data is refused with a coded error', async () => {
    await expect(order('TEACHING', '2028-12-28T09:00:00+08:00')).rejects.toMatchObject({
      code: 'calendar.not_covered',
    });
  });
});
