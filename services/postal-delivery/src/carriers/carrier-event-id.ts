import { createHash } from 'crypto';

/**
 * Identity of one carrier status change, the same whether it came by webhook or by polling the
 * history: item code, status, time (to the millisecond) and a digest of the note (two changes to the
 * same status in the same millisecond, e.g. "Phát lần 1" / "Phát lần 2", stay apart). The timeline
 * keeps each identity once, so a change seen on both paths, or twice on one, is recorded once.
 */
export function carrierEventId(itemCode: string, statusCode: number, time: Date, note?: string | null): string {
  const digest = createHash('sha256')
    .update(note ?? '')
    .digest('hex')
    .slice(0, 12);
  return `${itemCode}:${statusCode}:${time.getTime()}:${digest}`;
}
