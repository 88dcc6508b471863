/*
 * Reporting bench (tools/bench.sh → `reporting`), the reporting module booted with createServiceApp over an
 * InProcessBus on its own `bench_test_reporting_*` database (dropped at the end):
 *   1. ingest: BENCH_REPORTING_EVENTS (5,000) valid `dossier.received` envelopes published on the bus in
 *      batches of 200; events/s = N ÷ time from the first publish until `event_log` holds all N (each event is
 *      logged and folded into `dossier_fact` by the module's handler);
 *   2. queries: BENCH_REPORTING_FACTS (500,000) synthetic `dossier_fact` rows inserted with generate_series
 *      (80 % competent agencies of one province in 2025, the rest other provinces or 2024), then the module's
 *      own II.06a query (Ii06aRepository.rowsByField) and indicator queries (IndicatorsRepository:
 *      channelCounts + processCounts + processingSpans) for that province-year, on the booted DataSource.
 * Run alone: node bench/dist/bench/reporting.bench.js
 */
import * as path from 'path';
import { DataSource, EntityManager } from 'typeorm';
import { DOSSIER_RECEIVED } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { REPORTING_SERVICE, ReportingModule, reportingConfigFromEnv } from '@motcua/reporting';
import { makeEnvelope } from '@motcua/testing';
import { emit, envNumber, log, nowMs, percentiles, pollUntil, round, withBenchDatabase } from './lib';

/*
 * The module's own query classes, loaded from its built dist/ at run time (they are not exported by
 * @motcua/reporting; a type-only view keeps `tsc -p tsconfig.json` independent of a build).
 */
type Scope = [m: EntityManager, agencyCodes: readonly string[], start: Date, end: Date];
interface QueryClasses {
  Ii06aRepository: new () => { rowsByField(...args: [...Scope, asOf: Date]): Promise<unknown[]> };
  IndicatorsRepository: new () => {
    channelCounts(...args: Scope): Promise<unknown>;
    processCounts(...args: Scope): Promise<unknown>;
    processingSpans(...args: Scope): Promise<unknown[]>;
  };
}
const distOf = (file: string) => path.join(path.dirname(require.resolve('@motcua/reporting')), file);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Ii06aRepository } = require(distOf('forms/ii06a.repository')) as Pick<QueryClasses, 'Ii06aRepository'>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { IndicatorsRepository } = require(distOf('indicators/indicators.repository')) as Pick<QueryClasses, 'IndicatorsRepository'>;

const EVENTS = envNumber('BENCH_REPORTING_EVENTS', 5_000);
const FACTS = envNumber('BENCH_REPORTING_FACTS', 500_000);
const QUERY_SAMPLES = envNumber('BENCH_REPORTING_QUERY_SAMPLES', 5);
const TIMEOUT_SECONDS = envNumber('BENCH_REPORTING_TIMEOUT_SECONDS', 60);
const BATCH = 200;
/** The province measured: 20 competent agencies (`000.<nn>.00.H56`). */
const PROVINCE_AGENCIES = Array.from({ length: 20 }, (_, i) => `000.${String(i + 10).padStart(2, '0')}.00.H56`);
const YEAR_START = new Date('2025-01-01T00:00:00+07:00');
const YEAR_END = new Date('2026-01-01T00:00:00+07:00');

async function ingest(bus: InProcessBus, ds: DataSource): Promise<Record<string, unknown>> {
  const envelopes = Array.from({ length: EVENTS }, (_, i) => {
    const code = `000.00.06.H56-251125-${String(i).padStart(6, '0')}`;
    return makeEnvelope(
      DOSSIER_RECEIVED,
      {
        dossierCode: code,
        procedureCode: '1.001193',
        procedureName: 'Đăng ký khai sinh',
        receivingAgencyCode: '000.00.06.H56',
        competentAgencyCode: PROVINCE_AGENCIES[i % PROVINCE_AGENCIES.length],
        channel: i % 3 === 0 ? 'ONLINE' : 'COUNTER',
        receivedAt: new Date(Date.UTC(2025, 10, 25, 2) + i * 1000).toISOString(),
        appointmentAt: new Date(Date.UTC(2025, 11, 2, 2) + i * 1000).toISOString(),
        resultDelivery: 'COUNTER',
        applicant: { fullName: 'Nguyễn Thị Hòa' },
      },
      { correlationId: code, source: 'intake' },
    );
  });
  const count = async () => Number((await ds.query(`SELECT count(*)::int AS n FROM event_log`))[0].n);
  log(`reporting: publishing ${EVENTS} dossier.received in batches of ${BATCH}`);
  const start = nowMs();
  for (let i = 0; i < envelopes.length; i += BATCH) await bus.publish(envelopes.slice(i, i + BATCH));
  const publishSeconds = (nowMs() - start) / 1000;
  const complete = await pollUntil(async () => (await count()) >= EVENTS, TIMEOUT_SECONDS * 1000, 20);
  const seconds = (nowMs() - start) / 1000;
  const logged = await count();
  const facts = Number((await ds.query(`SELECT count(*)::int AS n FROM dossier_fact`))[0].n);
  log(`reporting: ${logged}/${EVENTS} events in event_log after ${round(seconds, 2)} s`);
  return {
    events: EVENTS,
    logged,
    factsBuilt: facts,
    complete,
    publishSeconds: round(publishSeconds, 2),
    seconds: round(seconds, 2),
    eventsPerSec: seconds > 0 ? round(logged / seconds) : 0,
  };
}

