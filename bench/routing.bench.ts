/*
 * Routing timer bench (tools/bench.sh → `routing`): BENCH_ROUTING_TIMERS (100,000) pending rows in routing's
 * `step_timer`, BENCH_ROUTING_DUE (10,000) of them due now (an OPEN task each, so they fire), the rest due
 * 1..30 days later. Measures
 *   1. the claim query of the timer worker (`claimDue`: FOR UPDATE SKIP LOCKED, LIMIT 200) with all of them
 *      pending, in a rolled-back transaction, BENCH_ROUTING_CLAIM_SAMPLES (50) times;
 *   2. the routing module booted with createServiceApp over an InProcessBus: the real TimerWorker is woken by a
 *      NOTIFY on its channel and fires the due timers; timers fired per second = due ÷ time until every due row
 *      is FIRED, plus the time until every `processing.overdue` left through the outbox relay onto the bus.
 * Own `bench_test_routing_*` database, dropped at the end. Run alone: node bench/dist/bench/routing.bench.js
 *
 * Tasks per second (`tasks`): BENCH_ROUTING_TASK_DOSSIERS (2,000) `dossier.received` published on the bus open as
 * many one-step tasks in one commune's inbox (the built-in workflow, each with its durable timers); then
 * BENCH_ROUTING_TASK_WORKERS (8) concurrent workers, each a different specialist with a token, take the next task
 * and, over HTTP, claim it (`POST /tasks/{id}/claim`) then complete it (`POST /tasks/{id}/complete`: the dossier is
 * resolved, `processing.step-completed` and `dossier.resolved` go to the outbox). tasksPerSec = tasks claimed and
 * completed in the measured window (BENCH_ROUTING_TASK_SECONDS, 5 s, after a 1 s warm-up) ÷ its length. Own
 * `bench_test_routing_tasks_*` database. BENCH_ROUTING_PARTS (`timers,tasks`) picks the sections.
 */
import { randomUUID } from 'crypto';
import { Pool } from 'pg';
import { issueToken } from '@motcua/auth';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { ROUTING_SERVICE, RoutingModule, routingConfigFromEnv } from '@motcua/routing';
import { emit, envNumber, log, nowMs, percentiles, pollUntil, round, withBenchDatabase } from './lib';

const TIMERS = envNumber('BENCH_ROUTING_TIMERS', 100_000);
const DUE = Math.min(envNumber('BENCH_ROUTING_DUE', 10_000), TIMERS);
const CLAIM_SAMPLES = envNumber('BENCH_ROUTING_CLAIM_SAMPLES', 50);
const FIRE_TIMEOUT_SECONDS = envNumber('BENCH_ROUTING_TIMEOUT_SECONDS', 60);
const TIMER_CHANNEL = 'motcua_routing_timers';
const PARTS = new Set((process.env.BENCH_ROUTING_PARTS || 'timers,tasks').split(',').map((p) => p.trim()));
const TASK_DOSSIERS = envNumber('BENCH_ROUTING_TASK_DOSSIERS', 2000);
const TASK_WORKERS = envNumber('BENCH_ROUTING_TASK_WORKERS', 8);
const TASK_SECONDS = envNumber('BENCH_ROUTING_TASK_SECONDS', 5);
const TASK_WARMUP_SECONDS = 1;
const SECRET = 'bench-secret-0123456789abcdef';
const COMMUNE = '000.21.01.H56';

/** The SQL TypeORM issues for StepTimerRepository.claimDue (same predicate, order, limit and lock). */
const CLAIM_SQL = `SELECT t.* FROM step_timer t WHERE t.fired_at IS NULL AND t.fire_at <= $1
  ORDER BY t.fire_at ASC LIMIT 200 FOR UPDATE SKIP LOCKED`;

