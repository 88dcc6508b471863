/*
 * Reporting bench (tools/bench.sh → `reporting`), the reporting module booted with createServiceApp over an
 * InProcessBus on its own `bench_test_reporting_*` database (dropped at the end):
 *   1. ingest: BENCH_REPORTING_EVENTS (5,000) valid `dossier.received` envelopes published on the bus in
 *      batches of 200; events/s = N ÷ time from the first publish until `event_log` holds all N (the consumer, a
 *      batch handler, appends up to 200 events per transaction and statement: EVENT_LOG_BATCH); `projectedPerSec` = N ÷ time until the projector has applied them all
 *      (`event_log.projected`, facts and agency counts); `batchedAppend`: the same number of events appended 500 per
 *      statement (what a transport delivering batches would allow) and projected;
 *   2. queries: BENCH_REPORTING_FACTS (5,000,000) synthetic `dossier_fact` rows inserted with generate_series
 *      (80 % competent agencies of one province in 2025, the rest other provinces or 2024), the per-day and
 *      per-month agency counts built from them set-based (the projector's own SQL, `addContributionsSql`), then
 *      for that province-year (the province's subtree of `reporting_agency`, 20 agencies) the module's own
 *      queries, each timed with its agency-tree lookup: II.06a (AggregateCountsRepository.ii06aByField), the
 *      channel shares (BCCI intake / return, online: channelShares), the on-time rate (II.06a totals) and the
 *      Decision 766 scores of the computable groups (progress + online: both).
 *      Then every indicator endpoint over HTTP (supertest, ADMIN token; BENCH_REPORTING_ENDPOINT_SAMPLES, 10, each):
 *      the agency summary, II.06a (JSON, CSV, XLSX), the indicators, the 766 index (and with its lost-point dossiers,
 *      and a page of a lost-point list), the aggregates by month and by day, p50/p95 under `queries.endpoints` (the synthetic facts also carry messages, extensions, postal legs,
 *      ratings and refusals, so every indicator has something to count).
 *   (BENCH_REPORTING_QUERIES=0 runs the ingest part alone; BENCH_REPORTING_BUS=rabbitmq ingests through RabbitMQ instead of
 *   the InProcessBus; BENCH_REPORTING_PUBLISHERS (8) publishes of 200 are in flight at once.)
 *   3. with BENCH_REPORTING_AS_OF=1 (off by default: about a minute more at 5 M): every fact saved as a fact
 *      snapshot, then II.06a of one agency "as of" an instant after it (FactsView: the agency's snapshot rows
 *      restored, the events since folded), compared with the live answer.
 * Run alone: node bench/dist/bench/reporting.bench.js
 */
import * as path from 'path';
import { DataSource, EntityManager } from 'typeorm';
import { DOSSIER_RECEIVED } from '@motcua/contracts';
import { InProcessBus, MessageBus, RabbitMqBus } from '@motcua/messaging';
import * as amqplib from 'amqplib';
import { randomBytes } from 'crypto';
import { createServiceApp } from '@motcua/platform';
import { REPORTING_SERVICE, ReportingModule, reportingConfigFromEnv } from '@motcua/reporting';
import { makeEnvelope } from '@motcua/testing';
import { issueToken } from '@motcua/auth';
import request from 'supertest';
import { emit, envNumber, log, nowMs, percentiles, pollUntil, round, withBenchDatabase } from './lib';

/*
 * The module's own query classes, loaded from its built dist/ at run time (they are not exported by
 * @motcua/reporting; a type-only view keeps `tsc -p tsconfig.json` independent of a build).
 */
