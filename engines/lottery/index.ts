/**
 * The draw engine (摇号 / 派位): lottery numbers from a seed (HMAC-SHA-256), student-proposing
 * deferred acceptance (default) or immediate acceptance (legacy), priority classes first, sibling
 * groups placed together; the comparison of both mechanisms, each child's explanation, private-
 * school draws, and the verifiable draw bundle (Merkle-rooted pool, commit-reveal seed). Pure:
 * no I/O, no node:crypto — the server, the CLI and the browser run this same code.
 * See docs/modules/lottery-engine.md.
 */

export { BUNDLE_VERSION, buildBundle, type DrawBundle, ENGINE_VERSION, freezePool } from './bundle.ts';
export { canonicalJson } from './canonical.ts';
export {
  checkReveals,
  commitmentOf,
  deriveSeed,
  type PartyCommitment,
  type PartyReveal,
} from './commit-reveal.ts';
export { drawColumns, drawInstanceJson, type FileDraw, hashAssignments, runDraw } from './draw.ts';
export {
  type ChoiceExplanation,
  explainDraw,
  type PlacementExplanation,
  type SchoolCutoff,
} from './explain.ts';
export { type ByteSource, type IdBatches, type InstanceColumns, readInstanceJson } from './instance-json.ts';
export { lotteryNumberHex } from './lottery-number.ts';
export {
  leafHash,
  merkleLevels,
  merkleProof,
  merkleRoot,
  type ProofStep,
  poolReceipts,
  type Receipt,
  rootOf,
  verifyReceipt,
} from './merkle.ts';
export {
  type PrivateApplication,
  type PrivateDrawInput,
  privateDrawInstance,
  privateSchoolDraw,
} from './private-draw.ts';
export { compareMechanisms, type DrawOutcome, type MechanismComparison, summarizeDraw } from './report.ts';
export { parseBundle, parseInstance, parseMechanism } from './schema.ts';
export type * from './types.ts';
export { type VerifyOutcome, verifyBundle } from './verify.ts';
