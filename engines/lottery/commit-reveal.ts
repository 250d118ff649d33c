import { fromHex, sha256, toHex } from '../hash/index.ts';

/**
 * The seed of a draw, from a commit-reveal among several parties (the commission, the notary,
 * parent representatives …). Before the draw each party picks a secret `reveal` (hex, at least 32
 * digits = 128 bits) and publishes `commitment = SHA-256(reveal's bytes)`; at the draw each
 * reveals it. `seed = SHA-256(reveal bytes concatenated in party-name order)`. No party can choose
 * the seed alone: one honest party with a fresh secret makes it unpredictable to all others, and
 * once committed nobody can change a secret. (A party can still refuse to reveal: the rules of the
 * draw must say that the draw then waits or proceeds without it, decided before the commitments.)
 */
export interface PartyCommitment {
  party: string;
  commitment: string;
}

export interface PartyReveal {
  party: string;
  reveal: string;
}

export const MIN_REVEAL_HEX = 32;

export function commitmentOf(reveal: string): string {
  return toHex(sha256(fromHex(reveal)));
}

const byParty = <T extends { party: string }>(list: readonly T[]) =>
  [...list].sort((a, b) => (a.party < b.party ? -1 : a.party > b.party ? 1 : 0));

export function deriveSeed(reveals: readonly PartyReveal[]): string {
  const parts = byParty(reveals).map((r) => fromHex(r.reveal));
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return toHex(sha256(joined));
}

/**
 * The first problem of a set of commitments and reveals, or null: every party commits once and
 * reveals once, each reveal has at least 128 bits and hashes to its commitment.
 */
export function checkReveals(
  commitments: readonly PartyCommitment[],
  reveals: readonly PartyReveal[],
): string | null {
  if (!commitments.length) return 'no party committed / 没有任何一方提交承诺';
  const committed = new Map<string, string>();
  for (const c of byParty(commitments)) {
    if (committed.has(c.party)) return `party ${c.party} committed twice / ${c.party} 重复提交承诺`;
    committed.set(c.party, c.commitment.toLowerCase());
  }
  const revealed = new Set<string>();
  for (const r of byParty(reveals)) {
    if (revealed.has(r.party)) return `party ${r.party} revealed twice / ${r.party} 重复揭示`;
    revealed.add(r.party);
    const commitment = committed.get(r.party);
    if (commitment === undefined)
      return `party ${r.party} revealed without a commitment / ${r.party} 未承诺即揭示`;
    if (!/^(?:[0-9a-fA-F]{2})+$/.test(r.reveal) || r.reveal.length < MIN_REVEAL_HEX)
      return `party ${r.party}: reveal is not hex of at least ${MIN_REVEAL_HEX} digits (128 bits) / 揭示值须为至少 32 位十六进制`;
    if (commitmentOf(r.reveal) !== commitment)
      return `party ${r.party}: SHA-256(reveal) = ${commitmentOf(r.reveal)} ≠ commitment ${commitment} / 揭示值与承诺不符`;
  }
  for (const party of committed.keys())
    if (!revealed.has(party)) return `party ${party} committed but did not reveal / ${party} 未揭示`;
  return null;
}
