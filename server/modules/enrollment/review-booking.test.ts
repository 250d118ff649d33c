import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.ts';
import { type Client, loginAs } from '../../test/http.ts';
import type { World } from '../../test/world.ts';
import {
  applicationBody,
  auditedExports,
  buildSchool,
  coverCalendarYear,
  createInPersonYear,
  type EnrollmentTest,
  numberOf,
  openEnrollmentTest,
  registerParent as registerParentIn,
  sheetRows,
  slotStarted,
  submitApplication,
  NEXT_YEAR as Y,
} from './fixtures.ts';

/**
 * 预约现场审核 against a real PostgreSQL, over HTTP: the 学区 opens a series of slots (a holiday
 * refused, or skipped), families whose application needs no in-person review are refused, a family
 * books, moves and cancels until the cutoff, twenty families race for five places, other families
 * see nothing of a booking, the 学区 records attendance (a no-show books again), a cancelled slot
 * cancels its bookings and tells the families, and both lists export to Excel, audited.
 */
let t: EnrollmentTest;
let db: Db;
let app: EnrollmentTest['app'];
let world: World;
let officer: Client;
let zoneA: Client;
let yearId: number;
let school: number;

beforeAll(async () => {
  t = await openEnrollmentTest();
  ({ db, app, world, officer, zoneA } = t);
  // Every slot here is next year (Beijing), always ahead of now. That year may be past the bundled
  // calendar: then it is entered here, with its National Day week.
  await coverCalendarYear(
    db,
    Y,
    Array.from({ length: 7 }, (_, i) => ({ day: `${Y}-10-0${i + 1}`, name: '国庆节', statutory: i < 3 })),
  );
  school = await buildSchool(t, 'RV1', '预约小学');
  yearId = await createInPersonYear(t, {
    name: `${Y}年小学入学`,
    maxChoices: 3,
    schoolId: school,
    seats: 50,
  });
}, 120_000);
afterAll(async () => {
  await t.close();
});

const registerParent = () => registerParentIn(t);
const apply = (parent: Client, category: 'overAge' | 'localProperty') =>
  submitApplication(
    parent,
    applicationBody(world, `${Y - 7}-03-01`, { yearId, category, choices: [school] }),
  );
const count = (query: ReturnType<typeof sql>) => numberOf(db, query);

/** Beijing weekday of an ISO date: 0 Sunday … 6 Saturday. */
const weekday = (date: string) => new Date(`${date}T12:00:00+08:00`).getUTCDay();

let seriesSlots: { id: number; startsAt: string; remaining: number }[] = [];