type Scope = [m: EntityManager, agencyCodes: readonly string[], start: Date, end: Date];
interface Ii06aCounts {
  received: { total: number };
  resolved: { total: number; early: number; onTime: number };
  inProgress: { total: number; withinDeadline: number };
}
interface ChannelShares {
  received: number;
  receivedOnline: number;
  receivedPostal: number;
  returned: number;
  returnedByPost: number;
}
interface QueryModules {
  AggregateCountsRepository: new () => {
    ii06aByField(...args: [...Scope, asOf: Date]): Promise<Ii06aCounts[]>;
    channelShares(...args: Scope): Promise<ChannelShares>;
  };
  AggregatesRepository: new () => { codesUnder(m: EntityManager, code: string): Promise<string[]> };
  addContributionsSql: (where: string, sign: string) => string;
  FactsView: abstract new (...args: never[]) => {
    read<T>(
      asOf: Date | undefined,
      query: (m: EntityManager) => Promise<T>,
      opts?: { snapshots?: boolean; agencyCode?: string },
    ): Promise<T>;
    lastSource?: { snapshotId: number | null; events: number };
  };
  Ii06aRepository: new () => { rowsByField(...args: [...Scope, asOf: Date]): Promise<Ii06aCounts[]> };
}
const distOf = (file: string) => path.join(path.dirname(require.resolve('@motcua/reporting')), file);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AggregateCountsRepository } = require(distOf('aggregates/aggregate-counts.repository')) as Pick<
  QueryModules,
  'AggregateCountsRepository'
>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AggregatesRepository } = require(distOf('aggregates/aggregates.repository')) as Pick<QueryModules, 'AggregatesRepository'>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { addContributionsSql } = require(distOf('aggregates/agency-counts.sql')) as Pick<QueryModules, 'addContributionsSql'>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FactsView } = require(distOf('facts/facts-view')) as Pick<QueryModules, 'FactsView'>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Ii06aRepository } = require(distOf('forms/ii06a.repository')) as Pick<QueryModules, 'Ii06aRepository'>;

const EVENTS = envNumber('BENCH_REPORTING_EVENTS', 5_000);
const FACTS = envNumber('BENCH_REPORTING_FACTS', 5_000_000);
const QUERY_SAMPLES = envNumber('BENCH_REPORTING_QUERY_SAMPLES', 20);
/** Samples per HTTP endpoint (`BENCH_REPORTING_ENDPOINT_SAMPLES`). */
const ENDPOINT_SAMPLES = envNumber('BENCH_REPORTING_ENDPOINT_SAMPLES', 10);
const TIMEOUT_SECONDS = envNumber('BENCH_REPORTING_TIMEOUT_SECONDS', 60);
/** 1: also time an "as of" II.06a of one agency from a fact snapshot of the whole table (slow to set up: off by default). */
const AS_OF = process.env.BENCH_REPORTING_AS_OF === '1';
/** BENCH_REPORTING_QUERIES=0: the ingest part only (no synthetic facts, no queries: seconds instead of minutes). */
const QUERIES = process.env.BENCH_REPORTING_QUERIES !== '0';
/**
 * BENCH_REPORTING_BUS=rabbitmq: the service consumes from RabbitMQ (TEST_RABBITMQ_URL, a unique bus prefix whose queues
 * and exchange are deleted at the end) and the events are published by a RabbitMqBus client; default: the InProcessBus.
 */
const RABBITMQ_URL =
  process.env.BENCH_REPORTING_BUS === 'rabbitmq' ? process.env.TEST_RABBITMQ_URL || 'amqp://guest:guest@127.0.0.1:5672' : undefined;
const BATCH = 200;
const BENCH_SECRET = 'bench-secret-0123456789abcdef';
/** Concurrent publishes (`BENCH_REPORTING_PUBLISHERS`). */
const PUBLISHERS = envNumber('BENCH_REPORTING_PUBLISHERS', 8);
/** The province measured: 20 competent agencies (`000.<nn>.00.H56`). */
const PROVINCE_AGENCIES = Array.from({ length: 20 }, (_, i) => `000.${String(i + 10).padStart(2, '0')}.00.H56`);
/** Their parent in `reporting_agency` (a bench province: the queries resolve its subtree). */
const PROVINCE = '000.99.00.H57';
const YEAR_START = new Date('2025-01-01T00:00:00+07:00');
const YEAR_END = new Date('2026-01-01T00:00:00+07:00');

/** The i-th valid `dossier.received` of a bench day (November `day`, 2025), for a competent agency of the province in turn. */
function receivedEnvelope(i: number, day: number) {
  const code = `000.00.06.H56-2511${day}-${String(i).padStart(6, '0')}`;
  return makeEnvelope(
    DOSSIER_RECEIVED,
    {
      dossierCode: code,
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      receivingAgencyCode: '000.00.06.H56',
      competentAgencyCode: PROVINCE_AGENCIES[i % PROVINCE_AGENCIES.length],
      channel: i % 3 === 0 ? 'ONLINE' : 'COUNTER',
      receivedAt: new Date(Date.UTC(2025, 10, day, 2) + i * 1000).toISOString(),
      appointmentAt: new Date(Date.UTC(2025, 10, day + 7, 2) + i * 1000).toISOString(),
      resultDelivery: 'COUNTER',
      applicant: { fullName: 'Nguyễn Thị Hòa' },
    },
    { correlationId: code, source: 'intake' },
  );
}