async function bench(url: string): Promise<Record<string, unknown>> {
  const bus = new InProcessBus({ delayScale: 0.01 });
  let overdueEvents = 0;
  await bus.consume({ service: 'bench-probe', bindings: ['processing.overdue'] }, async () => {
    overdueEvents += 1;
  });
  // Boot first (runs the migrations); the worker then idles: rows inserted by SQL do not notify it.
  const config = routingConfigFromEnv(
    { LOG_LEVEL: process.env.BENCH_INPROCESS_LOG_LEVEL || 'silent' },
    { databaseUrl: url, authJwtSecret: SECRET, bus, timerIdlePollMs: 3_600_000 },
  );
  const app = await createServiceApp(RoutingModule.forRoot(config), ROUTING_SERVICE);
  const pool = new Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  try {
    log(`routing: inserting ${TIMERS} pending timers (${DUE} due now, each with an OPEN task)`);
    const t0 = nowMs();
    await pool.query(
      `INSERT INTO task (id, instance_id, dossier_code, step_key, name, agency_code, role, status, started_at, due_at, version)
       SELECT gen_random_uuid(), gen_random_uuid(), 'BENCH-' || g, 'xu-ly', 'Xử lý hồ sơ', '000.21.01.H56', 'SPECIALIST', 'OPEN',
              now() - interval '10 days', date_trunc('milliseconds', now() - interval '1 second' - (g % 3600) * interval '1 second'), 1
       FROM generate_series(1, $1::int) g`,
      [DUE],
    );
    await pool.query(
      `INSERT INTO step_timer (task_id, dossier_code, kind, fire_at, due_at)
       SELECT id, dossier_code, 'OVERDUE', due_at, due_at FROM task`,
    );
    await pool.query(
      `INSERT INTO step_timer (task_id, dossier_code, kind, fire_at, due_at)
       SELECT gen_random_uuid(), 'BENCH-F-' || g, 'OVERDUE', t, t
       FROM (SELECT g, now() + interval '1 day' + (g % 2592000) * interval '1 second' AS t FROM generate_series(1, $1::int) g) s`,
      [TIMERS - DUE],
    );
    await pool.query('ANALYZE step_timer; ANALYZE task');
    const insertSeconds = round((nowMs() - t0) / 1000, 2);

    log(`routing: claim query × ${CLAIM_SAMPLES} with ${TIMERS} pending`);
    const client = await pool.connect();
    const claim: number[] = [];
    let claimedRows = 0;
    try {
      for (let i = 0; i < CLAIM_SAMPLES + 5; i++) {
        await client.query('BEGIN');
        const s = nowMs();
        const r = await client.query(CLAIM_SQL, [new Date()]);
        const e = nowMs() - s;
        await client.query('ROLLBACK');
        claimedRows = r.rowCount ?? 0;
        if (i >= 5) claim.push(e); // 5 warm-up runs
      }
    } finally {
      client.release();
    }
    const plan = (await pool.query(`EXPLAIN ${CLAIM_SQL}`, [new Date()])).rows.map((r: Record<string, string>) => r['QUERY PLAN']);

    log(`routing: waking the timer worker, ${DUE} timers to fire`);
    const countFired = async () =>
      Number((await pool.query(`SELECT count(*)::int AS n FROM step_timer WHERE outcome = 'FIRED'`)).rows[0].n);
    const start = nowMs();
    await pool.query(`SELECT pg_notify($1, '')`, [TIMER_CHANNEL]);
    const allFired = await pollUntil(async () => (await countFired()) >= DUE, FIRE_TIMEOUT_SECONDS * 1000, 20);
    const firedSeconds = (nowMs() - start) / 1000;
    const fired = await countFired();
    const allPublished = await pollUntil(async () => overdueEvents >= fired, FIRE_TIMEOUT_SECONDS * 1000, 20);
    const publishedSeconds = (nowMs() - start) / 1000;
    const pendingAfter = Number((await pool.query(`SELECT count(*)::int AS n FROM step_timer WHERE fired_at IS NULL`)).rows[0].n);
    log(
      `routing: ${fired}/${DUE} fired in ${round(firedSeconds, 2)} s, ${overdueEvents} events on the bus in ${round(publishedSeconds, 2)} s`,
    );
    return {
      pendingTimers: TIMERS,
      dueTimers: DUE,
      insertSeconds,
      claimQuery: {
        samples: CLAIM_SAMPLES,
        pendingTimers: TIMERS,
        rowsPerClaim: claimedRows,
        latencyMs: percentiles(claim),
        plan,
      },
      firing: {
        fired,
        complete: allFired,
        seconds: round(firedSeconds, 2),
        timersFiredPerSec: firedSeconds > 0 ? round(fired / firedSeconds) : 0,
        overdueEventsPublished: overdueEvents,
        eventsComplete: allPublished,
        secondsUntilAllPublished: round(publishedSeconds, 2),
        eventsPublishedPerSec: publishedSeconds > 0 ? round(overdueEvents / publishedSeconds) : 0,
        pendingAfter,
      },
    };
  } finally {
    await pool.end();
    await app.close();
    await bus.close();
  }
}

/** A `dossier.received` envelope as intake publishes it (procedure without a definition: one step at the commune). */
function dossierReceived(i: number) {
  const code = `000.00.06.H56-261125-${String(100000 + i)}`;
  const now = Date.now();
  return {
    id: randomUUID(),
    type: 'dossier.received',
    version: 1,
    occurredAt: new Date(now).toISOString(),
    source: 'intake',
    correlationId: code,
    causationId: null,
    data: {
      dossierCode: code,
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      receivingAgencyCode: '000.00.06.H56',
      competentAgencyCode: COMMUNE,
      channel: 'COUNTER',
      receivedAt: new Date(now).toISOString(),
      appointmentAt: new Date(now + 5 * 86_400_000).toISOString(),
      resultDelivery: 'COUNTER',
      applicant: { fullName: 'Nguyễn Thị Hòa', phone: '0912345678' },
    },
  };
}