describe('slots', () => {
  it('the 学区 opens a series every 30 minutes from 9:00 to 16:30; a holiday is refused, or skipped', async () => {
    const dates = [`${Y}-10-01`, `${Y}-10-13`, `${Y}-10-14`, `${Y}-10-15`];
    const body = {
      yearId,
      zoneId: world.units.zoneA,
      place: '中关村学区招生办 201 室',
      dates,
      from: '09:00',
      to: '16:30',
      everyMinutes: 30,
      capacity: 2,
    };
    const before = await count(sql`SELECT count(*)::int AS n FROM enrollment_review_slot`);
    const refused = await zoneA.post('/api/enrollment/review-slots', body);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'enrollment.slot_not_working_day', field: 'dates.0' });
    expect(await count(sql`SELECT count(*)::int AS n FROM enrollment_review_slot`)).toBe(before);

    const res = await zoneA.post('/api/enrollment/review-slots', { ...body, skipNonWorkingDays: true });
    expect(res.statusCode, res.body).toBe(200);
    const worked = dates.slice(1).filter((d) => weekday(d) !== 0 && weekday(d) !== 6);
    expect(worked.length).toBeGreaterThan(0);
    const out = res.json();
    expect(out.created).toHaveLength(15 * worked.length);
    expect(out.skipped.map((s: { date: string }) => s.date)).toEqual(
      dates.filter((d) => !worked.includes(d)),
    );
    expect(out.skipped[0]).toMatchObject({ date: `${Y}-10-01`, kind: 'holiday', name: '国庆节' });
    // Beijing wall-clock times, stored as instants: 09:00+08:00 is 01:00Z.
    expect(out.created[0].startsAt).toBe(new Date(`${worked[0]}T09:00:00+08:00`).toISOString());
    expect(out.created.at(-1).endsAt).toBe(new Date(`${worked.at(-1)}T16:30:00+08:00`).toISOString());
    expect(out.created[0]).toMatchObject({ capacity: 2, booked: 0, remaining: 2, status: 'open' });
    seriesSlots = out.created;

    // The same series again overlaps itself at that place.
    const again = await zoneA.post('/api/enrollment/review-slots', { ...body, skipNonWorkingDays: true });
    expect(again.json().error.code).toBe('enrollment.slot_overlaps');
    const audit = await count(
      sql`SELECT count(*)::int AS n FROM audit_event WHERE action = 'enrollment.create_review_slots'`,
    );
    expect(audit).toBe(1);
  });

  it('refuses bad slots with coded errors; 401 / 403 / 400 around the routes', async () => {
    const base = {
      yearId,
      zoneId: world.units.zoneA,
      place: '中关村学区 102',
      dates: [`${Y}-10-20`],
      from: '09:00',
      to: '10:00',
      capacity: 3,
      skipNonWorkingDays: true,
    };
    const pastFortnight = Array.from({ length: 14 }, (_, i) =>
      new Date(Date.now() - (20 + i) * 86_400_000).toISOString().slice(0, 10),
    );
    const cases: [Record<string, unknown>, string][] = [
      [{ from: '11:00' }, 'enrollment.slot_time_invalid'],
      [{ everyMinutes: 90 }, 'enrollment.slot_time_invalid'],
      [{ zoneId: world.units.schoolA1 }, 'enrollment.zone_invalid'],
      [{ categories: ['nobody'] }, 'enrollment.category_unknown'],
      // A fortnight of past dates holds a working day whatever the holidays.
      [{ dates: pastFortnight }, 'enrollment.slot_in_past'],
    ];
    for (const [override, code] of cases) {
      const res = await zoneA.post('/api/enrollment/review-slots', { ...base, ...override });
      expect(res.json().error?.code, JSON.stringify(override)).toBe(code);
    }
    expect((await zoneA.post('/api/enrollment/review-slots', { ...base, capacity: 0 })).statusCode).toBe(400);
    expect((await zoneA.post('/api/enrollment/review-slots', { ...base, from: '9am' })).statusCode).toBe(400);
    expect((await app.app.inject({ method: 'GET', url: '/api/enrollment/review-slots' })).statusCode).toBe(
      401,
    );
    const principal = await loginAs(app.app, 'principala1');
    expect((await principal.get('/api/enrollment/review-slots')).statusCode).toBe(403);
    const parent = await registerParent();
    expect((await parent.post('/api/enrollment/review-slots', base)).statusCode).toBe(403);
    // The auditor reads the slots but may not open any.
    const auditor = await loginAs(app.app, 'auditor');
    expect((await auditor.get(`/api/enrollment/review-slots?yearId=${yearId}`)).json().total).toBe(
      seriesSlots.length,
    );
    expect((await auditor.post('/api/enrollment/review-slots', base)).statusCode).toBe(403);
  });
});

let parentA: Client;
let parentB: Client;
let appA: number;
let plainApp: number;

