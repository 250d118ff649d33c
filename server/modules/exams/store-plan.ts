import { and, desc, eq, inArray, lt, notInArray } from 'drizzle-orm';
import type { TPlanDiff } from '../../../contracts/exams.ts';
import type { SeatingPlan } from '../../../engines/seating/index.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import type { InstanceNames } from './plan-stats.ts';
import {
  examCandidate,
  examInvigilator,
  examPlan,
  examRoom,
  examRover,
  examSeat,
  examSite,
} from './schema.ts';

/** The database ids and names behind an instance's public codes. */
export async function instanceNames(tx: Executor, examId: number, districtId: number) {
  const sites = await tx
    .select({ id: examSite.id, code: examSite.code, name: examSite.name })
    .from(examSite)
    .where(eq(examSite.examId, examId));
  const schools = await tx
    .selectDistinct({ orgId: orgUnit.id, code: orgUnit.code, name: orgUnit.name })
    .from(examCandidate)
    .innerJoin(orgUnit, eq(orgUnit.id, examCandidate.orgId))
    .where(and(eq(examCandidate.examId, examId), eq(orgUnit.districtId, districtId)));
  const names: InstanceNames = {
    schools: new Map(schools.map((s) => [s.code, { orgId: s.orgId, name: s.name }])),
    sites: new Map(sites.map((s) => [s.code, { id: s.id, name: s.name }])),
  };
  return names;
}

const CHUNK = 2000;

/**
 * Materialise a plan's rooms and seats (for lists, documents and exam-day work), mapping the
 * instance's public codes back to rows. Runs once per version; the version's jsonb stays the record.
 */
export async function storeRoomsAndSeats(
  tx: Tx,
  planId: number,
  examId: number,
  plan: SeatingPlan,
): Promise<void> {
  const sites = await tx
    .select({ id: examSite.id, code: examSite.code })
    .from(examSite)
    .where(eq(examSite.examId, examId));
  const siteId = new Map(sites.map((s) => [s.code, s.id]));
  const candidates = await tx
    .select({ id: examCandidate.id, no: examCandidate.registrationNo })
    .from(examCandidate)
    .where(eq(examCandidate.examId, examId));
  const candidateId = new Map(candidates.map((c) => [c.no, c.id]));
  const invigilators = await tx
    .select({ id: examInvigilator.id, no: examInvigilator.staffNo })
    .from(examInvigilator)
    .where(eq(examInvigilator.examId, examId));
  const invigilatorId = new Map(invigilators.map((i) => [i.no, i.id]));
  const roomIds: number[] = [];
  for (let i = 0; i < plan.rooms.length; i += CHUNK) {
    const inserted = await tx
      .insert(examRoom)
      .values(
        plan.rooms.slice(i, i + CHUNK).map((room) => ({
          planId,
          siteId: siteId.get(room.siteId)!,
          roomNo: room.room,
          kind: room.kind,
          groupCode: room.group,
          seats: room.seats.length,
          invigilatorIds: room.invigilatorIds.map((no) => invigilatorId.get(no)!),
        })),
      )
      .returning({ id: examRoom.id });
    roomIds.push(...inserted.map((r) => r.id));
  }
  const seats = plan.rooms.flatMap((room, i) =>
    room.seats.map((seat) => ({
      planId,
      roomId: roomIds[i]!,
      candidateId: candidateId.get(seat.candidateId)!,
      seatNo: seat.seat,
      row: seat.row,
      col: seat.col,
      ticket: seat.ticket,
    })),
  );
  for (let i = 0; i < seats.length; i += CHUNK) await tx.insert(examSeat).values(seats.slice(i, i + CHUNK));
  const rovers = (plan.rovers ?? []).flatMap((site) =>
    site.invigilatorIds.map((no) => ({
      planId,
      siteId: siteId.get(site.siteId)!,
      invigilatorId: invigilatorId.get(no)!,
    })),
  );
  if (rovers.length) await tx.insert(examRover).values(rovers);
}

const placeOf = (plan: SeatingPlan) => {
  const at = new Map<string, string>();
  for (const room of plan.rooms)
    for (const seat of room.seats) at.set(seat.candidateId, `${room.siteId}-${room.room}-${seat.seat}`);
  return at;
};

/** What changed against the newest earlier version that has a plan: added, removed, moved. */
export async function diffAgainstPrevious(
  tx: Executor,
  examId: number,
  version: number,
  plan: SeatingPlan,
): Promise<TPlanDiff | null> {
  const [previous] = await tx
    .select({ version: examPlan.version, plan: examPlan.plan })
    .from(examPlan)
    .where(
      and(
        eq(examPlan.examId, examId),
        lt(examPlan.version, version),
        notInArray(examPlan.status, ['running', 'failed']),
      ),
    )
    .orderBy(desc(examPlan.version))
    .limit(1);
  if (!previous?.plan) return null;
  const before = placeOf(previous.plan as SeatingPlan);
  const after = placeOf(plan);
  let added = 0;
  let moved = 0;
  let unchanged = 0;
  const changed: { registrationNo: string; from: string | null; to: string | null }[] = [];
  for (const [no, place] of after) {
    const was = before.get(no);
    if (was === undefined) added++;
    else if (was === place) unchanged++;
    else moved++;
    if (was !== place && changed.length < 50)
      changed.push({ registrationNo: no, from: was ?? null, to: place });
  }
  let removed = 0;
  for (const [no, place] of before)
    if (!after.has(no)) {
      removed++;
      if (changed.length < 50) changed.push({ registrationNo: no, from: place, to: null });
    }
  const names = changed.length
    ? await tx
        .select({ no: examCandidate.registrationNo, name: examCandidate.name })
        .from(examCandidate)
        .where(
          and(
            eq(examCandidate.examId, examId),
            inArray(
              examCandidate.registrationNo,
              changed.map((c) => c.registrationNo),
            ),
          ),
        )
    : [];
  const nameOf = new Map(names.map((n) => [n.no, n.name]));
  return {
    fromVersion: previous.version,
    added,
    removed,
    moved,
    unchanged,
    samples: changed.map((c) => ({ ...c, name: nameOf.get(c.registrationNo) ?? '' })),
  };
}
