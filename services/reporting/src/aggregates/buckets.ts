import { DomainError } from '@motcua/platform';
import { localDayStart } from '../summary/local-period';

export const GRANULARITIES = ['day', 'month', 'quarter', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** One bucket: local dates `from`…`to` (both included) and their instants [start, end). */
export interface Bucket {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

export const MAX_BUCKETS = 1000;

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** The calendar date after a `YYYY-MM-DD` date. */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The first date of the next day / month / quarter / year after `date`. */
function nextBoundary(date: string, g: Granularity): string {
  if (g === 'day') return nextDay(date);
  const [y, m] = date.split('-').map(Number);
  if (g === 'month') return m === 12 ? iso(y + 1, 1, 1) : iso(y, m + 1, 1);
  if (g === 'quarter') {
    const q = Math.floor((m - 1) / 3) + 1;
    return q === 4 ? iso(y + 1, 1, 1) : iso(y, q * 3 + 1, 1);
  }
  return iso(y + 1, 1, 1);
}

function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The local calendar buckets (Asia/Ho_Chi_Minh) covering `from`…`to`: the first and the last are
 * clipped to the period, so the buckets of a finer granularity tile exactly those of a coarser one.
 */
export function localBuckets(from: string, to: string, g: Granularity): Bucket[] {
  const buckets: Bucket[] = [];
  let first = from;
  while (first <= to) {
    const boundary = nextBoundary(first, g);
    const last = boundary <= to ? previousDay(boundary) : to;
    const start = localDayStart(first) as Date;
    const end = localDayStart(nextDay(last)) as Date;
    buckets.push({ from: first, to: last, start, end });
    if (buckets.length > MAX_BUCKETS) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'granularity', rule: 'maxBuckets', message: `Kỳ quá dài: tối đa ${MAX_BUCKETS} khoảng thời gian` },
      ]);
    }
    first = nextDay(last);
  }
  return buckets;
}
