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
 */
import { Pool } from 'pg';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { ROUTING_SERVICE, RoutingModule, routingConfigFromEnv } from '@motcua/routing';
import { emit, envNumber, log, nowMs, percentiles, pollUntil, round, withBenchDatabase } from './lib';

const TIMERS = envNumber('BENCH_ROUTING_TIMERS', 100_000);
const DUE = Math.min(envNumber('BENCH_ROUTING_DUE', 10_000), TIMERS);
const CLAIM_SAMPLES = envNumber('BENCH_ROUTING_CLAIM_SAMPLES', 50);
const FIRE_TIMEOUT_SECONDS = envNumber('BENCH_ROUTING_TIMEOUT_SECONDS', 60);
const TIMER_CHANNEL = 'motcua_routing_timers';

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
    { databaseUrl: url, authJwtSecret: 'bench-secret-0123456789abcdef', bus, timerIdlePollMs: 3_600_000 },
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

async function main(): Promise<void> {
  const started = nowMs();
  const result = await withBenchDatabase('routing', bench);
  emit({ ...result, totalSeconds: round((nowMs() - started) / 1000, 1) });
}

main().catch((err: Error) => {
  log(`routing bench failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
