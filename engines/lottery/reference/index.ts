/**
 * The reference engine: the draw as first written (engine version edugov-lottery/1) — objects,
 * Maps, JS arrays, a comparator sort of the lottery numbers, one HMAC call per child — kept
 * verbatim and used only by the tests, which check that the compact engine (../draw.ts) gives
 * the very same result, byte for byte, on random instances. Never imported by the engine itself.
 */
export { placeApplicants, runDraw as referenceDraw, toResult } from './draw.ts';
export { prepare as referencePrepare } from './prepare.ts';
