/**
 * ops/s of the legal clock (`@motcua/calendar`), the arithmetic behind every appointment and due instant:
 *
 * - `addWorkingDays(random instant in 2025–2026, random 1..30 days)`
 * - `workingMinutesBetween(random instant, random instant up to ~60 days later)`
 *
 * Inputs are drawn up front from a seeded PRNG (same inputs every run); each operation runs for
 * BENCH_CLOCK_SECONDS (default 1.5) after a short warm-up. Prints one JSON document on stdout.
 */
import { defaultLegalClock } from '@motcua/calendar';
import { emit, envNumber, log, nowMs, prng, round } from './lib';

const INPUTS = 10_000;
const FROM = Date.parse('2025-01-01T00:00:00+07:00');
const SPAN = Date.parse('2026-12-01T00:00:00+07:00') - FROM;
const DAY = 86_400_000;

/** Calls `op(i)` in batches until `seconds` have passed; returns ops/s and mean µs/op. */
function measure(seconds: number, op: (i: number) => unknown): { ops: number; opsPerSec: number; meanMicros: number } {
  const warmupEnd = nowMs() + 200;
  let sink = 0;
  for (let i = 0; nowMs() < warmupEnd; i++) if (op(i % INPUTS)) sink++;
  const start = nowMs();
  const end = start + seconds * 1000;
  let ops = 0;
  let now = start;
  while (now < end) {
    for (let k = 0; k < 1000; k++, ops++) if (op(ops % INPUTS)) sink++;
    now = nowMs();
  }
  if (sink < 0) log('unreachable'); // keeps the results alive
  const elapsed = (now - start) / 1000;
  return { ops, opsPerSec: round(ops / elapsed, 0), meanMicros: round((elapsed * 1e6) / ops, 3) };
}

function main() {
  const seconds = envNumber('BENCH_CLOCK_SECONDS', 1.5);
  const clock = defaultLegalClock();
  const rnd = prng(20260105);
  const starts = Array.from({ length: INPUTS }, () => new Date(FROM + Math.floor(rnd() * SPAN)));
  const days = Array.from({ length: INPUTS }, () => 1 + Math.floor(rnd() * 30));
  const ends = starts.map((s) => new Date(s.getTime() + Math.floor(rnd() * 60 * DAY)));

  log(`legal clock: addWorkingDays, ${seconds}s`);
  const addWorkingDays = measure(seconds, (i) => clock.addWorkingDays(starts[i], days[i]).getTime());
  log(`legal clock: workingMinutesBetween, ${seconds}s`);
  const workingMinutesBetween = measure(seconds, (i) => clock.workingMinutesBetween(starts[i], ends[i]));
  emit({
    inputs: {
      instants: '2025-01-01..2026-12-01 (+07:00)',
      addWorkingDays: '1..30 days',
      workingMinutesBetween: 'spans 0..60 calendar days',
    },
    addWorkingDays,
    workingMinutesBetween,
  });
}

main();
