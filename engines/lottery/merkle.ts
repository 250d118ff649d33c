import { fromHex, sha256, toHex, utf8 } from '../hash/index.ts';
import { canonicalJson } from './canonical.ts';

/**
 * The Merkle tree over a frozen applicant pool, published (its root) before the draw.
 *   leaf  = SHA-256(0x00 ‖ UTF-8(canonical JSON of one pool entry))
 *   node  = SHA-256(0x01 ‖ left ‖ right)
 * The 0x00/0x01 prefixes (domain separation, as in RFC 6962) stop a node being passed off as a
 * leaf. Leaves are in pool order (sorted by child id). A level with an odd number of nodes
 * promotes its last node unchanged to the next level — never paired with a copy of itself, which
 * would let two different pools share a root (the CVE-2012-2459 ambiguity). The root of an empty
 * pool is SHA-256 of nothing. A receipt (回执) is one entry and its proof: the sibling hashes from
 * the leaf up, each saying on which side it stands.
 */
export interface ProofStep {
  side: 'left' | 'right';
  hash: string;
}

export interface Receipt {
  poolRoot: string;
  entry: unknown;
  proof: ProofStep[];
}

export function leafHash(entry: unknown): Uint8Array {
  const body = utf8(canonicalJson(entry));
  const bytes = new Uint8Array(body.length + 1);
  bytes[0] = 0x00;
  bytes.set(body, 1);
  return sha256(bytes);
}

function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(65);
  bytes[0] = 0x01;
  bytes.set(left, 1);
  bytes.set(right, 33);
  return sha256(bytes);
}

/** Every level, leaves first, root last. */
export function merkleLevels(entries: readonly unknown[]): Uint8Array[][] {
  const levels: Uint8Array[][] = [entries.map(leafHash)];
  while (levels.at(-1)!.length > 1) {
    const below = levels.at(-1)!;
    const level: Uint8Array[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) level.push(nodeHash(below[i]!, below[i + 1]!));
    if (below.length % 2) level.push(below.at(-1)!);
    levels.push(level);
  }
  return levels;
}

export function merkleRoot(entries: readonly unknown[]): string {
  return rootOf(merkleLevels(entries));
}

/** The root of computed levels (the hash of nothing for an empty pool). */
export function rootOf(levels: Uint8Array[][]): string {
  return levels[0]!.length ? toHex(levels.at(-1)![0]!) : toHex(sha256(new Uint8Array(0)));
}

/** The proof of the entry at `index`, from the levels of its pool. */
export function merkleProof(levels: Uint8Array[][], index: number): ProofStep[] {
  const proof: ProofStep[] = [];
  let i = index;
  for (const level of levels.slice(0, -1)) {
    const sibling = i ^ 1;
    if (sibling < level.length) proof.push({ side: i % 2 ? 'left' : 'right', hash: toHex(level[sibling]!) });
    i >>= 1;
  }
  return proof;
}

/** A receipt for every entry of the pool, in pool order. */
export function poolReceipts(entries: readonly unknown[]): Receipt[] {
  const levels = merkleLevels(entries);
  const poolRoot = rootOf(levels);
  return entries.map((entry, i) => ({ poolRoot, entry, proof: merkleProof(levels, i) }));
}

/** Whether `entry` is in the pool whose root is `root`, by its proof. */
export function verifyReceipt(root: string, entry: unknown, proof: readonly ProofStep[]): boolean {
  try {
    let hash = leafHash(entry);
    for (const step of proof) {
      const sibling = fromHex(step.hash);
      if (sibling.length !== 32) return false;
      hash = step.side === 'left' ? nodeHash(sibling, hash) : nodeHash(hash, sibling);
    }
    return toHex(hash) === root.toLowerCase();
  } catch {
    return false;
  }
}
