import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource, EntityManager } from 'typeorm';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase } from '@motcua/testing';
import { REPORTING_SERVICE, ReportingModule, reportingConfigFromEnv } from '../src';
import { AggregatesRepository } from '../src/aggregates/aggregates.repository';
import { localBuckets } from '../src/aggregates/buckets';
import { Ii06aRepository } from '../src/forms/ii06a.repository';
import { IndicatorsRepository } from '../src/indicators/indicators.repository';

const AGENCY = '000.21.07.H56';
const YEAR = { start: new Date('2024-12-31T17:00:00Z'), end: new Date('2025-12-31T17:00:00Z') };

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** The scans of `dossier_fact` in a plan: node type and index used. */
function factScans(node: PlanNode, out: Array<{ type: string; index?: string }> = []): Array<{ type: string; index?: string }> {
  if (node['Relation Name'] === 'dossier_fact' || (node['Index Name'] ?? '').startsWith('ix_dossier_fact')) {
    out.push({ type: node['Node Type'], index: node['Index Name'] });
  }
  for (const child of node.Plans ?? []) factScans(child, out);
  return out;
}

describe('reporting: the II.06a and aggregate queries use indexes', () => {
  let app: NestExpressApplication;
  let bus: InProcessBus;
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('reporting_indexes');
    bus = new InProcessBus({ delayScale: 0.01 });
    const config = reportingConfigFromEnv(
      {},
      { databaseUrl: db.url, authJwtSecret: 'reporting-indexes-test-secret', bus, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' },
    );
    app = await createServiceApp(ReportingModule.forRoot(config), REPORTING_SERVICE);
    ds = app.get(DataSource);
    // 20,000 facts: 40 agencies over four years, most resolved
    await ds.query(
      `INSERT INTO dossier_fact (dossier_code, procedure_code, receiving_agency_code, competent_agency_code, channel, result_delivery,
         received_at, appointment_at, resolved_at, timeliness, resolving_agency_code, messages_sent)
       SELECT format('000.00.06.H56-220101-%s', lpad(i::text, 6, '0')), '1.001193', '000.00.06.H56',
              format('000.21.%s.H56', lpad((i % 40)::text, 2, '0')), (ARRAY['ONLINE','COUNTER','POSTAL'])[1 + i % 3], 'COUNTER',
              timestamptz '2022-01-01 08:00+07' + (i % 1460) * interval '1 day',
              timestamptz '2022-01-06 08:00+07' + (i % 1460) * interval '1 day',
              CASE WHEN i % 10 = 0 THEN NULL ELSE timestamptz '2022-01-04 08:00+07' + (i % 1460) * interval '1 day' END,
              CASE WHEN i % 10 = 0 THEN NULL ELSE 'EARLY' END,
              format('000.21.%s.H56', lpad((i % 40)::text, 2, '0')), 0
       FROM generate_series(1, 20000) AS i`,
    );
    await ds.query(`ANALYZE dossier_fact`);
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.drop();
  });

  /** Runs a repository method against a manager that EXPLAINs each query instead of running it. */
  async function plansOf(m: EntityManager, run: (explain: EntityManager) => Promise<unknown>): Promise<PlanNode[]> {
    const plans: PlanNode[] = [];
    const explain = {
      query: async (sql: string, params: unknown[]) => {
        const [row] = (await m.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)) as Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>;
        plans.push(row['QUERY PLAN'][0].Plan);
        return [{}]; // one empty row: the callers map it to a result nobody reads
      },
    } as unknown as EntityManager;
    await run(explain);
    return plans;
  }

  const queries = {
    ii06a: (e: EntityManager) => app.get(Ii06aRepository).rowsByField(e, [AGENCY], YEAR.start, YEAR.end, YEAR.end),
    channels: (e: EntityManager) => app.get(IndicatorsRepository).channelCounts(e, [AGENCY], YEAR.start, YEAR.end),
    aggregates: (e: EntityManager) =>
      app.get(AggregatesRepository).countsByBucketAndAgency(e, [AGENCY], localBuckets('2025-01-01', '2025-12-31', 'month'), YEAR.end),
  };

  it.each(Object.keys(queries))('%s for one agency-year: an index scan, no sequential scan of dossier_fact', async (name) => {
    const plans = await plansOf(ds.manager, queries[name as keyof typeof queries]);
    const scans = plans.flatMap((p) => factScans(p));
    expect(scans.length).toBeGreaterThan(0);
    expect(scans.filter((s) => s.type === 'Seq Scan')).toEqual([]);
    expect(scans.some((s) => s.index?.startsWith('ix_dossier_fact_competent_agency'))).toBe(true);
  });

  it('without the agency indexes the same II.06a query scans the table (the check above can fail)', async () => {
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      for (const ix of ['received_at', 'resolved_at', 'returned_at', 'postal_order']) {
        await runner.query(`DROP INDEX ix_dossier_fact_competent_agency_${ix}`);
      }
      const plans = await plansOf(runner.manager, queries.ii06a);
      expect(plans.flatMap((p) => factScans(p)).map((s) => s.type)).toContain('Seq Scan');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
