import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { EventEnvelope } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, expectEventually } from '@motcua/testing';
import { REPORTING_SERVICE, ReportingModule, reportingConfigFromEnv } from '../src';
import { ReportingConfig } from '../src/config/reporting.config';
import { RebuildProjectionUseCase } from '../src/admin/rebuild-projection.use-case';
import { AggregateCountsRepository } from '../src/aggregates/aggregate-counts.repository';
import { COUNT_COLUMNS, II06A_COLUMNS } from '../src/aggregates/agency-counts.sql';
import { Ii06aRepository } from '../src/forms/ii06a.repository';
import { FactsProjection } from '../src/projection/facts-projection';
import { extendedEvent, notificationSentEvent, resolvedEvent, supplementRequestedEvent, mixedDossiers } from './reporting-events';

/*
 * The projector: events are only logged by the consumer and applied by the projection worker in
 * batches. A batch that fails rolls back wholly; a service stopped before projecting applies the log
 * when it starts again; redelivered events and two replicas applying the same log count once; and the
 * counts kept incrementally equal the counts rebuilt from the log.
 */
const X = '000.61.00.H56';
const Y = '000.62.00.H56';
const DAY = 86_400_000;
const BASE = new Date('2026-03-01T08:00:00+07:00').getTime();
const iso = (ms: number) => new Date(ms).toISOString();

function scenario(): EventEnvelope<object>[] {
  return mixedDossiers(
    { count: 60, x: X, y: Y, codeDate: '260301', base: BASE, spreadDays: 20, dueDays: 5 },
    ({ i, code, received, due, competent }) => {
      const events: EventEnvelope<object>[] = [];
      events.push(notificationSentEvent(code, iso(received + 60_000)), notificationSentEvent(code, iso(received + 120_000)));
      if (i % 5 === 0) events.push(extendedEvent(code, competent, iso(received + DAY), iso(due), iso(due + 3 * DAY)));
      if (i % 7 === 0) {
        events.push(supplementRequestedEvent(code, competent, iso(received + DAY), 1));
        events.push(supplementRequestedEvent(code, competent, iso(received + 2 * DAY), 2));
      }
      if (i % 3 !== 0) {
        events.push(
          resolvedEvent({
            code,
            by: competent,
            resolvedAt: iso(received + (i % 9) * DAY),
            appointmentAt: iso(due),
            timeliness: i % 9 > 5 ? 'LATE' : i % 2 ? 'EARLY' : 'ON_TIME',
          }),
        );
      }
      return events;
    },
  );
}

