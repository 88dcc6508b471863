/*
 * Full-platform bench (the hook of tools/bench.sh): the five services and two simulators as separate processes
 * from their built dist/ (e2e/harness), on the PostgreSQL and RabbitMQ of tools/infra/ensure.sh, with
 * per-run databases and bus prefix. Prints ONE JSON document of shape `PlatformResult` (lib.ts).
 *
 *   1. lifecycle: N dossiers (result by post) end to end with bounded concurrency: create at intake → the
 *      routing task appears → the specialist completes it → the VNPost simulator delivers → intake shows
 *      national status 10;
 *   2. intake: autocannon against POST /api/intake/v1/dossiers (counter clerk, result at the counter);
 *   3. memoryMB: resident set size of every process at the end.
 *
 * Lifecycle runs first, on an idle platform: the intake burst leaves thousands of dossiers flowing through the
 * other services. Knobs: see bench/README.md. Run alone after a build: node bench/dist/bench/platform.bench.js
 * (only the intake throughput: BENCH_PLATFORM_PARTS=intake node bench/dist/bench/platform.bench.js).
 */
import * as fs from 'fs';
import * as path from 'path';
import autocannon from 'autocannon';
import {
  DossierRequest,
  IntakeClient,
  Platform,
  ProcessName,
  RoutingClient,
  SERVICES,
  SIMULATORS,
  tokensFor,
  transientStats,
} from '../e2e/harness';
import { emit, envNumber, log, nowMs, percentiles, PlatformResult, round } from './lib';

const INTAKE_CONNECTIONS = envNumber('BENCH_INTAKE_CONNECTIONS', 20);
const INTAKE_SECONDS = envNumber('BENCH_INTAKE_SECONDS', 15);
const INTAKE_WARMUP_SECONDS = envNumber('BENCH_INTAKE_WARMUP_SECONDS', 2);
const LIFECYCLE_DOSSIERS = envNumber('BENCH_LIFECYCLE_DOSSIERS', 300);
const LIFECYCLE_CONCURRENCY = envNumber('BENCH_LIFECYCLE_CONCURRENCY', 50);
const LIFECYCLE_TIMEOUT_SECONDS = envNumber('BENCH_LIFECYCLE_TIMEOUT_SECONDS', 45);
const VNPOST_STEP_DELAY_MS = envNumber('BENCH_VNPOST_STEP_DELAY_MS', 10);
/** Pause between two sweeps of the task inbox / of the dossiers waiting for status 10. */
const POLL_MS = envNumber('BENCH_POLL_MS', 50);
/** GETs in flight while sweeping the dossiers waiting for status 10. */
const STATUS_POLL_CONCURRENCY = 8;
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL || 'warn';
/** `BENCH_PLATFORM_PARTS=intake` runs only the intake throughput part (default: `lifecycle,intake`). */
const PARTS = new Set((process.env.BENCH_PLATFORM_PARTS || 'lifecycle,intake').split(',').map((s) => s.trim()));

const PROCEDURE = '1.001193';
const RETURNED = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

function postRequest(i: number): DossierRequest {
  const phone = `09${String(20_000_000 + i)}`;
  return {
    procedureCode: PROCEDURE,
    channel: 'COUNTER',
    applicant: { fullName: 'Nguyễn Văn Đo', idNumber: `038${String(200_000_000 + i)}`, phone },
    resultDelivery: 'POST',
    deliveryAddress: {
      recipientName: 'Nguyễn Văn Đo',
      phone,
      line: `Số ${i + 1} đường Trần Phú`,
      communeCode: '14755',
      provinceCode: '38',
    },
  };
}

function counterBody(n: number): string {
  return JSON.stringify({
    procedureCode: PROCEDURE,
    channel: 'COUNTER',
    applicant: {
      fullName: 'Trần Thị Tải',
      idNumber: `079${String(n % 1e9).padStart(9, '0')}`,
      phone: `09${String(n % 1e8).padStart(8, '0')}`,
    },
    resultDelivery: 'COUNTER',
  });
}

/** Settles the returned promises from a single polling loop, so waiting does not cost one request per dossier. */
class Poller<T> {
  private readonly waiting = new Map<string, { resolve: (v: T) => void; reject: (e: Error) => void }>();
  private running = true;
  private readonly loop: Promise<void>;

