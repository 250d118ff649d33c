/**
 * Instants as the district reads them. The database and the API carry instants (UTC ISO strings);
 * what people read outside the browser — Excel exports, SMS, notices — is Beijing wall time
 * (UTC+8, no daylight saving), whatever the server's time zone.
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** "2026-07-10 17:00", Beijing time; null (an empty cell) for no instant. */
export function beijingMinute(at: Date | string): string;
export function beijingMinute(at: Date | string | null | undefined): string | null;
export function beijingMinute(at: Date | string | null | undefined): string | null {
  if (at === null || at === undefined || at === '') return null;
  const ms = new Date(at).getTime();
  if (Number.isNaN(ms)) return null;
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
