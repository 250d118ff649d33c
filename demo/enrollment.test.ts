import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DrawBundle, verifyBundle } from '../engines/lottery/index.ts';
import { ENROLLMENT_2020 } from './enrollment.ts';
import { type DemoWorld, demoWorld } from './fixtures.ts';

/**
 * The demo's 2020 enrollment at a small scale: applicants follow the scale, five draws are
 * published with bundles that verify, offers follow the bundles, deadlines stay inside the calendar,
 * the ledger has flagged addresses with exceptions, the supply per 学区 is computed, and the junior
 * routes ran: direct admission, a feeder draw per pair, the unplaced returned to 派位.
 */
const scale = 0.05;
let world: DemoWorld;
let db: DemoWorld['db'];
let app: DemoWorld['app'];
let officer: DemoWorld['officer'];

beforeAll(async () => {
  world = await demoWorld(scale);
  ({ db, app, officer } = world);
}, 300_000);
afterAll(() => world?.close());

describe('demo 2020 enrollment', () => {
  it('has the scaled applicants and five published draws whose bundles verify', async () => {
    const years = (await officer.get('/api/enrollment/years')).json();
    expect(years.items).toHaveLength(1);
    const year = years.items[0];
    const expected =
      Math.round((ENROLLMENT_2020.primary - ENROLLMENT_2020.privatePrimaryApplicants) * scale) +
      Math.round(ENROLLMENT_2020.privatePrimaryApplicants * scale) +
      Math.round((ENROLLMENT_2020.junior - ENROLLMENT_2020.privateJuniorApplicants) * scale) +
      Math.round(ENROLLMENT_2020.privateJuniorApplicants * scale);
    expect(year.applications).toBe(expected);
    const draws = (await app.app.inject({ method: 'GET', url: '/api/public/enrollment/draws' })).json();
    expect(draws.items).toHaveLength(5);
    for (const d of draws.items) {
      expect(d.status).toBe('published');
      const bundle = JSON.parse(
        (await app.app.inject({ method: 'GET', url: `/api/public/enrollment/draws/${d.id}/bundle` })).body,
      ) as DrawBundle;
      expect(verifyBundle(bundle, { poolRoot: d.poolRoot, commitments: d.commitments })).toEqual({
        ok: true,
      });
      expect(bundle.reveals).toHaveLength(4);
    }
  });

  it('offers follow the bundles, deadlines are in July 2020, the ledger flags earlier uses', async () => {
    const deadlines = await db.execute<{ min: string; max: string; n: number }>(
      sql`SELECT min(deadline)::text AS min, max(deadline)::text AS max, count(*)::int AS n FROM enrollment_offer`,
    );
    expect(deadlines.rows[0]!.min.slice(0, 7)).toBe('2020-07');
    expect(deadlines.rows[0]!.max.slice(0, 7)).toBe('2020-07');
    // Each bundle parsed once (not once per offer); a feeder pair `<middle>/<primary>` admits at its middle school.
    const mismatch = await db.execute<{ n: number }>(sql`
      WITH d AS MATERIALIZED (SELECT id, bundle::jsonb -> 'result' -> 'assignments' AS assignments FROM enrollment_draw)
      SELECT count(*)::int AS n FROM enrollment_offer o JOIN enrollment_application a ON a.id = o.application_id
      JOIN d ON d.id = o.draw_id JOIN org_unit u ON u.id = o.org_id
      WHERE split_part(d.assignments ->> a.lottery_id, '/', 1) IS DISTINCT FROM u.code`);
    expect(mismatch.rows[0]!.n).toBe(0);
    const flagged = (await officer.get('/api/enrollment/applications?flagged=true')).json();
    const ledger = (await officer.get('/api/enrollment/address-uses')).json();
    expect(ledger.total).toBeGreaterThan(0);
    expect(flagged.total).toBeGreaterThanOrEqual(0);
    const supply = (
      await officer.get(
        `/api/enrollment/years/${(await officer.get('/api/enrollment/years')).json().items[0].id}/supply`,
      )
    ).json();
    expect(supply.rows.length).toBe(34);
    expect(supply.rows.some((r: { gap: number }) => r.gap < 0)).toBe(true);
  });

  it('every 学区 held in-person reviews on the working days of 10–19 June, within capacity; some did not come', async () => {
    const slots = await db.execute<{ zones: number; n: number; days: string[] }>(sql`
      SELECT count(DISTINCT org_id)::int AS zones, count(*)::int AS n,
        array_agg(DISTINCT (starts_at AT TIME ZONE 'Asia/Shanghai')::date::text) AS days FROM enrollment_review_slot`);
    const zones = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM org_unit WHERE kind = 'zone'`,
    );
    const days = [
      '2020-06-10',
      '2020-06-11',
      '2020-06-12',
      '2020-06-15',
      '2020-06-16',
      '2020-06-17',
      '2020-06-18',
      '2020-06-19',
    ];
    expect(slots.rows[0]!.zones).toBe(zones.rows[0]!.n);
    expect(slots.rows[0]!.n).toBe(zones.rows[0]!.n * days.length * 15);
    expect([...slots.rows[0]!.days].sort()).toEqual(days);
    const over = await db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM enrollment_review_slot s
      WHERE (SELECT count(*) FROM enrollment_review_booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled') > s.capacity`);
    expect(over.rows[0]!.n).toBe(0);
    // Every booking was made before the cutoff (24 hours before its slot) and marked once it began.
    const late = await db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM enrollment_review_booking b JOIN enrollment_review_slot s ON s.id = b.slot_id
      WHERE b.created_at > s.starts_at - interval '24 hours' OR b.marked_at < s.starts_at`);
    expect(late.rows[0]!.n).toBe(0);
    const statuses = await db.execute<{ status: string; n: number }>(
      sql`SELECT status, count(*)::int AS n FROM enrollment_review_booking GROUP BY status`,
    );
    const by = Object.fromEntries(statuses.rows.map((r) => [r.status, Number(r.n)]));
    expect(by.attended).toBeGreaterThan(0);
    expect(by.noShow).toBeGreaterThan(0);
    const list = (await officer.get('/api/enrollment/review-bookings?status=noShow&pageSize=5')).json();
    expect(list.total).toBe(by.noShow);
    expect(list.items[0].bookingNo).toMatch(/^R2020-/);
  });

  it('approved no application reviewed in person before the family attended its review', async () => {
    // Reviewed in person: a category of the year's configuration that says so, or the 学区 asked.
    const check = await db.execute<{
      needed: number;
      approved: number;
      unattended: number;
    }>(sql`
      WITH needed AS (
        SELECT a.id, a.status, EXISTS (SELECT 1 FROM enrollment_review_booking b
          WHERE b.application_id = a.id AND b.status = 'attended' AND b.marked_at < a.decided_at) AS attended
        FROM enrollment_application a JOIN enrollment_year y ON y.id = a.year_id
        WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(y.config -> 'categories') c
            WHERE c ->> 'id' = a.category AND (c ->> 'inPersonReview')::boolean)
          OR EXISTS (SELECT 1 FROM enrollment_review_request r WHERE r.application_id = a.id)
      )
      SELECT count(*)::int AS needed, count(*) FILTER (WHERE status = 'approved')::int AS approved,
        count(*) FILTER (WHERE status = 'approved' AND NOT attended)::int AS unattended
      FROM needed`);
    const c = check.rows[0]!;
    expect(c.approved).toBeGreaterThan(100);
    expect(c.unattended).toBe(0);
    // Some approved families missed a first slot and came to a second one.
    const second = await db.execute<{ n: number }>(sql`
      SELECT count(DISTINCT b.application_id)::int AS n FROM enrollment_review_booking b
      JOIN enrollment_application a ON a.id = b.application_id
      WHERE a.status = 'approved' AND b.status = 'noShow'`);
    expect(second.rows[0]!.n).toBeGreaterThan(0);
  });

  it('runs the junior routes: direct admission, a feeder draw per pair, the unplaced back to 派位', async () => {
    // 九年一贯直升: every approved through-train child offered its own school directly, no draw.
    const through = await db.execute<{ approved: number; direct: number; own: number }>(sql`
      SELECT count(*) FILTER (WHERE a.status = 'approved')::int AS approved, count(o.id)::int AS direct,
        count(o.id) FILTER (WHERE o.org_id = a.current_school_id)::int AS own
      FROM enrollment_application a LEFT JOIN enrollment_offer o ON o.application_id = a.id AND o.source = 'direct'
      WHERE a.route = 'throughTrain'`);
    expect(through.rows[0]!.approved).toBeGreaterThan(0);
    expect(through.rows[0]).toMatchObject({
      direct: through.rows[0]!.approved,
      own: through.rows[0]!.approved,
    });
    // 按比例对口直升: pairs with quotas from the registry; each pair placed at most its quota.
    const pairs = await db.execute<{ quota: number; placed: number }>(sql`
      SELECT f.quota_seats AS quota, (SELECT count(*)::int FROM enrollment_offer o
        JOIN enrollment_application a ON a.id = o.application_id JOIN enrollment_draw d ON d.id = o.draw_id
        WHERE d.route = 'feederQuota' AND o.source = 'draw' AND o.org_id = f.middle_school_id
          AND a.current_school_id = f.feeder_school_id) AS placed
      FROM enrollment_feeder f`);
    expect(pairs.rows.length).toBe(16);
    for (const p of pairs.rows) expect(Number(p.placed)).toBeLessThanOrEqual(Number(p.quota));
    expect(pairs.rows.some((p) => Number(p.placed) > 0)).toBe(true);
    // Each feeder middle school's seats on the route are its pairs' quotas (never fewer).
    const seats = await db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM enrollment_school s
      WHERE s.route = 'feederQuota' AND s.seats IS DISTINCT FROM (SELECT sum(f.quota_seats)::int
        FROM enrollment_feeder f WHERE f.year_id = s.year_id AND f.middle_school_id = s.school_id)`);
    expect(seats.rows[0]!.n).toBe(0);
    // 转入派位: the unplaced private and feeder children are in the area draws, same lottery ids.
    const returned = await db.execute<{ from: string; n: number; in_area: number }>(sql`
      SELECT a.returned_from AS from, count(*)::int AS n,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM enrollment_draw_entry e JOIN enrollment_draw d ON d.id = e.draw_id
          WHERE e.application_id = a.id AND d.route = 'area' AND e.lottery_id = a.lottery_id))::int AS in_area
      FROM enrollment_application a WHERE a.returned_from IS NOT NULL GROUP BY a.returned_from ORDER BY 1`);
    expect(returned.rows.map((r) => r.from)).toEqual(['feederQuota', 'private']);
    for (const r of returned.rows) expect(r.in_area).toBe(r.n);
    // No child is in two pools while holding a seat: nobody has two confirmed offers.
    const twice = await db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM (SELECT application_id FROM enrollment_offer WHERE status = 'confirmed'
        GROUP BY application_id HAVING count(*) > 1) t`);
    expect(twice.rows[0]!.n).toBe(0);
  });
});