describe('reporting projection: batches, crash, restart, replicas', () => {
  let db: { url: string; drop: () => Promise<void> };
  let bus: InProcessBus;
  const apps: NestExpressApplication[] = [];
  const events = scenario();

  const boot = async (overrides: Partial<ReportingConfig> = {}) => {
    const config = reportingConfigFromEnv(
      {},
      { databaseUrl: db.url, authJwtSecret: 'projection-secret', bus, logLevel: 'silent', ...overrides },
    );
    const app = await createServiceApp(ReportingModule.forRoot(config), REPORTING_SERVICE);
    apps.push(app);
    return app;
  };
  const count = async (ds: DataSource, sql: string) => ((await ds.query(sql)) as Array<{ n: number }>)[0].n;

  beforeAll(async () => {
    db = await createTestDatabase('reporting_projection');
    bus = new InProcessBus({ delayScale: 0.01 });
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await bus?.close();
    await db?.drop();
  });

  it('a failed batch applies nothing; a restarted service and two replicas apply every event exactly once', async () => {
    // 1. the projector does not wake on its own (long poll and delay): the events are only logged
    const a = await boot({ projectionIdlePollMs: 600_000, projectionDelayMs: 10_000, projectionBatchSize: 50 });
    const ds = a.get(DataSource);
    await bus.publish(events);
    await expectEventually(async () => expect(await count(ds, `SELECT count(*)::int AS n FROM event_log`)).toBe(events.length));
    expect(await count(ds, `SELECT count(*)::int AS n FROM dossier_fact`)).toBe(0);

    // 2. a batch that fails after folding its events rolls back: no fact, no count, nothing marked
    const projection = a.get(FactsProjection);
    projection.failNextBatch = new Error('crash in the middle of a batch');
    await expect(projection.applyBatch(false)).rejects.toThrow('crash in the middle of a batch');
    expect(await count(ds, `SELECT count(*)::int AS n FROM dossier_fact`)).toBe(0);
    expect(await count(ds, `SELECT count(*)::int AS n FROM agency_day_counts`)).toBe(0);
    expect(await count(ds, `SELECT count(*)::int AS n FROM event_log WHERE projected`)).toBe(0);
    // one batch applied, then the service stops ("crashes") with the rest of the log unprojected
    expect(await projection.applyBatch(false)).toBe(50);
    await a.close();
    apps.splice(apps.indexOf(a), 1);

    // 3. two replicas start on the same database; half the events are delivered again
    const b = await boot({ projectionBatchSize: 40 });
    const c = await boot({ projectionBatchSize: 40 });
    await bus.publish(events.filter((_, i) => i % 2 === 0));
    const dsB = b.get(DataSource);
    await expectEventually(async () => expect(await count(dsB, `SELECT count(*)::int AS n FROM event_log WHERE NOT projected`)).toBe(0));
    expect(await count(dsB, `SELECT count(*)::int AS n FROM event_log`)).toBe(events.length);
    expect(await b.get(FactsProjection).status()).toMatchObject({ lag: 0, events: events.length });
    // counters: two messages per dossier, never more
    expect(await dsB.query(`SELECT DISTINCT messages_sent FROM dossier_fact`)).toEqual([{ messages_sent: 2 }]);
    expect(await count(dsB, `SELECT count(*)::int AS n FROM dossier_fact WHERE extensions > 1`)).toBe(0);

    // 4. the counts kept batch by batch give the same II.06a as the facts, for several periods
    const counts = c.get(AggregateCountsRepository);
    const facts = new Ii06aRepository();
    for (const [from, days] of [
      ['2026-03-01', 1],
      ['2026-03-05', 7],
      ['2026-02-20', 30],
      ['2026-03-10', 45],
    ] as const) {
      const start = new Date(`${from}T00:00:00+07:00`);
      const end = new Date(start.getTime() + days * DAY);
      for (const agencies of [[X], [Y], [X, Y]]) {
        expect(await counts.ii06aByField(dsB.manager, agencies, start, end, end)).toEqual(
          await facts.rowsByField(dsB.manager, agencies, start, end, end),
        );
      }
    }

    // 5. rebuilding from the log gives the same facts and the same counts
    const snapshot = async () => ({
      facts: await dsB.query(`SELECT * FROM dossier_fact ORDER BY dossier_code`),
      days: await dsB.query(`SELECT * FROM agency_day_counts WHERE ${nonZero} ORDER BY agency_code, day, procedure_code`),
      months: await dsB.query(`SELECT * FROM agency_month_counts WHERE ${nonZero} ORDER BY agency_code, month, procedure_code`),
      totals: await dsB.query(`SELECT * FROM agency_day_totals WHERE ${nonZeroTotals} ORDER BY agency_code, day`),
    });
    const before = await snapshot();
    expect(before.days.length).toBeGreaterThan(20);
    // the per-agency day totals are the day counts summed over procedures
    const summed = await dsB.query(
      `SELECT agency_code, to_char(day, 'YYYY-MM-DD') AS day, ${II06A_COLUMNS.map((c) => `sum(${c})::int AS ${c}`).join(', ')}
       FROM agency_day_counts GROUP BY 1, 2 HAVING (${II06A_COLUMNS.map((c) => `sum(${c})`).join(', ')}) <> (${II06A_COLUMNS.map(() => '0').join(', ')})
       ORDER BY 1, 2`,
    );
    expect(summed.length).toBeGreaterThan(10);
    expect(
      await dsB.query(
        `SELECT agency_code, to_char(day, 'YYYY-MM-DD') AS day, ${II06A_COLUMNS.join(', ')} FROM agency_day_totals WHERE ${nonZeroTotals} ORDER BY 1, 2`,
      ),
    ).toEqual(summed);
    await b.get(RebuildProjectionUseCase).execute();
    expect(await snapshot()).toEqual(before);
  });
});

/** A count row with any flow (the II.06a and the indicator columns). */
const nonZero = `(${COUNT_COLUMNS.join(', ')}) <> (${COUNT_COLUMNS.map(() => '0').join(', ')})`;
const nonZeroTotals = `(${II06A_COLUMNS.join(', ')}) <> (${II06A_COLUMNS.map(() => '0').join(', ')})`;
