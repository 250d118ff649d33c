import { z } from 'zod';
import type { SeatingInstance } from './types.ts';

/** The zod schema of an arrangement instance (the CLI validates with it: exit 2 on failure). */
const id = z.string().min(1).max(64);

export const seatingInstanceSchema = z
  .object({
    seed: z.string().regex(/^[0-9a-fA-F]+$/, 'a hex string'),
    rules: z.object({
      rows: z.number().int().min(1).max(99),
      cols: z.number().int().min(1).max(99),
      adjacency: z.enum(['orthogonal', 'king']),
      invigilatorsPerRoom: z.number().int().min(0).max(20),
      backupRoomsPerSite: z.number().int().min(0).max(999),
      roversPerSite: z.number().int().min(0).max(20).optional(),
      ticketPattern: z
        .string()
        .regex(/\{seat(:\d+)?\}/, 'must contain {seat}')
        .regex(/\{room(:\d+)?\}/, 'must contain {room}')
        .optional(),
    }),
    sites: z.array(z.object({ id, schoolId: id, rooms: z.number().int().min(0).max(100_000) })).min(1),
    candidates: z.array(z.object({ id, schoolId: id, siteId: id, group: id, special: z.boolean() })),
    invigilators: z.array(z.object({ id, schoolId: id, relativeSiteIds: z.array(id) })),
  })
  .superRefine((value, ctx) => {
    const unique = (path: 'sites' | 'candidates' | 'invigilators') => {
      const seen = new Set<string>();
      value[path].forEach((item, i) => {
        if (seen.has(item.id))
          ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id ${item.id}` });
        seen.add(item.id);
      });
    };
    unique('sites');
    unique('candidates');
    unique('invigilators');
    const sites = new Set(value.sites.map((s) => s.id));
    value.candidates.forEach((c, i) => {
      if (!sites.has(c.siteId))
        ctx.addIssue({
          code: 'custom',
          path: ['candidates', i, 'siteId'],
          message: `unknown site ${c.siteId}`,
        });
    });
  });

export function parseInstance(
  input: unknown,
): { ok: true; instance: SeatingInstance } | { ok: false; errors: string[] } {
  const result = seatingInstanceSchema.safeParse(input);
  if (result.success) return { ok: true, instance: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  };
}
