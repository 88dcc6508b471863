/** Helpers shared by the bench scripts. Each script prints ONE JSON document on stdout; progress goes to stderr. */

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Prints the result of a bench script (the only thing it writes on stdout). */
export function emit(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return n;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Nearest-rank percentiles of a sample (milliseconds in, milliseconds out). */
export function percentiles(samples: number[]): { p50: number; p95: number; p99: number; max: number } {
  if (!samples.length) return { p50: 0, p95: 0, p99: 0, max: 0 };
  const s = Float64Array.from(samples).sort();
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  return { p50: round(at(50), 2), p95: round(at(95), 2), p99: round(at(99), 2), max: round(s[s.length - 1], 2) };
}

/** Milliseconds since an arbitrary origin, sub-millisecond resolution. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Deterministic PRNG (mulberry32) so runs draw the same inputs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomSuffix(): string {
  return `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * What `bench/platform.bench.ts` (the full-platform bench, added by the e2e work) must print.
 * `tools/bench.sh` puts it under `platform` in the report; until that file exists `platform` is null.
 */
export interface PlatformResult {
  intake: { connections: number; durationSeconds: number; requestsPerSec: number; latencyMs: { p50: number; p95: number; p99: number } };
  lifecycle: { dossiers: number; completionsPerSec: number; latencyMs?: { p50: number; p95: number; p99: number } };
  [more: string]: unknown;
}
