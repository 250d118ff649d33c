/** The draw engine's input and output, zod-free (the zod schema of the input is in `./schema.ts`). */

/** `da`: student-proposing deferred acceptance (default); `ia`: immediate acceptance (Boston, legacy 派位). */
export type Mechanism = 'da' | 'ia';

export interface LotterySchool {
  id: string;
  /** Seats (学位) offered in this draw; 0 is allowed (the school takes nobody). */
  capacity: number;
}

export interface LotteryStudent {
  /** The child's pseudonymous id: the message of its lottery number, never re-issued on edits. */
  id: string;
  /** School ids, most wanted first. */
  choices: string[];
  /** Priority class per school, smaller is served first; a school not listed = the last class. */
  priority?: Record<string, number>;
  /**
   * Extension (not in the fixed CLI interface): children with the same `siblingGroup` (twins,
   * triplets) are placed together or not at all; they must rank the same choices. See
   * docs/modules/lottery-engine.md.
   */
  siblingGroup?: string;
}

export interface LotteryInstance {
  /** Hex, at least 32 digits (128 bits), a whole number of bytes: the HMAC key of the lottery numbers. */
  seed: string;
  schools: LotterySchool[];
  students: LotteryStudent[];
}

export interface LotteryResult {
  mechanism: Mechanism;
  /** Child id → school id, or null when the child got none of its choices. */
  assignments: Record<string, string | null>;
  /** SHA-256 hex of the canonical JSON (RFC 8785) of `assignments`. */
  resultHash: string;
}
