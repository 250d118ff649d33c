/** Hex and UTF-8 helpers for the hashes (lowercase hex; hex input may be upper or lower case). */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

export const isHex = (text: string): boolean => /^(?:[0-9a-fA-F]{2})*$/.test(text);

/** Bytes of an even-length hex string; throws on anything else (callers validate first). */
export function fromHex(hex: string): Uint8Array {
  if (!isHex(hex)) throw new Error(`not an even-length hex string: ${hex.slice(0, 20)}`);
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

const encoder = new TextEncoder();
export const utf8 = (text: string): Uint8Array => encoder.encode(text);
