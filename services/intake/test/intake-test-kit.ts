import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser, issueToken } from '@motcua/auth';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, expectEventually, makeEnvelope, TestDatabase } from '@motcua/testing';
import { DOSSIER_RESOLVED, PROCESSING_STEP_STARTED } from '@motcua/contracts';
import { INTAKE_SERVICE, IntakeConfig, IntakeModule, intakeConfigFromEnv } from '../src';

export const SECRET = 'intake-test-secret-0123456789';
export const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;
/** The smallest PDF the upload checks accept (magic bytes, trailer). */
export const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export interface RunningIntake {
  db: TestDatabase;
  app: INestApplication;
  bus: InProcessBus;
  http: () => ReturnType<typeof request>;
  /** Rows in a table of intake's database. */
  count: (table: string) => Promise<number>;
  close: () => Promise<void>;
}

/** Intake on a scratch database with the demo catalog, over an in-process bus. */
export async function startIntake(prefix: string, overrides: Partial<IntakeConfig> = {}): Promise<RunningIntake> {
  const db = await createTestDatabase(prefix);
  const bus = new InProcessBus({ delayScale: 0.01 });
  const config = intakeConfigFromEnv(
    { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' },
    { databaseUrl: db.url, authJwtSecret: SECRET, bus, seedDemoData: true, lookupSecretKey: 'lookup-test-key-0123456789', ...overrides },
  );
  const app = await createServiceApp(IntakeModule.forRoot(config), INTAKE_SERVICE);
  return {
    db,
    app,
    bus,
    http: () => request(app.getHttpServer()),
    count: async (table) => Number((await app.get(DataSource).query(`SELECT count(*)::int AS n FROM ${table}`))[0].n),
    close: async () => {
      await app.close();
      await bus.close();
      await db.drop();
    },
  };
}

/**
 * Routing's side of a dossier, as routing publishes it: a step started at `agencyCode`, then the dossier resolved
 * there (early); waits for intake to follow each (IN_PROCESS, then RESOLVED).
 */
export async function resolveAsRouting(bus: InProcessBus, app: INestApplication, code: string, agencyCode: string): Promise<void> {
  const at = (min: number) => new Date(Date.now() + min * 60_000).toISOString();
  const status = async () =>
    ((await app.get(DataSource).query('SELECT status FROM dossier WHERE code = $1', [code])) as Array<{ status: string }>)[0].status;
  const fromRouting = { correlationId: code, source: 'routing' };
  await bus.publish([
    makeEnvelope(
      PROCESSING_STEP_STARTED,
      { dossierCode: code, stepId: 's1', stepName: 'Giải quyết', agencyCode, startedAt: at(1), dueAt: at(600) },
      fromRouting,
    ),
  ]);
  await expectEventually(async () => expect(await status()).toBe('IN_PROCESS'));
  await bus.publish([
    makeEnvelope(
      DOSSIER_RESOLVED,
      {
        dossierCode: code,
        resolvingAgencyCode: agencyCode,
        resolvedAt: at(2),
        appointmentAt: at(600),
        timeliness: 'EARLY',
        resultSummary: 'Đã cấp giấy khai sinh',
      },
      fromRouting,
    ),
  ]);
  await expectEventually(async () => expect(await status()).toBe('RESOLVED'));
}

/** Receives a complete counter dossier of 1.001193 (birth registration) with a clerk's `authorization`; answers its code. */
export async function receiveCounterDossier(app: INestApplication, authorization: string): Promise<string> {
  const res = await request(app.getHttpServer())
    .post('/api/intake/v1/dossiers')
    .set('Authorization', authorization)
    .send({
      procedureCode: '1.001193',
      channel: 'COUNTER',
      applicant: { fullName: 'Nguyễn Thị Hòa', idNumber: '038190001234', phone: '0912345678' },
      resultDelivery: 'COUNTER',
    })
    .expect(201);
  return res.body.code as string;
}
