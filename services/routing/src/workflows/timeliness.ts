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
