import { runDraw } from './draw.ts';
import { lotteryNumbers } from './lottery-number.ts';
import { LAST_CLASS } from './prepare.ts';
import type { LotteryInstance, LotteryResult, LotterySchool } from './types.ts';

/**
 * A private-school draw (民办摇号): each child applies to one school; an oversubscribed school
 * draws among its applicants (priority class first, then lottery number). This is DA with one
 * choice per child (IA gives the same), so it is the same engine, verifiable the same way; the
 * helper only builds the instance and adds each school's waitlist (候补), the applicants it did not
 * admit in the order it would admit them, for offers declined after the draw.
 */
export interface PrivateApplication {
  id: string;
  schoolId: string;
  /** Priority class at that school (smaller first); absent = the last class. */
  priorityClass?: number;
  siblingGroup?: string;
}

export interface PrivateDrawInput {
  seed: string;
  schools: LotterySchool[];
  applications: PrivateApplication[];
}

export function privateDrawInstance(input: PrivateDrawInput): LotteryInstance {
  return {
    seed: input.seed,
    schools: input.schools,
    students: input.applications.map((a) => ({
      id: a.id,
      choices: [a.schoolId],
      priority: a.priorityClass === undefined ? {} : { [a.schoolId]: a.priorityClass },
      ...(a.siblingGroup === undefined ? {} : { siblingGroup: a.siblingGroup }),
    })),
  };
}

export function privateSchoolDraw(
  input: PrivateDrawInput,
): LotteryResult & { waitlists: Record<string, string[]> } {
  const result = runDraw(privateDrawInstance(input), 'da');
  const numbers = lotteryNumbers(
    input.seed,
    input.applications.map((a) => a.id),
  );
  const order = (i: number) => numbers.subarray(i * 32, i * 32 + 32);
  const waiting = input.applications
    .map((a, i) => ({ a, i, cls: a.priorityClass ?? LAST_CLASS }))
    .filter(({ a }) => result.assignments[a.id] === null)
    .sort((x, y) => x.cls - y.cls || compareBytes(order(x.i), order(y.i)));
  const waitlists: Record<string, string[]> = {};
  for (const s of [...input.schools].sort((x, y) => (x.id < y.id ? -1 : 1))) waitlists[s.id] = [];
  for (const { a } of waiting) waitlists[a.schoolId]!.push(a.id);
  return { ...result, waitlists };
}

function compareBytes(x: Uint8Array, y: Uint8Array): number {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}