async function ingest(bus: MessageBus, ds: DataSource): Promise<Record<string, unknown>> {
  const envelopes = Array.from({ length: EVENTS }, (_, i) => receivedEnvelope(i, 25));
  const count = async () => Number((await ds.query(`SELECT count(*)::int AS n FROM event_log`))[0].n);
  log(`reporting: publishing ${EVENTS} dossier.received in batches of ${BATCH}, ${PUBLISHERS} at a time`);
  const start = nowMs();
  // PUBLISHERS publishes of BATCH in flight at once (a RabbitMQ publish waits for its confirms: one at a time, the
  // publisher and not the consumer would be measured)
  let next = 0;
  const publisher = async () => {
    while (next < envelopes.length) {
      const from = next;
      next += BATCH;
      await bus.publish(envelopes.slice(from, from + BATCH));
    }
  };
  await Promise.all(Array.from({ length: PUBLISHERS }, publisher));
  const publishSeconds = (nowMs() - start) / 1000;
  const complete = await pollUntil(async () => (await count()) >= EVENTS, TIMEOUT_SECONDS * 1000, 20);
  const seconds = (nowMs() - start) / 1000;
  const logged = await count();
  const unprojected = async () => Number((await ds.query(`SELECT count(*)::int AS n FROM event_log WHERE NOT projected`))[0].n);
  const projected = await pollUntil(async () => (await unprojected()) === 0, TIMEOUT_SECONDS * 1000, 20);
  const projectedSeconds = (nowMs() - start) / 1000;
  log(`reporting: ${logged}/${EVENTS} events in event_log after ${round(seconds, 2)} s`);
  return {
    events: EVENTS,
    logged,
    complete,
    publishSeconds: round(publishSeconds, 2),
    seconds: round(seconds, 2),
    eventsPerSec: seconds > 0 ? round(logged / seconds) : 0,
    projected,
    projectedSeconds: round(projectedSeconds, 2),
    projectedPerSec: projected && projectedSeconds > 0 ? round(logged / projectedSeconds) : 0,
    batchedAppend: await batchedAppend(ds, envelopes.length),
  };
}

/**
 * What a transport delivering batches would allow: the same number of `dossier.received` (new ids and codes)
 * appended BATCH_APPEND at a time, one multi-row `INSERT … ON CONFLICT DO NOTHING` per transaction (the
 * consumer's whole work), then applied by the module's projector; events/s of each.
 */
