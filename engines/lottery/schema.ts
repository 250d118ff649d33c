import { z } from 'zod';
import type { LotteryInstance, Mechanism } from './types.ts';

/**
 * The zod schema of a draw instance (the CLI validates with it: exit 2 on failure). Every error
 * names its field: `students.3.choices.1: unknown school S9`, `schools.0.capacity: …`, `seed: …`.
 */
const id = z.string().min(1, 'an id must not be empty').max(128);

/** The largest priority class; classes are packed with the lottery order into one sort key. */
export const MAX_PRIORITY_CLASS = 1_000_000;

export const seedSchema = z
  .string()
  .regex(/^[0-9a-fA-F]*$/, 'the seed must be hex (0-9, a-f)')
  .min(32, 'the seed must have at least 32 hex digits (128 bits)')
  .refine((s) => s.length % 2 === 0, 'the seed must have an even number of hex digits (whole bytes)');

export const mechanismSchema = z.enum(['da', 'ia']);

export const schoolSchema = z.object({
  id,
  capacity: z
    .number()
    .int('capacity must be a whole number')
    .min(0, 'capacity must not be negative')
    .max(10_000_000),
});

export const studentSchema = z.object({
  id,
  choices: z.array(id),
  priority: z
    .record(
      id,
      z
        .number()
        .int('a priority class must be a whole number')
        .min(0, 'a priority class must not be negative')
        .max(MAX_PRIORITY_CLASS),
    )
    .optional(),
  siblingGroup: id.optional(),
});

type Ctx = z.RefinementCtx;

/** The cross-field rules shared by an instance and a bundle's pool (`where` prefixes the paths). */
export function checkReferences(
  schools: { id: string }[],
  students: z.infer<typeof studentSchema>[],
  ctx: Ctx,
  where: { schools: (string | number)[]; students: (string | number)[] },
): void {
  const schoolIds = new Set<string>();
  schools.forEach((s, i) => {
    if (schoolIds.has(s.id))
      ctx.addIssue({
        code: 'custom',
        path: [...where.schools, i, 'id'],
        message: `duplicate school id ${s.id}`,
      });
    schoolIds.add(s.id);
  });
  const studentIds = new Set<string>();
  const groups = new Map<string, { index: number; choices: string }>();
  students.forEach((student, i) => {
    const at = [...where.students, i];
    if (studentIds.has(student.id))
      ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: `duplicate student id ${student.id}` });
    studentIds.add(student.id);
    const seen = new Set<string>();
    student.choices.forEach((schoolId, j) => {
      if (!schoolIds.has(schoolId))
        ctx.addIssue({ code: 'custom', path: [...at, 'choices', j], message: `unknown school ${schoolId}` });
      if (seen.has(schoolId))
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'choices', j],
          message: `school ${schoolId} chosen twice`,
        });
      seen.add(schoolId);
    });
    for (const schoolId of Object.keys(student.priority ?? {}))
      if (!schoolIds.has(schoolId))
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'priority', schoolId],
          message: `unknown school ${schoolId}`,
        });
    if (student.siblingGroup !== undefined) {
      const choices = student.choices.join('\u0000');
      const first = groups.get(student.siblingGroup);
      if (!first) groups.set(student.siblingGroup, { index: i, choices });
      else if (first.choices !== choices)
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'choices'],
          message: `sibling group ${student.siblingGroup}: choices differ from ${where.students.join('.') || 'students'}.${first.index} (siblings rank the same schools)`,
        });
    }
  });
}

export const instanceSchema = z
  .object({ seed: seedSchema, schools: z.array(schoolSchema), students: z.array(studentSchema) })
  .superRefine((value, ctx) =>
    checkReferences(value.schools, value.students, ctx, { schools: ['schools'], students: ['students'] }),
  );

/** Issues as `path: message` lines. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

export function parseInstance(
  input: unknown,
): { ok: true; instance: LotteryInstance } | { ok: false; errors: string[] } {
  const result = instanceSchema.safeParse(input);
  if (result.success) return { ok: true, instance: result.data };
  return { ok: false, errors: describeIssues(result.error) };
}

export function parseMechanism(input: unknown): Mechanism | undefined {
  const result = mechanismSchema.safeParse(input);
  return result.success ? result.data : undefined;
}

const hex64 = z.string().regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256 hex digest (64 hex digits)');

/**
 * The shape of a published bundle (`edugov lottery verify` exits 2 when a file fails it). Only the
 * shape: whether the pool, the reveals and the result agree is `verifyBundle`'s work, which names
 * the first difference. Pool entries are strict — an unknown field would change no leaf hash check
 * here but could mislead a reader — and the fields are exactly those the Merkle leaves cover.
 */
export const bundleSchema = z.object({
  version: z.literal(1),
  engineVersion: z.string(),
  poolRoot: hex64,
  pool: z.array(studentSchema.strict()),
  commitments: z.array(z.object({ party: z.string().min(1), commitment: hex64 }).strict()),
  reveals: z.array(z.object({ party: z.string().min(1), reveal: z.string() }).strict()),
  parameters: z.object({ mechanism: mechanismSchema, schools: z.array(schoolSchema.strict()) }).strict(),
  seed: z.string(),
  result: z
    .object({
      mechanism: mechanismSchema,
      assignments: z.record(z.string(), z.string().nullable()),
      resultHash: hex64,
    })
    .strict(),
  resultHash: hex64,
});

export function parseBundle(
  input: unknown,
): { ok: true; bundle: z.infer<typeof bundleSchema> } | { ok: false; errors: string[] } {
  const result = bundleSchema.safeParse(input);
  if (result.success) return { ok: true, bundle: result.data };
  return { ok: false, errors: describeIssues(result.error) };
}
