import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, TestDatabase } from '@motcua/testing';
import { REPORTING_SERVICE, ReportingModule, reportingConfigFromEnv } from '../src';
import type { ReportingConfig } from '../src/config/reporting.config';

/** The service a spec runs against (filled by `beforeAll`). */
export interface ReportingUnderTest {
  db: TestDatabase;
  bus: InProcessBus;
  app: INestApplication;
  ds: DataSource;
}

/**
 * Boots reporting over an InProcessBus on a fresh database before the spec's tests and closes both after
 * them. Returns the holder `beforeAll` fills.
 */
export function useReportingApp(database: string, overrides: Partial<ReportingConfig> = {}): ReportingUnderTest {
  const under = {} as ReportingUnderTest;
  beforeAll(async () => {
    under.db = await createTestDatabase(database);
    under.bus = new InProcessBus({ delayScale: 0.01 });
    const config = reportingConfigFromEnv(
      {},
      { databaseUrl: under.db.url, bus: under.bus, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent', ...overrides },
    );
    under.app = await createServiceApp(ReportingModule.forRoot(config), REPORTING_SERVICE);
    under.ds = under.app.get(DataSource);
  });
  afterAll(async () => {
    await under.app?.close();
    await under.bus?.close();
    await under.db?.drop();
  });
  return under;
}
