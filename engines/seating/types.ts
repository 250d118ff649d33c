/** The engine's input and output, zod-free (the zod schema of the input is in `./schema.ts`). */
export type Adjacency = 'orthogonal' | 'king';

export interface SeatingRules {
  rows: number;
  cols: number;
  adjacency: Adjacency;
  invigilatorsPerRoom: number;
  backupRoomsPerSite: number;
  /**
   * 流动监考: invigilators per site who walk all its rooms (default 0). Each is free of any room,
   * from no school with candidates at the site, with no relative there, the site's rovers from
   * different schools.
   */
  roversPerSite?: number;
  /** Ticket pattern, default `{site}{room:2}{seat:2}` (see docs/modules/exams-engine.md). */
  ticketPattern?: string;
}

export interface Site {
  id: string;
  schoolId: string;
  rooms: number;
}

export interface Candidate {
  id: string;
  schoolId: string;
  siteId: string;
  group: string;
  special: boolean;
}

export interface Invigilator {
  id: string;
  schoolId: string;
  relativeSiteIds: string[];
}

export interface SeatingInstance {
  seed: string;
  rules: SeatingRules;
  sites: Site[];
  candidates: Candidate[];
  invigilators: Invigilator[];
}

export type RoomKind = 'normal' | 'backup' | 'special';

export interface Seat {
  seat: number;
  row: number;
  col: number;
  candidateId: string;
  ticket: string;
}

export interface Room {
  siteId: string;
  room: number;
  kind: RoomKind;
  group: string | null;
  seats: Seat[];
  invigilatorIds: string[];
}

export interface SiteRovers {
  siteId: string;
  invigilatorIds: string[];
}

export interface SeatingPlan {
  rooms: Room[];
  /** Present only when `rules.roversPerSite` > 0; then covered by `resultHash` too. */
  rovers?: SiteRovers[];
  resultHash: string;
}

export type ArrangeResult = { ok: true; plan: SeatingPlan } | { ok: false; reasons: string[] };
