const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

export interface QuietHours {
  /** Seconds after local midnight (Asia/Ho_Chi_Minh). */
  start: number;
  end: number;
}

function seconds(hms: string): number {
  const [h, m, s = '0'] = hms.split(':');
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

/** `21:00-07:00` → window; '' → null (no quiet hours). */
export function parseQuietHours(spec: string): QuietHours | null {
  if (spec.trim() === '') return null;
  const [a, b] = spec.split('-');
  const start = seconds(a);
  const end = seconds(b);
  return start === end ? null : { start, end };
}

/**
 * When a message may be sent if it is due at `now`: `now` outside the window, else the end of the
 * window (the next local time-of-day `end`). Windows may cross midnight (21:00-07:00).
 * Vietnam keeps UTC+7 all year, so a fixed offset is exact.
 */
export function quietHoursRelease(now: Date, q: QuietHours | null): Date {
  if (!q) return now;
  const local = now.getTime() + VN_OFFSET_MS;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  const t = (local - midnight) / 1000;
  const inside = q.start < q.end ? t >= q.start && t < q.end : t >= q.start || t < q.end;
  if (!inside) return now;
  let endLocal = midnight + q.end * 1000;
  if (endLocal <= local) endLocal += DAY_MS;
  return new Date(endLocal - VN_OFFSET_MS);
}