  constructor(sweep: (keys: string[], settle: (key: string, value: T) => void) => Promise<void>) {
    this.loop = (async () => {
      while (this.running) {
        if (this.waiting.size) {
          await sweep([...this.waiting.keys()], (key, value) => {
            this.waiting.get(key)?.resolve(value);
            this.waiting.delete(key);
          }).catch((err: Error) => log(`poll failed (retrying): ${err.message}`));
        }
        await sleep(POLL_MS);
      }
    })();
  }

  wait(key: string): Promise<T> {
    return new Promise((resolve, reject) => this.waiting.set(key, { resolve, reject }));
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const w of this.waiting.values()) w.reject(new Error('stopped'));
    this.waiting.clear();
    await this.loop;
  }
}

async function lifecycle(platform: Platform): Promise<PlatformResult['lifecycle'] & Record<string, unknown>> {
  const tokens = tokensFor(platform);
  const intake = new IntakeClient(platform.url('intake'), tokens.clerk);
  const routing = new RoutingClient(platform.url('routing'), tokens.specialist);
  const tasks = new Poller<string>(async (codes, settle) => {
    const wanted = new Set(codes);
    for (const t of await routing.openTasks(500)) if (wanted.has(t.dossierCode)) settle(t.dossierCode, t.id);
  });
  const returned = new Poller<void>((codes, settle) =>
    pool(codes, STATUS_POLL_CONCURRENCY, async (code) => {
      if ((await intake.getDossier(code)).nationalStatus === RETURNED) settle(code, undefined);
    }),
  );

  const stages = { create: [] as number[], toTask: [] as number[], complete: [] as number[], toReturned: [] as number[] };
  const latencies: number[] = [];
  const failures: string[] = [];
  let firstStart = Infinity;
  let lastDone = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${LIFECYCLE_TIMEOUT_SECONDS} s`)), LIFECYCLE_TIMEOUT_SECONDS * 1000);
  });
  deadline.catch(() => undefined);
  const progress = setInterval(() => log(`lifecycle: ${latencies.length}/${LIFECYCLE_DOSSIERS} returned`), 5000);

  log(`lifecycle: ${LIFECYCLE_DOSSIERS} dossiers (result by post), ${LIFECYCLE_CONCURRENCY} in flight`);
  try {
    await pool(
      Array.from({ length: LIFECYCLE_DOSSIERS }, (_, i) => i),
      LIFECYCLE_CONCURRENCY,
      async (i) => {
        try {
          const t0 = nowMs();
          firstStart = Math.min(firstStart, t0);
          const { dossier } = await Promise.race([intake.createDossier(postRequest(i), `bench-${platform.runId}-${i}`), deadline]);
          const t1 = nowMs();
          const taskId = await Promise.race([tasks.wait(dossier.code), deadline]);
          const t2 = nowMs();
          await Promise.race([routing.completeTask(taskId, `Đã cấp kết quả cho hồ sơ ${dossier.code}`), deadline]);
          const t3 = nowMs();
          await Promise.race([returned.wait(dossier.code), deadline]);
          const t4 = nowMs();
          stages.create.push(t1 - t0);
          stages.toTask.push(t2 - t1);
          stages.complete.push(t3 - t2);
          stages.toReturned.push(t4 - t3);
          latencies.push(t4 - t0);
          lastDone = Math.max(lastDone, t4);
        } catch (err) {
          failures.push(`#${i}: ${(err as Error).message}`);
        }
      },
    );
  } finally {
    clearTimeout(timer);
    clearInterval(progress);
    await Promise.all([tasks.stop(), returned.stop()]);
  }
  if (failures.length) log(`lifecycle: ${failures.length} dossier(s) failed, e.g. ${failures.slice(0, 3).join(' | ')}`);
  const wallSeconds = latencies.length ? (lastDone - firstStart) / 1000 : 0;
  const { p50, p95, p99, max } = percentiles(latencies);
  const p = (xs: number[]) => {
    const { p50, p95, p99 } = percentiles(xs);
    return { p50, p95, p99 };
  };
  log(`lifecycle: ${latencies.length} returned in ${round(wallSeconds, 2)} s, p50 ${p50} ms, p99 ${p99} ms`);
  return {
    dossiers: latencies.length,
    completionsPerSec: wallSeconds > 0 ? round(latencies.length / wallSeconds) : 0,
    latencyMs: { p50, p95, p99 },
    maxLatencyMs: max,
    requested: LIFECYCLE_DOSSIERS,
    failed: failures.length,
    concurrency: LIFECYCLE_CONCURRENCY,
    wallSeconds: round(wallSeconds, 2),
    vnpostStepDelayMs: VNPOST_STEP_DELAY_MS,
    stageLatencyMs: { create: p(stages.create), toTask: p(stages.toTask), complete: p(stages.complete), toReturned: p(stages.toReturned) },
    clientRetries: { ...transientStats },
  };
}

