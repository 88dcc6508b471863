import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, lateBound, TestDatabase } from '@motcua/testing';
import { REPORTING_SERVICE, ReportingModule, reportingConfigFromEnv } from '../src';
import type { ReportingConfig } from '../src/config/reporting.config';

/** The service a spec runs against: stand-ins at describe time for what `beforeAll` creates. */
export interface ReportingUnderTest {
  db: TestDatabase;
  bus: InProcessBus;
  app: INestApplication;
  ds: DataSource;
}

/**
 * Boots reporting over an InProcessBus on a fresh database before the spec's tests (before the spec's own
 * `beforeAll`, which may feed it) and closes both after them.
 */
export function useReportingApp(database: string, overrides: Partial<ReportingConfig> = {}): ReportingUnderTest {
  let db: TestDatabase | undefined;
  let bus: InProcessBus | undefined;
  let app: INestApplication | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(database);
    bus = new InProcessBus({ delayScale: 0.01 });
    const config = reportingConfigFromEnv({}, { databaseUrl: db.url, bus, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent', ...overrides });
    app = await createServiceApp(ReportingModule.forRoot(config), REPORTING_SERVICE);
  });
  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.drop();
  });
  return {
    db: lateBound(() => db),
    bus: lateBound(() => bus),
    app: lateBound(() => app),
    ds: lateBound(() => app?.get(DataSource)),
  };
}
