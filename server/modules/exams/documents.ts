import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type {
  TExamRoom,
  TExamRoomListQuery,
  TRoomSheet,
  TSeatEntry,
  TSiteRovers,
  TTicket,
} from '../../../contracts/exams.ts';
import { type Actor, intArray, subtreeUnitIds } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { offsetOf, sortBy } from '../../core/lists.ts';
import { loadPlan, planDocuments } from './get-plan.ts';
import { loadExam, rowsVisible } from './policy.ts';
import {
  examCandidate,
  examInvigilator,
  examRoom,
  examRover,
  examSeat,
  examSession,
  examSite,
} from './schema.ts';

/**
 * What gets printed from a plan version: rooms (with invigilators), room sheets (door list and
 * seating chart: the room's grid with its seats) and admission tickets. Organisers print any
 * version; after publication a host school prints its site and a school its candidates' tickets.
 */

const roomSortable = {
  site: examSite.code,
  room: examRoom.roomNo,
  kind: examRoom.kind,
  seats: examRoom.seats,
};

async function invigilatorsOf(tx: Executor, ids: number[]) {
  if (!ids.length) return new Map<number, { id: number; name: string; orgName: string }>();
  const rows = await tx
    .select({ id: examInvigilator.id, name: examInvigilator.name, orgName: orgUnit.name })
    .from(examInvigilator)
    .innerJoin(orgUnit, eq(orgUnit.id, examInvigilator.orgId))
    .where(inArray(examInvigilator.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

const roomColumns = {
  id: examRoom.id,
  siteId: examRoom.siteId,
  siteCode: examSite.code,
  siteName: examSite.name,
  roomNo: examRoom.roomNo,
  kind: examRoom.kind,
  groupCode: examRoom.groupCode,
  seats: examRoom.seats,
  invigilatorIds: examRoom.invigilatorIds,
};
type RoomRow = { invigilatorIds: number[]; kind: string } & Omit<TExamRoom, 'invigilators' | 'kind'>;

async function withInvigilators(tx: Executor, rows: RoomRow[]): Promise<TExamRoom[]> {
  const people = await invigilatorsOf(tx, [...new Set(rows.flatMap((r) => r.invigilatorIds))]);
  return rows.map(({ invigilatorIds, ...room }) => ({
    ...room,
    kind: room.kind as TExamRoom['kind'],
    invigilators: invigilatorIds.map((id) => people.get(id)!).filter(Boolean),
  }));
}

export async function listRooms({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TExamRoomListQuery & { examId: number; version: number };
}): Promise<{ items: TExamRoom[]; total: number }> {
  const view = await loadExam(tx, actor, input.examId);
  const plan = await loadPlan(tx, view, input.version);
  const where = and(
    eq(examRoom.planId, plan.id),
    await rowsVisible(tx, actor, view, examSite.orgId),
    input.siteId ? eq(examRoom.siteId, input.siteId) : undefined,
    input.kind ? eq(examRoom.kind, input.kind) : undefined,
    input.q ? eq(examSite.code, input.q) : undefined,
  );
  const [{ total }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(examRoom)
    .innerJoin(examSite, eq(examSite.id, examRoom.siteId))
    .where(where);
  const rows = await tx
    .select(roomColumns)
    .from(examRoom)
    .innerJoin(examSite, eq(examSite.id, examRoom.siteId))
    .where(where)
    .orderBy(...sortBy(input.sort, roomSortable, 'site', examRoom.id), asc(examRoom.roomNo))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  return { items: await withInvigilators(tx, rows), total };
}

const seatColumns = {
  roomId: examSeat.roomId,
  seat: examSeat.seatNo,
  row: examSeat.row,
  col: examSeat.col,
  ticket: examSeat.ticket,
  candidateId: examCandidate.id,
  registrationNo: examCandidate.registrationNo,
  name: examCandidate.name,
  gender: examCandidate.gender,
  orgName: orgUnit.name,
  groupCode: examCandidate.groupCode,
  accommodation: examCandidate.accommodation,
};

/** Door lists and seating charts: one site's rooms (or one room), each with its grid of seats. */
export async function roomSheets({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { examId: number; version: number; siteId?: number; roomId?: number };
}): Promise<{ rooms: TRoomSheet[] }> {
  if (!input.siteId && !input.roomId) throw new DomainError('exams.too_many_rooms', { field: 'siteId' });
  const view = await loadExam(tx, actor, input.examId);
  const plan = await loadPlan(tx, view, input.version);
  const { rules } = plan;
  const rooms = await tx
    .select(roomColumns)
    .from(examRoom)
    .innerJoin(examSite, eq(examSite.id, examRoom.siteId))
    .where(
      and(
        eq(examRoom.planId, plan.id),
        await rowsVisible(tx, actor, view, examSite.orgId),
        input.siteId ? eq(examRoom.siteId, input.siteId) : undefined,
        input.roomId ? eq(examRoom.id, input.roomId) : undefined,
      ),
    )
    .orderBy(asc(examSite.code), asc(examRoom.roomNo));
  const seats = rooms.length
    ? await tx
        .select(seatColumns)
        .from(examSeat)
        .innerJoin(examCandidate, eq(examCandidate.id, examSeat.candidateId))
        .innerJoin(orgUnit, eq(orgUnit.id, examCandidate.orgId))
        .where(
          and(
            eq(examSeat.planId, plan.id),
            inArray(
              examSeat.roomId,
              rooms.map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(examSeat.roomId), asc(examSeat.seatNo))
    : [];
  const byRoom = new Map<number, TSeatEntry[]>();
  for (const { roomId, ...seat } of seats) {
    const list = byRoom.get(roomId) ?? [];
    list.push({ ...seat, gender: seat.gender as TSeatEntry['gender'] });
    byRoom.set(roomId, list);
  }
  const withPeople = await withInvigilators(tx, rooms);
  return {
    rooms: withPeople.map((room) => ({
      ...room,
      examName: view.exam.name,
      version: plan.version,
      resultHash: plan.resultHash,
      rows: rules.rows,
      cols: rules.cols,
      entries: byRoom.get(room.id) ?? [],
    })),
  };
}

/** 准考证 data: one per seated candidate, with the exam's sessions. */
export async function listTickets({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: {
    examId: number;
    version: number;
    orgId?: number;
    siteId?: number;
    candidateId?: number;
    page: number;
    pageSize: number;
  };
}): Promise<{ items: TTicket[]; total: number }> {
  const view = await loadExam(tx, actor, input.examId);
  const plan = await loadPlan(tx, view, input.version);
  const conditions: SQL[] = [
    eq(examSeat.planId, plan.id),
    await rowsVisible(tx, actor, view, examCandidate.orgId, examSite.orgId),
  ];
  if (input.orgId)
    conditions.push(sql`${examCandidate.orgId} = ANY(${intArray(await subtreeUnitIds(tx, [input.orgId]))})`);
  if (input.siteId) conditions.push(eq(examRoom.siteId, input.siteId));
  if (input.candidateId) conditions.push(eq(examCandidate.id, input.candidateId));
  const where = and(...conditions);
  const from = () =>
    tx
      .select({
        ticket: examSeat.ticket,
        registrationNo: examCandidate.registrationNo,
        name: examCandidate.name,
        gender: examCandidate.gender,
        idNumber: examCandidate.idNumberMasked,
        orgName: orgUnit.name,
        siteName: examSite.name,
        siteAddress: examSite.address,
        room: examRoom.roomNo,
        seat: examSeat.seatNo,
      })
      .from(examSeat)
      .innerJoin(examRoom, eq(examRoom.id, examSeat.roomId))
      .innerJoin(examSite, eq(examSite.id, examRoom.siteId))
      .innerJoin(examCandidate, eq(examCandidate.id, examSeat.candidateId))
      .innerJoin(orgUnit, eq(orgUnit.id, examCandidate.orgId));
  const [{ total }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(examSeat)
    .innerJoin(examRoom, eq(examRoom.id, examSeat.roomId))
    .innerJoin(examSite, eq(examSite.id, examRoom.siteId))
    .innerJoin(examCandidate, eq(examCandidate.id, examSeat.candidateId))
    .where(where);
  const rows = await from()
    .where(where)
    .orderBy(asc(examSeat.ticket))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  const sessions = await tx
    .select()
    .from(examSession)
    .where(eq(examSession.examId, input.examId))
    .orderBy(asc(examSession.startsAt));
  const sessionList = sessions.map((s) => ({
    id: s.id,
    subject: s.subject,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
  }));
  return {
    items: rows.map((r) => ({
      ...r,
      examName: view.exam.name,
      gender: r.gender as TTicket['gender'],
      sessions: sessionList,
    })),
    total,
  };
}

/** 流动监考: the rovers of each site (or one site) in a version. */
export async function listRovers({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { examId: number; version: number; siteId?: number };
}): Promise<{ sites: TSiteRovers[] }> {
  const view = await loadExam(tx, actor, input.examId);
  const plan = await loadPlan(tx, view, input.version);
  const rows = await tx
    .select({
      siteId: examSite.id,
      siteCode: examSite.code,
      siteName: examSite.name,
      id: examInvigilator.id,
      name: examInvigilator.name,
      orgName: orgUnit.name,
    })
    .from(examRover)
    .innerJoin(examSite, eq(examSite.id, examRover.siteId))
    .innerJoin(examInvigilator, eq(examInvigilator.id, examRover.invigilatorId))
    .innerJoin(orgUnit, eq(orgUnit.id, examInvigilator.orgId))
    .where(
      and(
        eq(examRover.planId, plan.id),
        await rowsVisible(tx, actor, view, examSite.orgId),
        input.siteId ? eq(examRover.siteId, input.siteId) : undefined,
      ),
    )
    .orderBy(asc(examSite.code), asc(examInvigilator.staffNo));
  const sites = new Map<number, TSiteRovers>();
  for (const { id, name, orgName, ...site } of rows) {
    const entry = sites.get(site.siteId) ?? { ...site, invigilators: [] };
    entry.invigilators.push({ id, name, orgName });
    sites.set(site.siteId, entry);
  }
  return { sites: [...sites.values()] };
}

/** The version's engine input and output, for anyone to re-run `edugov exams arrange`. */
export async function planBundle({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { examId: number; version: number };
}) {
  const view = await loadExam(tx, actor, input.examId);
  // Registration numbers and school codes of every candidate: for the organisers and supervisors.
  if (!view.organiser) throw new DomainError('exams.plan_not_found');
  const plan = await loadPlan(tx, view, input.version);
  const documents = await planDocuments(tx, plan.id);
  if (!documents.plan) throw new DomainError('exams.plan_wrong_status');
  return {
    exam: view.exam.code,
    version: plan.version,
    engineVersion: plan.engineVersion,
    inputHash: plan.inputHash,
    resultHash: plan.resultHash,
    instance: documents.instance,
    plan: documents.plan,
  };
}