async function intakeThroughput(platform: Platform): Promise<PlatformResult['intake'] & Record<string, unknown>> {
  const url = `${platform.url('intake')}/api/intake/v1/dossiers`;
  const headers = { authorization: `Bearer ${tokensFor(platform).clerk}`, 'content-type': 'application/json' };
  let n = 0;
  const run = (seconds: number) =>
    autocannon({
      url,
      connections: INTAKE_CONNECTIONS,
      duration: seconds,
      timeout: 10,
      requests: [{ method: 'POST', headers, setupRequest: (req) => ({ ...req, body: counterBody(n++) }) }],
    });

  log(`intake: warm-up ${INTAKE_WARMUP_SECONDS} s`);
  await run(INTAKE_WARMUP_SECONDS);
  log(`intake: ${INTAKE_CONNECTIONS} connections for ${INTAKE_SECONDS} s`);
  const samples: number[] = [];
  const instance = run(INTAKE_SECONDS);
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => samples.push(responseTimeMs));
  const r = await instance;
  const ok = r['2xx'];
  const { p50, p95, p99, max } = percentiles(samples);
  const requestsPerSec = round(ok / r.duration);
  log(`intake: ${requestsPerSec} dossiers/s, p50 ${p50} ms, p99 ${p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`);
  return {
    connections: INTAKE_CONNECTIONS,
    durationSeconds: r.duration,
    requestsPerSec,
    latencyMs: { p50, p95, p99 },
    maxLatencyMs: max,
    created: ok,
    non2xx: r.non2xx,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count])),
    errors: r.errors,
    timeouts: r.timeouts,
    warmupSeconds: INTAKE_WARMUP_SECONDS,
    autocannon: {
      requestsPerSecAverage: r.requests.average,
      latencyMs: { p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, max: r.latency.max },
    },
  };
}

/** VmRSS and VmHWM (peak) of each process, in MiB. */
function memory(platform: Platform): { memoryMB: Record<string, number>; peakMemoryMB: Record<string, number> } {
  const memoryMB: Record<string, number> = {};
  const peakMemoryMB: Record<string, number> = {};
  for (const name of [...SERVICES, ...SIMULATORS] as ProcessName[]) {
    const pid = platform.pid(name);
    if (!pid || !platform.isRunning(name)) continue;
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      memoryMB[name] = round(kb('VmRSS') / 1024);
      peakMemoryMB[name] = round(kb('VmHWM') / 1024);
    } catch {
      /* not Linux, or gone */
    }
  }
  memoryMB['bench-client'] = round(process.memoryUsage().rss / 2 ** 20);
  return { memoryMB, peakMemoryMB };
}

async function main(): Promise<void> {
  const started = nowMs();
  const platform = new Platform({ requireAll: true, vnpostStepDelayMs: VNPOST_STEP_DELAY_MS, logLevel: LOG_LEVEL, stopGraceMs: 5000 });
  let tornDown: Promise<void> | undefined;
  const teardown = () =>
    (tornDown ??= (async () => {
      log('stopping the platform, dropping its databases and queues');
      await platform.stopAll();
      await platform.cleanup();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void teardown().finally(() => process.exit(130));
    });
  }

  try {
    log(`starting the platform (run ${platform.runId}, logs in ${path.relative(process.cwd(), platform.logDir)})`);
    await platform.start();
    const startSeconds = round((nowMs() - started) / 1000, 2);
    log(`platform up in ${startSeconds} s`);
    const life = PARTS.has('lifecycle') ? await lifecycle(platform) : undefined;
    const intake = PARTS.has('intake') ? await intakeThroughput(platform) : undefined;
    const crashed = [...platform.running, ...SIMULATORS].filter((n) => !platform.isRunning(n));
    const result: PlatformResult = {
      intake,
      lifecycle: life,
      ...memory(platform),
      processes: [...platform.running, ...SIMULATORS],
      crashed,
      logLevel: LOG_LEVEL,
      startSeconds,
    };
    await teardown();
    result.totalSeconds = round((nowMs() - started) / 1000, 1);
    emit(result);
  } finally {
    await teardown();
  }
}

main().catch((err: Error) => {
  log(`platform bench failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
