/**
 * Shop-Script datetimes are "Y-m-d H:i:s" in the server's local time; within one server they
 * compare as strings. To turn "now" into that form Dealbridge uses server_timezone_shift
 * (seconds east of UTC) from shop.settings.get.
 */
export function serverLocalNow(nowMs: number, shiftSeconds: number): string {
  const d = new Date(nowMs + shiftSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Server-local "Y-m-d H:i:s" → epoch ms (null when unreadable). */
export function serverLocalToEpoch(value: string, shiftSeconds: number): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return utc - shiftSeconds * 1000;
}
