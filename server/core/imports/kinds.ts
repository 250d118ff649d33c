import type { Actor, Permission } from '../access/index.ts';
import type { Executor, Tx } from '../db/index.ts';

/**
 * What an import type declares: its columns (the template and the parser come from these), how a
 * row is validated (against the file and the database), and how valid rows are committed and a
 * committed batch rolled back. Modules register kinds; the pipeline does the rest.
 */
export interface CellError {
  column: string;
  code: string;
  zh: string;
  en: string;
}

export interface ImportColumn {
  key: string;
  header: string;
  headerEn: string;
  required?: boolean;
  example: string;
  /** A note for the template's instructions sheet. */
  hint?: string;
}

export type RawRow = Record<string, string>;

export interface ValidationContext {
  tx: Executor;
  actor: Actor;
  orgId: number;
  districtId: number;
  /** The batch's target record (see `ImportKind.target`), null for kinds without one. */
  targetId: number | null;
}

/** What a batch commits into or rolls back from. */
export interface BatchRef {
  id: number;
  districtId: number;
  orgId: number;
  targetId: number | null;
}

export interface ImportKind<Clean = unknown> {
  kind: string;
  zh: string;
  en: string;
  columns: ImportColumn[];
  /** The permission needed at the batch's unit to import (and at each row's unit). */
  permission: Permission;
  /** The file purpose the uploaded workbook is stored under (default: import.people). */
  filePurpose?: string;
  /**
   * Kinds that import into one record (an exam's candidates) name it here; the upload then carries
   * `targetId`, which `check` verifies (exists, in the actor's scope, open to change) or refuses.
   */
  target?: {
    entityType: string;
    zh: string;
    en: string;
    check(tx: Executor, actor: Actor, targetId: number, orgId: number): Promise<void>;
  };
  /**
   * Validate a chunk of rows (≈1000) at once, so that database checks are one query per chunk.
   * Returns, per row, either the cleaned value or its errors. `seen` carries file-wide state
   * (keys already used by earlier rows, with what the kind needs to remember of them).
   */
  validate(
    ctx: ValidationContext,
    rows: RawRow[],
    seen: Map<string, { row: number; kind?: string }>,
    rowNumbers: number[],
  ): Promise<({ ok: true; value: Clean } | { ok: false; errors: CellError[] })[]>;
  /** Personal data in a row that failed validation is kept masked, never plain (the preview shows it). */
  maskRaw?(cells: RawRow): RawRow;
  /** Write the batch's cleaned rows; every row written carries `import_batch_id`. */
  commit(tx: Tx, actor: Actor, batch: BatchRef, rows: Clean[]): Promise<number>;
  /** Remove exactly what the batch wrote; refuse (coded) when later records depend on it. */
  rollback(tx: Tx, actor: Actor, batch: BatchRef): Promise<number>;
}

const kinds = new Map<string, ImportKind>();

export function registerImportKind<C>(kind: ImportKind<C>): void {
  if (kinds.has(kind.kind)) throw new Error(`import kind ${kind.kind} registered twice`);
  kinds.set(kind.kind, kind as ImportKind);
}

export function importKind(kind: string): ImportKind | undefined {
  return kinds.get(kind);
}

export function importKinds(): ImportKind[] {
  return [...kinds.values()];
}

/** A cell error with its message in both languages. */
export function cellError(column: string, code: string, zh: string, en: string): CellError {
  return { column, code, zh, en };
}
