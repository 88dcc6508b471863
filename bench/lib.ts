import { Client } from 'pg';

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
  /** Absent when left out by `BENCH_PLATFORM_PARTS`. */
  intake?: { connections: number; durationSeconds: number; requestsPerSec: number; latencyMs: { p50: number; p95: number; p99: number } };
  lifecycle?: { dossiers: number; completionsPerSec: number; latencyMs?: { p50: number; p95: number; p99: number } };
  [more: string]: unknown;
}

/**
 * Creates a throwaway `bench_test_<label>_*` database on the `TEST_DATABASE_URL` server, hands its URL to `fn`,
 * and drops it (WITH (FORCE)) afterwards, also when `fn` throws.
 */
export async function withBenchDatabase<T>(label: string, fn: (url: string) => Promise<T>): Promise<T> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('TEST_DATABASE_URL is not set (eval "$(bash tools/infra/ensure.sh)")');
  const name = `bench_test_${label}_${randomSuffix()}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    log(`${label}: created ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    log(`${label}: dropped ${name}`);
  }
}

/** Polls `check` every `everyMs` until it returns true or `timeoutMs` elapses; returns whether it succeeded. */
export async function pollUntil(check: () => Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
