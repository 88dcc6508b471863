import { localDate } from '@motcua/calendar';
import type { Timeliness } from '@motcua/contracts';

/**
 * Early (trước hạn): finished on a local date before the due date. On time (đúng hạn): not after the
 * due instant. Late (quá hạn): after it.
 */
export function timelinessOf(finishedAt: Date, dueAt: Date): Timeliness {
  if (finishedAt.getTime() > dueAt.getTime()) return 'LATE';
  return localDate(finishedAt) < localDate(dueAt) ? 'EARLY' : 'ON_TIME';
}

/** A hand-over time shown to the minute, local time: `2026-11-25T09:41+07:00`. */
export function toMinute(iso: string): string {
  return iso.replace(/T(\d\d:\d\d):\d\d(\.\d+)?\+07:00$/, 'T$1+07:00');
}