describe('booking', () => {
  it('a parent whose application needs no in-person review cannot book, until the 学区 asks for one', async () => {
    parentA = await registerParent();
    plainApp = await apply(parentA, 'localProperty');
    const view = (await parentA.get(`/api/enrollment/applications/${plainApp}/in-person-review`)).json();
    expect(view).toMatchObject({ needed: false, required: false, slots: [], actions: [] });
    const refused = await parentA.post(`/api/enrollment/my/applications/${plainApp}/review-booking`, {
      slotId: seriesSlots[0]!.id,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('enrollment.in_person_not_required');
    expect(await count(sql`SELECT count(*)::int AS n FROM enrollment_review_booking`)).toBe(0);

    // During the review the 学区 asks this application for one, with a reason the family sees.
    const asked = await zoneA.post(`/api/enrollment/applications/${plainApp}/in-person-review`, {
      reason: '户籍与居住地址需核验原件',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(
      (
        await zoneA.post(`/api/enrollment/applications/${plainApp}/in-person-review`, { reason: '再次' })
      ).json().error.code,
    ).toBe('enrollment.in_person_requested');
    const now = (await parentA.get(`/api/enrollment/applications/${plainApp}/in-person-review`)).json();
    expect(now).toMatchObject({ needed: true, required: true, reasons: ['户籍与居住地址需核验原件'] });
    expect(now.actions).toEqual(['book']);
    expect(now.slots.length).toBe(seriesSlots.length);
    const inbox = (await parentA.get('/api/notifications')).json();
    expect(JSON.stringify(inbox)).toContain('请预约现场审核');
  });

  it('books, moves (the earlier booking cancelled in the same step) and cancels; the slip is printable', async () => {
    appA = await apply(parentA, 'overAge');
    const [first, second] = seriesSlots;
    const booked = await parentA.post(`/api/enrollment/my/applications/${appA}/review-booking`, {
      slotId: first!.id,
    });
    expect(booked.statusCode, booked.body).toBe(200);
    expect(booked.json().booking).toMatchObject({ slotId: first!.id, status: 'booked', actions: ['cancel'] });
    expect(booked.json().booking.bookingNo).toMatch(new RegExp(`^R${Y}-[A-Z2-9]{8}$`));
    expect(booked.json().slots.find((s: { id: number }) => s.id === first!.id).remaining).toBe(1);
    // Booking the same slot again changes nothing.
    const same = await parentA.post(`/api/enrollment/my/applications/${appA}/review-booking`, {
      slotId: first!.id,
    });
    expect(same.json().booking.id).toBe(booked.json().booking.id);

    const moved = await parentA.post(`/api/enrollment/my/applications/${appA}/review-booking`, {
      slotId: second!.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().booking.slotId).toBe(second!.id);
    expect(moved.json().history).toEqual([
      expect.objectContaining({
        id: booked.json().booking.id,
        status: 'cancelled',
        cancelReason: 'rebooked',
      }),
    ]);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM enrollment_review_booking WHERE application_id = ${appA} AND status = 'booked'`,
      ),
    ).toBe(1);

    const slip = await parentA.get(`/api/enrollment/review-bookings/${moved.json().booking.id}/slip`);
    expect(slip.statusCode, slip.body).toBe(200);
    expect(slip.json()).toMatchObject({
      bookingNo: moved.json().booking.bookingNo,
      zoneName: '中关村学区',
      place: '中关村学区招生办 201 室',
      startsAt: second!.startsAt,
      status: 'booked',
      reasons: ['超龄儿童'],
    });
    expect(slip.json().childIdNumber).toMatch(/\*{4}/);

    const cancelled = await parentA.post(
      `/api/enrollment/my/review-bookings/${moved.json().booking.id}/cancel`,
    );
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().booking).toBeNull();
    const twice = await parentA.post(`/api/enrollment/my/review-bookings/${moved.json().booking.id}/cancel`);
    expect(twice.json().error.code).toBe('enrollment.booking_closed');
    const actions = await db.execute<{ action: string }>(
      sql`SELECT action FROM audit_event WHERE entity_type = 'enrollmentReviewBooking' ORDER BY seq`,
    );
    expect(actions.rows.map((r) => r.action)).toEqual([
      'enrollment.book_review',
      'enrollment.rebook_review',
      'enrollment.cancel_review_booking',
    ]);
  });

  it('refuses to book, move or cancel within the cutoff (24 hours before the slot)', async () => {
    const [, , third, fourth] = seriesSlots;
    const res = await parentA.post(`/api/enrollment/my/applications/${appA}/review-booking`, {
      slotId: third!.id,
    });
    const bookingId = res.json().booking.id;
    // Time passes: the slot now starts in two hours.
    await db.execute(
      sql`UPDATE enrollment_review_slot SET starts_at = now() + interval '2 hours', ends_at = now() + interval '150 minutes' WHERE id = ${third!.id}`,
    );
    const cancel = await parentA.post(`/api/enrollment/my/review-bookings/${bookingId}/cancel`);
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json().error.code).toBe('enrollment.booking_cutoff');
    const move = await parentA.post(`/api/enrollment/my/applications/${appA}/review-booking`, {
      slotId: fourth!.id,
    });
    expect(move.json().error.code).toBe('enrollment.booking_cutoff');
    const view = (await parentA.get(`/api/enrollment/applications/${appA}/in-person-review`)).json();
    expect(view.booking).toMatchObject({ id: bookingId, status: 'booked', actions: [] });
    expect(view.actions).toEqual(['book']);
    // A slot within the cutoff is not offered, nor bookable by another family.
    expect(view.slots.some((s: { id: number }) => s.id === third!.id)).toBe(false);
    const other = await apply(parentA, 'overAge');
    const late = await parentA.post(`/api/enrollment/my/applications/${other}/review-booking`, {
      slotId: third!.id,
    });
    expect(late.json().error.code).toBe('enrollment.booking_cutoff');
  });

  it('another family can neither see nor cancel a booking', async () => {
    parentB = await registerParent();
    const view = (await parentA.get(`/api/enrollment/applications/${appA}/in-person-review`)).json();
    const bookingId = view.booking.id;
    expect((await parentB.get(`/api/enrollment/applications/${appA}/in-person-review`)).statusCode).toBe(404);
    const cancel = await parentB.post(`/api/enrollment/my/review-bookings/${bookingId}/cancel`);
    expect(cancel.statusCode).toBe(404);
    expect(cancel.json().error.code).toBe('enrollment.booking_not_found');
    expect((await parentB.get(`/api/enrollment/review-bookings/${bookingId}/slip`)).statusCode).toBe(404);
    const steal = await parentB.post(`/api/enrollment/my/applications/${appA}/review-booking`, {
      slotId: seriesSlots[5]!.id,
    });
    expect(steal.statusCode).toBe(404);
    expect((await parentB.get('/api/enrollment/review-bookings')).statusCode).toBe(403);
    // Staff of the 学区 see it; the booking is unchanged.
    expect((await zoneA.get(`/api/enrollment/review-bookings/${bookingId}/slip`)).statusCode).toBe(200);
    const after = (await parentA.get(`/api/enrollment/applications/${appA}/in-person-review`)).json();
    expect(after.booking).toMatchObject({ id: bookingId, status: 'booked' });
  });
});

describe('capacity under concurrency', () => {
  it('twenty families race for a slot of five places: exactly five get one, the rest slot_full', async () => {
    const created = await zoneA.post('/api/enrollment/review-slots', {
      yearId,
      zoneId: world.units.zoneA,
      place: '中关村学区 大厅',
      dates: [`${Y}-11-10`, `${Y}-11-11`, `${Y}-11-12`],
      from: '14:00',
      to: '15:00',
      capacity: 5,
      categories: ['overAge'],
      skipNonWorkingDays: true,
    });
    expect(created.statusCode, created.body).toBe(200);
    const slot = created.json().created[0];
    const families: { parent: Client; id: number }[] = [];
    // Two accounts, twenty children (logins are rate-limited; what races is the applications).
    for (const parent of [parentA, parentB])
      for (let k = 0; k < 10; k++) families.push({ parent, id: await apply(parent, 'overAge') });
    const results = await Promise.all(
      families.map((f) =>
        f.parent.post(`/api/enrollment/my/applications/${f.id}/review-booking`, { slotId: slot.id }),
      ),
    );
    const ok = results.filter((r) => r.statusCode === 200);
    const full = results.filter((r) => r.statusCode !== 200);
    expect(ok).toHaveLength(5);
    expect(full).toHaveLength(15);
    for (const r of full) expect(r.json().error.code).toBe('enrollment.slot_full');
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM enrollment_review_booking WHERE slot_id = ${slot.id} AND status <> 'cancelled'`,
      ),
    ).toBe(5);
    const listed = (await zoneA.get(`/api/enrollment/review-slots?yearId=${yearId}&q=大厅`)).json();
    expect(listed.items[0]).toMatchObject({ id: slot.id, booked: 5, remaining: 0 });
    // Capacity may grow, never below the places booked.
    const shrink = await zoneA.patch(`/api/enrollment/review-slots/${slot.id}`, { capacity: 4 });
    expect(shrink.json().error.code).toBe('enrollment.capacity_below_booked');
    const grow = await zoneA.patch(`/api/enrollment/review-slots/${slot.id}`, { capacity: 6 });
    expect(grow.json()).toMatchObject({ capacity: 6, booked: 5, remaining: 1 });
  });
});

describe('attendance and cancellation by the 学区', () => {
  it('records attendance once the slot has started; a no-show books again; an attended review is done', async () => {
    const view = (await parentA.get(`/api/enrollment/applications/${appA}/in-person-review`)).json();
    const bookingId = view.booking.id;
    const early = await zoneA.post(`/api/enrollment/review-bookings/${bookingId}/attendance`, {
      attended: true,
    });
    expect(early.json().error.code).toBe('enrollment.slot_not_started');
    await slotStarted(db, view.booking.slotId);
    expect(
      (await parentB.post(`/api/enrollment/review-bookings/${bookingId}/attendance`, { attended: true }))
        .statusCode,
    ).toBe(403);
    const noShow = await zoneA.post(`/api/enrollment/review-bookings/${bookingId}/attendance`, {
      attended: false,
    });
    expect(noShow.statusCode, noShow.body).toBe(200);
    expect(noShow.json()).toMatchObject({ status: 'noShow', markedByName: 'zonea' });
    const again = await zoneA.post(`/api/enrollment/review-bookings/${bookingId}/attendance`, {
      attended: true,
    });
    expect(again.json().error.code).toBe('enrollment.booking_closed');

    const rebook = await parentA.post(`/api/enrollment/my/applications/${appA}/review-booking`, {
      slotId: seriesSlots[6]!.id,
    });
    expect(rebook.statusCode, rebook.body).toBe(200);
    await slotStarted(db, seriesSlots[6]!.id);
    const came = await zoneA.post(`/api/enrollment/review-bookings/${rebook.json().booking.id}/attendance`, {
      attended: true,
    });
    expect(came.json().status).toBe('attended');
    const done = (await parentA.get(`/api/enrollment/applications/${appA}/in-person-review`)).json();
    expect(done).toMatchObject({ attended: true, required: false, booking: null, slots: [], actions: [] });
    const more = await parentA.post(`/api/enrollment/my/applications/${appA}/review-booking`, {
      slotId: seriesSlots[7]!.id,
    });
    expect(more.json().error.code).toBe('enrollment.in_person_done');
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM audit_event WHERE action = 'enrollment.mark_review_attendance'`,
      ),
    ).toBe(2);
  });

  it('cancelling a slot cancels its bookings and notifies the families (in-app and SMS), audited', async () => {
    const slot = seriesSlots[8]!;
    const booked = await parentA.post(`/api/enrollment/my/applications/${plainApp}/review-booking`, {
      slotId: slot.id,
    });
    expect(booked.statusCode, booked.body).toBe(200);
    const notificationsBefore = await count(sql`SELECT count(*)::int AS n FROM notification`);
    const smsBefore = await count(
      sql`SELECT count(*)::int AS n FROM notification_delivery WHERE recipient LIKE '136%' AND status = 'sent'`,
    );
    const res = await zoneA.post(`/api/enrollment/review-slots/${slot.id}/cancel`, {
      reason: '场地临时调整',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: '场地临时调整', remaining: 0 });
    const view = (await parentA.get(`/api/enrollment/applications/${plainApp}/in-person-review`)).json();
    expect(view.booking).toBeNull();
    expect(view.history[0]).toMatchObject({ status: 'cancelled', cancelReason: 'slot' });
    expect(view.slots.some((s: { id: number }) => s.id === slot.id)).toBe(false);
    expect(await count(sql`SELECT count(*)::int AS n FROM notification`)).toBe(notificationsBefore + 1);
    const inbox = JSON.stringify((await parentA.get('/api/notifications')).json());
    expect(inbox).toContain('场地临时调整');
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM notification_delivery WHERE recipient LIKE '136%' AND status = 'sent'`,
      ),
    ).toBe(smsBefore + 1);
    const again = await parentA.post(`/api/enrollment/my/applications/${plainApp}/review-booking`, {
      slotId: slot.id,
    });
    expect(again.json().error.code).toBe('enrollment.slot_cancelled');
    expect(
      (await zoneA.post(`/api/enrollment/review-slots/${slot.id}/cancel`, { reason: '再次取消' })).json()
        .error.code,
    ).toBe('enrollment.slot_cancelled');
    const audit = await db.execute<{ after: { bookingsCancelled: number[] } }>(
      sql`SELECT after FROM audit_event WHERE action = 'enrollment.cancel_review_slot'`,
    );
    expect(audit.rows[0]!.after.bookingsCancelled).toEqual([booked.json().booking.id]);
  });
});

describe('exports', () => {
  it('exports the slots and the bookings to Excel (masked), audited', async () => {
    const slots = await officer.get(`/api/enrollment/review-slots/export.xlsx?yearId=${yearId}`);
    expect(slots.statusCode, slots.body.slice(0, 200)).toBe(200);
    const slotRows = await sheetRows(slots.rawPayload);
    const total = (await officer.get(`/api/enrollment/review-slots?yearId=${yearId}&pageSize=1`)).json()
      .total;
    expect(slotRows).toHaveLength(total + 1);
    expect(slotRows[0]![0]).toBe('学区 Zone');
    const bookings = await officer.get(`/api/enrollment/review-bookings/export.xlsx?yearId=${yearId}`);
    expect(bookings.statusCode).toBe(200);
    const bookingRows = await sheetRows(bookings.rawPayload);
    const listed = (
      await officer.get(`/api/enrollment/review-bookings?yearId=${yearId}&pageSize=200`)
    ).json();
    expect(bookingRows).toHaveLength(listed.total + 1);
    expect(
      bookingRows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(listed.items.map((b: { bookingNo: string }) => b.bookingNo).sort());
    expect(bookingRows.slice(1).every((r) => String(r[3]).includes('****'))).toBe(true);
    const wanted = ['enrollment.export_review_slots', 'enrollment.export_review_bookings'];
    const now = await auditedExports(db, 'enrollment.export_review', wanted);
    expect(now.sort()).toEqual(wanted.sort());
  });
});