async function batchedAppend(ds: DataSource, n: number): Promise<Record<string, unknown>> {
  const BATCH_APPEND = 500;
  const rows = Array.from({ length: n }, (_, i) => receivedEnvelope(i, 26));
  log(`reporting: appending ${n} events ${BATCH_APPEND} per statement`);
  const start = nowMs();
  for (let i = 0; i < rows.length; i += BATCH_APPEND) {
    const chunk = rows.slice(i, i + BATCH_APPEND);
    await ds.query(
      `INSERT INTO event_log (id, type, version, occurred_at, source, correlation_id, causation_id, payload, received_at)
       SELECT id, type, version, occurred_at, source, correlation_id, causation_id, payload, now()
       FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::jsonb[])
            AS u(id, type, version, occurred_at, source, correlation_id, causation_id, payload)
       ON CONFLICT (id) DO NOTHING`,
      [
        chunk.map((e) => e.id),
        chunk.map((e) => e.type),
        chunk.map((e) => e.version),
        chunk.map((e) => e.occurredAt),
        chunk.map((e) => e.source),
        chunk.map((e) => e.correlationId),
        chunk.map((e) => e.causationId),
        chunk.map((e) => JSON.stringify(e.data)),
      ],
    );
  }
  const appendSeconds = (nowMs() - start) / 1000;
  await ds.query(`NOTIFY reporting_events_appended`);
  const unprojected = async () => Number((await ds.query(`SELECT count(*)::int AS n FROM event_log WHERE NOT projected`))[0].n);
  const projected = await pollUntil(async () => (await unprojected()) === 0, TIMEOUT_SECONDS * 1000, 20);
  const projectedSeconds = (nowMs() - start) / 1000;
  log(`reporting: batched append ${round(n / appendSeconds)} events/s, projected after ${round(projectedSeconds, 2)} s`);
  return {
    events: n,
    perStatement: BATCH_APPEND,
    appendSeconds: round(appendSeconds, 2),
    appendedPerSec: round(n / appendSeconds),
    projected,
    projectedSeconds: round(projectedSeconds, 2),
    projectedPerSec: projected ? round(n / projectedSeconds) : 0,
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

async function queries(ds: DataSource, http: Http): Promise<Record<string, unknown>> {
  log(`reporting: inserting ${FACTS} synthetic dossier_fact rows`);
  const t0 = nowMs();
  // g % 5 < 4: the measured province in 2025; otherwise another province (g % 5 = 4, odd g) or 2024 (even g).
  // Agency (g % 20), procedure (g / 20 % 200) and day (g / 4000 % 360) vary independently: every (agency,
  // procedure, day) of the year has dossiers, the worst case for the counts.
  await ds.query(
    `INSERT INTO dossier_fact (dossier_code, procedure_code, receiving_agency_code, competent_agency_code, channel, result_delivery,
        received_at, appointment_at, resolved_at, timeliness, resolving_agency_code, supplement_requests,
        extensions, messages_sent, messages_failed_sending, messages_failed_delivery, evaluation_level, evaluated_at,
        returned_at, return_method, postal_order_created_at, postal_delivered_at, postal_returned_at, refused_at)
     SELECT 'BENCH-' || g, '1.00' || (1000 + (g / 20) % 200), '000.00.06.H56',
            CASE WHEN g % 5 = 4 AND g % 2 = 1 THEN '000.' || (50 + g % 20) || '.00.H56' ELSE '000.' || (10 + g % 20) || '.00.H56' END,
            CASE WHEN g % 3 = 0 THEN 'ONLINE' WHEN g % 7 = 0 THEN 'POSTAL' ELSE 'COUNTER' END, 'COUNTER',
            r, r + interval '7 days', res,
            CASE WHEN g % 10 >= 8 THEN NULL WHEN g % 12 < 5 THEN 'EARLY' WHEN g % 12 < 8 THEN 'ON_TIME' ELSE 'LATE' END,
            CASE WHEN g % 10 < 8 THEN '000.' || (10 + g % 20) || '.00.H56' END,
            CASE WHEN g % 50 = 0 THEN 2 WHEN g % 9 = 0 THEN 1 ELSE 0 END,
            (g % 11 = 0)::int, g % 4, (g % 13 = 0)::int, (g % 17 = 0)::int,
            CASE WHEN res IS NOT NULL AND g % 6 = 0 THEN CASE WHEN g % 24 = 0 THEN 'DISSATISFIED' ELSE 'SATISFIED' END END,
            CASE WHEN res IS NOT NULL AND g % 6 = 0 THEN res + interval '1 day' END,
            res + interval '2 hours', CASE WHEN res IS NOT NULL THEN CASE WHEN g % 4 = 1 THEN 'POST' ELSE 'COUNTER' END END,
            CASE WHEN res IS NOT NULL AND g % 4 = 1 THEN res + interval '1 hour' END,
            CASE WHEN res IS NOT NULL AND g % 4 = 1 AND g % 5 <> 0 THEN res + (1 + g % 72) * interval '1 hour' END,
            CASE WHEN res IS NOT NULL AND g % 4 = 1 AND g % 5 = 0 THEN res + interval '5 days' END,
            CASE WHEN res IS NULL AND g % 31 = 0 THEN r + interval '3 days' END
     FROM (SELECT g, r, CASE WHEN g % 10 < 8 THEN r + (g % 12) * interval '1 day' END AS res
           FROM (SELECT g, CASE WHEN g % 5 = 4 AND g % 2 = 0 THEN timestamptz '2024-01-01 08:00+07' ELSE timestamptz '2025-01-01 08:00+07' END
                          + ((g / 4000) % 360) * interval '1 day' + (g % 480) * interval '1 minute' AS r
                 FROM generate_series(1, $1::int) g) s0) s`,
    [FACTS],
  );
  await ds.query(`ANALYZE dossier_fact`);
  const insertSeconds = round((nowMs() - t0) / 1000, 1);
  log(`reporting: building the per-day and per-month agency counts from ${FACTS} facts`);
  const t1 = nowMs();
  await ds.transaction(async (m) => {
    await m.query(`SET LOCAL work_mem = '256MB'`);
    await m.query(addContributionsSql('TRUE', '1'));
  });
  await ds.query(`ANALYZE agency_day_counts`);
  await ds.query(`ANALYZE agency_month_counts`);
  const aggregateSeconds = round((nowMs() - t1) / 1000, 1);
  const [{ days, months }] = (await ds.query(
    `SELECT (SELECT count(*) FROM agency_day_counts)::int AS days, (SELECT count(*) FROM agency_month_counts)::int AS months`,
  )) as Array<{ days: number; months: number }>;
  await ds.query(
    `INSERT INTO reporting_agency (code, parent_code, level, name) VALUES ($1, NULL, 'PROVINCE', 'Tỉnh thử tải')
     ON CONFLICT (code) DO NOTHING`,
    [PROVINCE],
  );
  await ds.query(
    `INSERT INTO reporting_agency (code, parent_code, level, name) SELECT c, $2, 'DEPARTMENT', 'Sở ' || c FROM unnest($1::text[]) c
     ON CONFLICT (code) DO NOTHING`,
    [PROVINCE_AGENCIES, PROVINCE],
  );
  const [{ n: inScope }] = (await ds.query(
    `SELECT count(*)::int AS n FROM dossier_fact WHERE competent_agency_code = ANY($1::text[]) AND received_at >= $2 AND received_at < $3`,
    [PROVINCE_AGENCIES, YEAR_START, YEAR_END],
  )) as Array<{ n: number }>;
  const [{ n: total }] = (await ds.query(`SELECT count(*)::int AS n FROM dossier_fact`)) as Array<{ n: number }>;

  log(`reporting: indicators × ${QUERY_SAMPLES} for one province-year (${inScope} of ${total} facts) from the counts`);
  const m = ds.manager;
  const counts = new AggregateCountsRepository();
  const tree = new AggregatesRepository();
  const ii06a = async () => counts.ii06aByField(m, await tree.codesUnder(m, PROVINCE), YEAR_START, YEAR_END, YEAR_END);
  const shares = async () => counts.channelShares(m, await tree.codesUnder(m, PROVINCE), YEAR_START, YEAR_END);
  const onTime = async () => {
    const rows = await ii06a();
    const num = rows.reduce((a, r) => a + r.resolved.early + r.resolved.onTime + r.inProgress.withinDeadline, 0);
    const den = rows.reduce((a, r) => a + r.resolved.total + r.inProgress.total, 0);
    return den ? num / den : null;
  };
  const index766 = async () => {
    const [rate, c] = await Promise.all([onTime(), shares()]);
    const online = c.received ? c.receivedOnline / c.received : null;
    return { progress: rate === null ? 20 : Math.min(rate, 1) * 20, online: online === null ? 22 : Math.min(online / 0.5, 1) * 22 };
  };
  const ii06aTimed = await time(QUERY_SAMPLES, ii06a);
  const sharesTimed = await time(QUERY_SAMPLES, shares);
  const onTimeTimed = await time(QUERY_SAMPLES, onTime);
  const indexTimed = await time(QUERY_SAMPLES, index766);
  const received = ii06aTimed.last.reduce((a, r) => a + r.received.total, 0);
  const c = sharesTimed.last;
  log(
    `reporting: p50 II.06a ${ii06aTimed.latencyMs.p50} ms, shares ${sharesTimed.latencyMs.p50} ms, on-time ${onTimeTimed.latencyMs.p50} ms, 766 ${indexTimed.latencyMs.p50} ms`,
  );
  const endpointsTimed = await endpoints(http);
  return {
    factRows: total,
    rowsInProvinceYear: inScope,
    agencies: PROVINCE_AGENCIES.length,
    period: { start: YEAR_START.toISOString(), end: YEAR_END.toISOString() },
    insertSeconds,
    aggregateSeconds,
    countRows: { days, months },
    samples: QUERY_SAMPLES,
    ii06a: { latencyMs: ii06aTimed.latencyMs, fieldRows: ii06aTimed.last.length, received },
    bcciAndOnlineShare: {
      latencyMs: sharesTimed.latencyMs,
      bcciIntakeShare: round(c.receivedPostal / c.received, 4),
      bcciReturnShare: c.returned ? round(c.returnedByPost / c.returned, 4) : null,
      onlineShare: round(c.receivedOnline / c.received, 4),
    },
    onTimeRate: { latencyMs: onTimeTimed.latencyMs, rate: onTimeTimed.last === null ? null : round(onTimeTimed.last, 4) },
    index766: { latencyMs: indexTimed.latencyMs, scores: indexTimed.last },
    endpoints: endpointsTimed,
  };
}

/** An HTTP client of the bench app (supertest) with an ADMIN token. */
type Http = (pathAndQuery: string) => Promise<{ status: number; body: unknown; text: string }>;

/**
 * Every indicator endpoint over HTTP for the province-year (ADMIN token; the agency summary counts one
 * agency, not a subtree: the first department, a twentieth of the province). Each answer must be 200.
 */
async function endpoints(http: Http): Promise<Record<string, unknown>> {
  const year = 'from=2025-01-01&to=2025-12-31';
  const paths: Record<string, string> = {
    summary: `/api/reporting/v1/agencies/${PROVINCE_AGENCIES[0]}/summary?${year}`,
    ii06a: `/api/reporting/v1/forms/ii06a?agency=${PROVINCE}&${year}`,
    ii06aCsv: `/api/reporting/v1/forms/ii06a.csv?agency=${PROVINCE}&${year}`,
    ii06aXlsx: `/api/reporting/v1/forms/ii06a.xlsx?agency=${PROVINCE}&${year}`,
    indicators: `/api/reporting/v1/indicators?agency=${PROVINCE}&${year}`,
    index766: `/api/reporting/v1/index-766?agency=${PROVINCE}&${year}`,
    // the drill-downs: the index with the first 100 dossiers of each reason, one page of a lost-point list, a month
    index766WithDossiers: `/api/reporting/v1/index-766?agency=${PROVINCE}&${year}&dossiers=100`,
    lostPointsPage: `/api/reporting/v1/index-766/lost-points?agency=${PROVINCE}&${year}&reason=RESOLVED_LATE&limit=100`,
    lostPointsPageMonth: `/api/reporting/v1/index-766/lost-points?agency=${PROVINCE}&from=2025-06-01&to=2025-06-30&reason=NOT_ONLINE&limit=100`,
    aggregatesByMonth: `/api/reporting/v1/aggregates?agency=${PROVINCE}&granularity=month&${year}`,
    aggregatesByDay: `/api/reporting/v1/aggregates?agency=${PROVINCE}&granularity=day&${year}`,
  };
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(paths)) {
    log(`reporting: GET ${p} × ${ENDPOINT_SAMPLES}`);
    const timed = await time(ENDPOINT_SAMPLES, () => http(p));
    if (timed.last.status !== 200) throw new Error(`${p} answered ${timed.last.status}: ${timed.last.text.slice(0, 300)}`);
    out[name] = { latencyMs: timed.latencyMs, ...(name === 'indicators' ? { answer: timed.last.body } : {}) };
    log(`reporting: ${name} p50 ${timed.latencyMs.p50} ms p95 ${timed.latencyMs.p95} ms`);
  }
  return out;
}

/**
 * "As of" from a snapshot: every fact row saved as a snapshot cut now (what the daily snapshot holds), then
 * II.06a of one agency as of a later instant — the agency's snapshot rows restored into the session's
 * `dossier_fact`, the events since folded (none), the facts query run — against the same from the live facts.
 */
async function asOfQueries(view: InstanceType<QueryModules['FactsView']>, ds: DataSource): Promise<Record<string, unknown>> {
  log('reporting: saving every fact as a snapshot');
  const t0 = nowMs();
  await ds.transaction(async (m) => {
    const [{ id }] = (await m.query(
      `INSERT INTO fact_snapshot (cut_at, pg_snapshot, dossiers)
       SELECT now(), txid_current_snapshot()::text, count(*) FROM dossier_fact RETURNING id`,
    )) as Array<{ id: number }>;
    await m.query(
      `INSERT INTO fact_snapshot_row (snapshot_id, dossier_code, agency_code, row)
       SELECT $1, d.dossier_code, d.competent_agency_code, to_jsonb(d) FROM dossier_fact d`,
      [id],
    );
  });
  await ds.query(`ANALYZE fact_snapshot_row`);
  const snapshotSeconds = round((nowMs() - t0) / 1000, 1);
  const agency = PROVINCE_AGENCIES[0];
  const asOf = new Date(Date.now() + 1000);
  const form = new Ii06aRepository();
  const [{ n: agencyFacts }] = (await ds.query(`SELECT count(*)::int AS n FROM dossier_fact WHERE competent_agency_code = $1`, [
    agency,
  ])) as Array<{
    n: number;
  }>;
  log(`reporting: II.06a of ${agency} (${agencyFacts} facts) as of an instant after the snapshot`);
  const timed = await time(Math.min(QUERY_SAMPLES, 5), () =>
    view.read(asOf, (m: EntityManager) => form.rowsByField(m, [agency], YEAR_START, YEAR_END, YEAR_END), { agencyCode: agency }),
  );
  const live = await form.rowsByField(ds.manager, [agency], YEAR_START, YEAR_END, YEAR_END);
  log(`reporting: as-of II.06a of one agency p50 ${timed.latencyMs.p50} ms`);
  return {
    snapshotSeconds,
    agency,
    agencyFacts,
    ii06aOfOneAgency: {
      latencyMs: timed.latencyMs,
      source: view.lastSource,
      equalsLive: JSON.stringify(timed.last) === JSON.stringify(live),
    },
  };
}

/** Deletes the queues and the exchange of a RabbitMQ bench prefix (the reporting consumer's topology). */
async function deleteRabbitTopology(url: string, prefix: string): Promise<void> {
  const conn = await amqplib.connect(url);
  try {
    const ch = await conn.createChannel();
    for (const q of [`${prefix}.reporting`, `${prefix}.reporting.dlq`, ...[1, 2, 3, 4, 5].map((n) => `${prefix}.reporting.retry.${n}`)]) {
      await ch.deleteQueue(q);
    }
    await ch.deleteExchange(`${prefix}.events`);
  } finally {
    await conn.close();
  }
}

async function bench(url: string): Promise<Record<string, unknown>> {
  const prefix = `bench-reporting-${randomBytes(4).toString('hex')}`;
  const bus: MessageBus = RABBITMQ_URL ? new RabbitMqBus({ url: RABBITMQ_URL, prefix }) : new InProcessBus({ delayScale: 0.01 });
  const config = reportingConfigFromEnv(
    {},
    {
      databaseUrl: url,
      authJwtSecret: BENCH_SECRET,
      ...(RABBITMQ_URL ? { rabbitmqUrl: RABBITMQ_URL, busPrefix: prefix } : { bus }),
      logLevel: process.env.BENCH_INPROCESS_LOG_LEVEL || 'silent',
    },
  );
  const app = await createServiceApp(ReportingModule.forRoot(config), REPORTING_SERVICE);
  try {
    const ds = app.get(DataSource);
    const result: Record<string, unknown> = { bus: RABBITMQ_URL ? 'rabbitmq' : 'in-process', ingest: await ingest(bus, ds) };
    const token = issueToken(BENCH_SECRET, { sub: 'bench', name: 'Bench', roles: ['ADMIN'], agencyCode: PROVINCE });
    const server = app.getHttpServer() as Parameters<typeof request>[0];
    const http: Http = async (p) => {
      const res = await request(server).get(p).set('Authorization', `Bearer ${token}`);
      return { status: res.status, body: res.body as unknown, text: res.text ?? '' };
    };
    if (QUERIES) result.queries = await queries(ds, http);
    if (QUERIES && AS_OF) result.asOf = await asOfQueries(app.get(FactsView), ds);
    return result;
  } finally {
    await app.close();
    await bus.close();
    if (RABBITMQ_URL) await deleteRabbitTopology(RABBITMQ_URL, prefix);
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
