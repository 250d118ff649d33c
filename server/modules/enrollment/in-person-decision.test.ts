import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.ts';
import type { Client } from '../../test/http.ts';
import type { World } from '../../test/world.ts';
import {
  applicationBody,
  buildSchool,
  coverCalendarYear,
  createInPersonYear,
  type EnrollmentTest,
  openEnrollmentTest,
  passReviews,
  publishDraw,
  registerParent,
  sheetRows,
  slotStarted,
  submitApplication,
  NEXT_YEAR as Y,
} from './fixtures.ts';

/**
 * The 学区's decision and the in-person review (现场审核), against a real PostgreSQL over HTTP: an
 * application whose category is reviewed in person, or that the 学区 asked to come, is approved only
 * once its booking is marked attended (booked or no-show is refused, with nothing changed); a
 * rejection is always possible. Then the exports: an offer's deadline, an answer and an application's
 * submission read as Beijing wall time in Excel, not as UTC instants.
 */
let t: EnrollmentTest;
let db: Db;
let world: World;
let officer: Client;
let zoneA: Client;
let parent: Client;
let yearId: number;
let school: number;
let slots: { id: number }[] = [];

/** Beijing wall time by Intl (independent of the code under test): "2030-07-10 17:00". */
const beijing = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

beforeAll(async () => {
  t = await openEnrollmentTest({ jobs: true });
  ({ db, world, officer, zoneA } = t);
  // Next year (Beijing): every slot of these tests is in the future until a test moves it.
  await coverCalendarYear(db, Y);
  school = await buildSchool(t, 'IPD1', '现场审核小学');
  yearId = await createInPersonYear(t, {
    name: `${Y}年小学入学（现场审核）`,
    maxChoices: 1,
    schoolId: school,
    seats: 10,
  });
  const created = await zoneA.post('/api/enrollment/review-slots', {
    yearId,
    zoneId: world.units.zoneA,
    place: '中关村学区招生办 301 室',
    dates: [`${Y}-11-16`, `${Y}-11-17`, `${Y}-11-18`, `${Y}-11-19`],
    from: '09:00',
    to: '11:00',
    everyMinutes: 30,
    capacity: 3,
    skipNonWorkingDays: true,
  });
  expect(created.statusCode, created.body).toBe(200);
  slots = created.json().created;
  parent = await registerParent(t, '13655501234');
}, 120_000);
afterAll(async () => {
  await t.close();
});

/** A child's application, every agency's part passed: only the 学区's decision is left. */
async function reviewedApplication(category: 'overAge' | 'localProperty'): Promise<number> {
  const id = await submitApplication(
    parent,
    applicationBody(world, `${Y - 7}-04-01`, { yearId, category, choices: [school] }),
  );
  await passReviews(zoneA, id);
  return id;
}

const approve = (id: number) => zoneA.post(`/api/enrollment/applications/${id}/decision`, { approve: true });

async function statusOf(id: number): Promise<string> {
  const r = await db.execute<{ status: string }>(
    sql`SELECT status FROM enrollment_application WHERE id = ${id}`,
  );
  return r.rows[0]!.status;
}