async function time<T>(samples: number, fn: () => Promise<T>): Promise<{ latencyMs: ReturnType<typeof percentiles>; last: T }> {
  let last = await fn(); // warm-up, not counted
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const s = nowMs();
    last = await fn();
    ms.push(nowMs() - s);
  }
  return { latencyMs: percentiles(ms), last };
}

async function queries(ds: DataSource): Promise<Record<string, unknown>> {
  log(`reporting: inserting ${FACTS} synthetic dossier_fact rows`);
  const t0 = nowMs();
  // g % 5 < 4: the measured province in 2025; otherwise another province (g % 5 = 4, odd g) or 2024 (even g).
  await ds.query(
    `INSERT INTO dossier_fact (dossier_code, procedure_code, receiving_agency_code, competent_agency_code, channel, result_delivery,
        received_at, appointment_at, resolved_at, timeliness, resolving_agency_code, supplement_requests)
     SELECT 'BENCH-' || g, '1.00' || (1000 + g % 40), '000.00.06.H56',
            CASE WHEN g % 5 = 4 AND g % 2 = 1 THEN '000.' || (50 + g % 20) || '.00.H56' ELSE '000.' || (10 + g % 20) || '.00.H56' END,
            CASE WHEN g % 3 = 0 THEN 'ONLINE' WHEN g % 7 = 0 THEN 'POSTAL' ELSE 'COUNTER' END, 'COUNTER',
            r, r + interval '7 days',
            CASE WHEN g % 10 < 8 THEN r + (g % 12) * interval '1 day' END,
            CASE WHEN g % 10 >= 8 THEN NULL WHEN g % 12 < 5 THEN 'EARLY' WHEN g % 12 < 8 THEN 'ON_TIME' ELSE 'LATE' END,
            CASE WHEN g % 10 < 8 THEN '000.' || (10 + g % 20) || '.00.H56' END,
            CASE WHEN g % 50 = 0 THEN 2 WHEN g % 9 = 0 THEN 1 ELSE 0 END
     FROM (SELECT g, CASE WHEN g % 5 = 4 AND g % 2 = 0 THEN timestamptz '2024-01-01 08:00+07' ELSE timestamptz '2025-01-01 08:00+07' END
                     + (g % 360) * interval '1 day' + (g % 480) * interval '1 minute' AS r
           FROM generate_series(1, $1::int) g) s`,
    [FACTS],
  );
  await ds.query(`ANALYZE dossier_fact`);
  const insertSeconds = round((nowMs() - t0) / 1000, 1);
  const [{ n: inScope }] = (await ds.query(
    `SELECT count(*)::int AS n FROM dossier_fact WHERE competent_agency_code = ANY($1::text[]) AND received_at >= $2 AND received_at < $3`,
    [PROVINCE_AGENCIES, YEAR_START, YEAR_END],
  )) as Array<{ n: number }>;
  const [{ n: total }] = (await ds.query(`SELECT count(*)::int AS n FROM dossier_fact`)) as Array<{ n: number }>;

  log(`reporting: II.06a and indicators × ${QUERY_SAMPLES} for one province-year (${inScope} of ${total} rows)`);
  const m = ds.manager;
  const ii06a = await time(QUERY_SAMPLES, () => new Ii06aRepository().rowsByField(m, PROVINCE_AGENCIES, YEAR_START, YEAR_END, YEAR_END));
  const repo = new IndicatorsRepository();
  const channel = await time(QUERY_SAMPLES, () => repo.channelCounts(m, PROVINCE_AGENCIES, YEAR_START, YEAR_END));
  const process = await time(QUERY_SAMPLES, () => repo.processCounts(m, PROVINCE_AGENCIES, YEAR_START, YEAR_END));
  const spans = await time(QUERY_SAMPLES, () => repo.processingSpans(m, PROVINCE_AGENCIES, YEAR_START, YEAR_END));
  const sumP50 = round(channel.latencyMs.p50 + process.latencyMs.p50 + spans.latencyMs.p50, 2);
  log(`reporting: II.06a p50 ${ii06a.latencyMs.p50} ms; indicators p50 (sum) ${sumP50} ms`);
  return {
    factRows: total,
    rowsInProvinceYear: inScope,
    agencies: PROVINCE_AGENCIES.length,
    period: { start: YEAR_START.toISOString(), end: YEAR_END.toISOString() },
    insertSeconds,
    samples: QUERY_SAMPLES,
    ii06a: { latencyMs: ii06a.latencyMs, fieldRows: ii06a.last.length },
    indicators: {
      channelCountsMs: channel.latencyMs,
      processCountsMs: process.latencyMs,
      processingSpansMs: { ...spans.latencyMs, rows: spans.last.length },
      sumOfP50Ms: sumP50,
    },
  };
}

async function bench(url: string): Promise<Record<string, unknown>> {
  const bus = new InProcessBus({ delayScale: 0.01 });
  const config = reportingConfigFromEnv(
    {},
    { databaseUrl: url, authJwtSecret: 'bench-secret-0123456789abcdef', bus, logLevel: process.env.BENCH_INPROCESS_LOG_LEVEL || 'silent' },
  );
  const app = await createServiceApp(ReportingModule.forRoot(config), REPORTING_SERVICE);
  try {
    const ds = app.get(DataSource);
    return { ingest: await ingest(bus, ds), queries: await queries(ds) };
  } finally {
    await app.close();
    await bus.close();
  }
}

async function main(): Promise<void> {
  const started = nowMs();
  const result = await withBenchDatabase('reporting', bench);
  emit({ ...result, totalSeconds: round((nowMs() - started) / 1000, 1) });
}

main().catch((err: Error) => {
  log(`reporting bench failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
