import type { z } from 'zod';
import type { Actor } from '../access/index.ts';
import type { Db } from '../db/index.ts';

/**
 * The kinds of job this process knows. A module defines its kinds when it is imported
 * (`defineJob({ kind: 'people.import', … })`); the workers started by `startJobWorkers` serve them.
 */

export interface JobProgress {
  stage?: string;
  done: number;
  total?: number | null;
}

export interface JobContext<I> {
  input: I;
  /** Record progress: throttled to ≤ 2 writes/s; throws once the job was cancelled or taken over. */
  progress(update: JobProgress): Promise<void>;
  /** The account that started the job (its grants as of now), or a system actor. */
  actor: Actor;
  db: Db;
  jobId: string;
  /** 1 on the first run; higher when the job resumes after its worker was lost. */
  attempt: number;
  /** Where the previous attempt got to (resume from here if the work allows it). */
  resumeFrom: { stage: string | null; done: number } | null;
  /** Aborted when the job is cancelled, taken over, or the server shuts down. */
  signal: AbortSignal;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType, R = unknown> {
  kind: string;
  input: S;
  run(ctx: JobContext<z.output<S>>): Promise<R>;
  /** How many times a job whose worker died is resumed before it is failed (default 2). */
  resumeLimit?: number;
  /** pg-boss gives up on an attempt after this long (default 4 h, at most 23 h). */
  expireInSeconds?: number;
  /**
   * Run on its own every so many minutes, once per input `inputs` lists (e.g. one per district),
   * started by the system. Every process with workers schedules it; the work must be idempotent.
   */
  every?: { minutes: number; inputs(db: Db): Promise<z.output<S>[]> };
}

const registry = new Map<string, JobDefinition>();
const listeners = new Set<(definition: JobDefinition) => void>();

/** Declare a kind of job. Defining the same kind twice is a programming error. */
export function defineJob<S extends z.ZodType, R>(definition: JobDefinition<S, R>): JobDefinition<S, R> {
  if (registry.has(definition.kind)) throw new Error(`job kind ${definition.kind} defined twice`);
  registry.set(definition.kind, definition as unknown as JobDefinition);
  for (const listener of listeners) listener(definition as unknown as JobDefinition);
  return definition;
}

export function jobDefinition(kind: string): JobDefinition | undefined {
  return registry.get(kind);
}

export function jobDefinitions(): JobDefinition[] {
  return [...registry.values()];
}

/** Workers subscribe, so a kind defined after start-up is served too. */
export function onJobDefined(listener: (definition: JobDefinition) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const DEFAULT_RESUME_LIMIT = 2;
export const DEFAULT_EXPIRE_SECONDS = 4 * 3600;