async function decisions(id: number): Promise<number> {
  const r = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'enrollmentApplication'
        AND entity_id = ${String(id)} AND action IN ('enrollment.approve', 'enrollment.reject')`,
  );
  return Number(r.rows[0]!.n);
}

async function book(id: number, slotId: number): Promise<number> {
  const res = await parent.post(`/api/enrollment/my/applications/${id}/review-booking`, { slotId });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().booking.id;
}

let reviewedInPerson: number;
let plain: number;

describe('the 学区’s decision respects the in-person review', () => {
  it('refuses approval until the booking is marked attended (none, booked, no-show), then approves', async () => {
    reviewedInPerson = await reviewedApplication('overAge');
    const refusedNone = await approve(reviewedInPerson);
    expect(refusedNone.statusCode).toBe(409);
    expect(refusedNone.json().error).toMatchObject({
      code: 'enrollment.in_person_pending',
      message: expect.stringContaining('现场审核'),
      messageEn: expect.stringContaining('in person'),
    });

    const first = await book(reviewedInPerson, slots[0]!.id);
    expect((await approve(reviewedInPerson)).json().error.code).toBe('enrollment.in_person_pending');

    await slotStarted(db, slots[0]!.id);
    const noShow = await zoneA.post(`/api/enrollment/review-bookings/${first}/attendance`, {
      attended: false,
    });
    expect(noShow.json().status).toBe('noShow');
    expect((await approve(reviewedInPerson)).json().error.code).toBe('enrollment.in_person_pending');
    expect(await statusOf(reviewedInPerson)).toBe('submitted');
    expect(await decisions(reviewedInPerson)).toBe(0);

    const second = await book(reviewedInPerson, slots[1]!.id);
    await slotStarted(db, slots[1]!.id);
    const came = await zoneA.post(`/api/enrollment/review-bookings/${second}/attendance`, { attended: true });
    expect(came.json().status).toBe('attended');
    const approved = await approve(reviewedInPerson);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
    expect(await decisions(reviewedInPerson)).toBe(1);
  });

  it('always allows a rejection, booked or not', async () => {
    const unbooked = await reviewedApplication('overAge');
    const rejected = await zoneA.post(`/api/enrollment/applications/${unbooked}/decision`, {
      approve: false,
      reason: '未能提供出生医学证明原件',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionReason: '未能提供出生医学证明原件' });

    const booked = await reviewedApplication('overAge');
    await book(booked, slots[2]!.id);
    const alsoRejected = await zoneA.post(`/api/enrollment/applications/${booked}/decision`, {
      approve: false,
      reason: '材料不实',
    });
    expect(alsoRejected.json().status).toBe('rejected');
  });

  it('the 学区’s request makes an application need it too; without either, none is needed', async () => {
    const asked = await reviewedApplication('localProperty');
    const request = await zoneA.post(`/api/enrollment/applications/${asked}/in-person-review`, {
      reason: '居住地址需核验原件',
    });
    expect(request.statusCode, request.body).toBe(200);
    expect((await approve(asked)).json().error.code).toBe('enrollment.in_person_pending');
    expect(await statusOf(asked)).toBe('submitted');

    plain = await reviewedApplication('localProperty');
    const approved = await approve(plain);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
  });
});

describe('exports write instants as Beijing wall time', () => {
  async function sheet(url: string) {
    const res = await officer.get(url);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    return { header: rows[0] as string[], rows: rows.slice(1) };
  }

  it('an offer’s deadline and answer read in Beijing time', async () => {
    const { id: drawId } = await publishDraw(
      t,
      {
        yearId,
        name: `${Y}年小学派位（现场审核）`,
        stage: 'primary',
        route: 'area',
        zoneId: world.units.zoneA,
      },
      { parties: { 区教委: '33'.repeat(16), 公证处: '44'.repeat(16) } },
    );

    // One deadline at 17:00 Beijing (09:00 UTC), the hour families are told.
    const offers = (await officer.get(`/api/enrollment/offers?drawId=${drawId}`)).json().items as {
      id: number;
      applicationId: number;
      noticeNo: string;
    }[];
    expect(offers.map((o) => o.applicationId).sort()).toEqual([reviewedInPerson, plain].sort());
    const [fixed, answered] = offers;
    await db.execute(
      sql`UPDATE enrollment_offer SET deadline = '2030-07-10T17:00:00+08:00' WHERE id = ${fixed!.id}`,
    );
    await db.execute(
      sql`UPDATE enrollment_offer SET deadline = now() + interval '3 days' WHERE id = ${answered!.id}`,
    );
    const confirmed = await parent.post(`/api/enrollment/my/offers/${answered!.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const listed = (await officer.get(`/api/enrollment/offers?drawId=${drawId}`)).json().items as {
      id: number;
      deadline: string;
      respondedAt: string | null;
    }[];
    expect(listed.find((o) => o.id === fixed!.id)!.deadline).toBe('2030-07-10T09:00:00.000Z');

    const { header, rows } = await sheet(`/api/enrollment/offers/export.xlsx?drawId=${drawId}`);
    const deadline = header.indexOf('确认截止 Deadline');
    const responded = header.indexOf('答复时间 Responded');
    expect(deadline).toBeGreaterThan(0);
    const row = (noticeNo: string) => rows.find((r) => r[0] === noticeNo)!;
    expect(row(fixed!.noticeNo)[deadline]).toBe('2030-07-10 17:00');
    expect(row(fixed!.noticeNo)[responded] ?? null).toBeNull();
    const answer = listed.find((o) => o.id === answered!.id)!;
    expect(row(answered!.noticeNo)[deadline]).toBe(beijing(answer.deadline));
    expect(row(answered!.noticeNo)[responded]).toBe(beijing(answer.respondedAt!));
    expect(JSON.stringify(rows)).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  }, 60_000);

  it('an application’s submission and a booking’s times read in Beijing time', async () => {
    const apps = await sheet(`/api/enrollment/applications/export.xlsx?yearId=${yearId}`);
    const submitted = apps.header.indexOf('提交时间 Submitted');
    expect(submitted).toBeGreaterThan(0);
    const listed = (await officer.get(`/api/enrollment/applications?yearId=${yearId}&pageSize=100`)).json()
      .items as { lotteryId: string; createdAt: string }[];
    expect(apps.rows).toHaveLength(listed.length);
    for (const a of listed)
      expect(apps.rows.find((r) => r[0] === a.lotteryId)![submitted]).toBe(beijing(a.createdAt));

    const bookings = await sheet(`/api/enrollment/review-bookings/export.xlsx?yearId=${yearId}`);
    const time = bookings.header.indexOf('时间 Time');
    const markedAt = bookings.header.indexOf('登记时间 Marked at');
    const items = (await officer.get(`/api/enrollment/review-bookings?yearId=${yearId}&pageSize=100`)).json()
      .items as { bookingNo: string; startsAt: string; markedAt: string | null }[];
    expect(items.filter((b) => b.markedAt)).toHaveLength(2);
    for (const b of items) {
      const r = bookings.rows.find((row) => row[0] === b.bookingNo)!;
      expect(r[time]).toBe(beijing(b.startsAt));
      expect(r[markedAt] ?? null).toBe(b.markedAt ? beijing(b.markedAt) : null);
    }
  });
});
