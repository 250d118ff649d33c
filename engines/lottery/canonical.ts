/**
 * Canonical JSON, as in RFC 8785 (JCS) for the values a draw publishes (strings, integers, null,
 * arrays, objects): object keys sorted by UTF-16 code units, no whitespace, JSON.stringify for the
 * scalars. `JSON.stringify` alone is not canonical: it keeps insertion order and puts integer-like
 * keys ("1001") first, so the same assignments could serialise two ways.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error('canonical JSON: not a finite number');
    if (value === undefined) throw new Error('canonical JSON: undefined');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}