async function benchTasks(url: string): Promise<Record<string, unknown>> {
  const bus = new InProcessBus({ delayScale: 0.01 });
  let resolvedEvents = 0;
  await bus.consume({ service: 'bench-probe', bindings: ['dossier.resolved'] }, async () => {
    resolvedEvents += 1;
  });
  const config = routingConfigFromEnv(
    { LOG_LEVEL: process.env.BENCH_INPROCESS_LOG_LEVEL || 'silent' },
    { databaseUrl: url, authJwtSecret: SECRET, bus },
  );
  const app = await createServiceApp(RoutingModule.forRoot(config), ROUTING_SERVICE);
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const pool = new Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  try {
    log(`routing tasks: ${TASK_DOSSIERS} dossiers received (one task each)`);
    const t0 = nowMs();
    for (let i = 0; i < TASK_DOSSIERS; i += 200) {
      await bus.publish(Array.from({ length: Math.min(200, TASK_DOSSIERS - i) }, (_, j) => dossierReceived(i + j)));
    }
    const openCount = async () => Number((await pool.query(`SELECT count(*)::int AS n FROM task WHERE status = 'OPEN'`)).rows[0].n);
    const seeded = await pollUntil(async () => (await openCount()) >= TASK_DOSSIERS, 120_000, 100);
    const seedSeconds = round((nowMs() - t0) / 1000, 2);
    const ids = (await pool.query(`SELECT id FROM task WHERE status = 'OPEN' ORDER BY due_at`)).rows.map((r: { id: string }) => r.id);
    log(`routing tasks: ${ids.length} open tasks in ${seedSeconds} s; ${TASK_WORKERS} workers claim + complete over HTTP`);

    let cursor = 0;
    const statusCodes: Record<string, number> = {};
    const done: Array<{ at: number; ms: number }> = [];
    const start = nowMs();
    const cpuStart = process.cpuUsage();
    const warmEnd = start + TASK_WARMUP_SECONDS * 1000;
    const stopAt = warmEnd + TASK_SECONDS * 1000;
    const post = async (token: string, path: string, body?: object) => {
      const res = await fetch(`${base}/api/routing/v1/tasks/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      await res.arrayBuffer();
      statusCodes[res.status] = (statusCodes[res.status] ?? 0) + 1;
      return res.status;
    };
    const worker = async (w: number) => {
      const token = issueToken(SECRET, { sub: `bench-cb${w}`, name: `Cán bộ ${w}`, roles: ['SPECIALIST'], agencyCode: COMMUNE });
      while (nowMs() < stopAt && cursor < ids.length) {
        const id = ids[cursor++];
        const s = nowMs();
        if ((await post(token, `${id}/claim`)) !== 200) continue;
        if ((await post(token, `${id}/complete`, { resultSummary: 'Đã cấp Giấy khai sinh' })) !== 200) continue;
        done.push({ at: nowMs(), ms: nowMs() - s });
      }
    };
    await Promise.all(Array.from({ length: TASK_WORKERS }, (_, w) => worker(w)));
    const end = Math.min(nowMs(), stopAt);
    const cpu = process.cpuUsage(cpuStart);
    const measured = done.filter((d) => d.at >= warmEnd && d.at <= stopAt);
    const windowSeconds = (end - warmEnd) / 1000;
    const allResolved = await pollUntil(async () => resolvedEvents >= done.length, 30_000, 20);
    log(`routing tasks: ${measured.length} tasks in ${round(windowSeconds, 2)} s measured (${done.length} in all)`);
    return {
      dossiers: TASK_DOSSIERS,
      seeded,
      seedSeconds,
      workers: TASK_WORKERS,
      warmupSeconds: TASK_WARMUP_SECONDS,
      seconds: round(windowSeconds, 2),
      tasksCompleted: measured.length,
      tasksPerSec: windowSeconds > 0 ? round(measured.length / windowSeconds) : 0,
      latencyMs: percentiles(measured.map((d) => d.ms)),
      // CPU of this process (HTTP, Nest, use cases, TypeORM, outbox relay) per task, warm-up included: less
      // sensitive to other load on a shared machine than the rate (PostgreSQL's own CPU is not in it)
      processCpuMsPerTask: done.length ? round((cpu.user + cpu.system) / 1000 / done.length, 2) : 0,
      ranOutOfTasks: cursor >= ids.length && nowMs() < stopAt,
      statusCodes,
      completedInAll: done.length,
      resolvedEventsOnBus: resolvedEvents,
      eventsComplete: allResolved,
    };
  } finally {
    await pool.end();
    await app.close();
    await bus.close();
  }
}

async function main(): Promise<void> {
  const started = nowMs();
  const timers = PARTS.has('timers') ? await withBenchDatabase('routing', bench) : {};
  const tasks = PARTS.has('tasks') ? { tasks: await withBenchDatabase('routing_tasks', benchTasks) } : {};
  emit({ ...timers, ...tasks, totalSeconds: round((nowMs() - started) / 1000, 1) });
}

main().catch((err: Error) => {
  log(`routing bench failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
