import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, TestDatabase } from '@motcua/testing';
import { INTAKE_SERVICE, IntakeModule, intakeConfigFromEnv } from '../src';
import { ReceiveDossierDto } from '../src/dossiers/receive-dossier.dto';
import { ReceiveDossierUseCase } from '../src/dossiers/receive-dossier.use-case';

const clerkOf = (agencyCode: string): AuthUser => ({
  sub: `clerk@${agencyCode}`,
  name: 'Lê Thị Thu',
  roles: ['COUNTER_CLERK'],
  agencyCode,
});
const CENTER = clerkOf('000.00.06.H56');
const COMMUNE = clerkOf('000.21.01.H56');

const body = (over: Partial<ReceiveDossierDto> = {}) =>
  ({
    procedureCode: '1.001193',
    channel: 'COUNTER',
    applicant: { fullName: 'Nguyễn Thị Hòa', idNumber: '038190001234', phone: '0912345678' },
    resultDelivery: 'COUNTER',
    ...over,
  }) as ReceiveDossierDto;

/** Dossier numbering (ADR 0004): per receiving agency and local day (Asia/Ho_Chi_Minh), gap-free, never repeated. */
describe('dossier numbering under concurrency, real PostgreSQL', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;

  beforeAll(async () => {
    db = await createTestDatabase('intake_numbering');
    bus = new InProcessBus({ delayScale: 0.01 });
    const config = intakeConfigFromEnv(
      { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' },
      {
        databaseUrl: db.url,
        authJwtSecret: 'numbering-test-secret-0123456789',
        bus,
        seedDemoData: true,
        lookupSecretKey: 'lookup-test-key-0123456789',
      },
    );
    app = await createServiceApp(IntakeModule.forRoot(config), INTAKE_SERVICE);
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.drop();
  });

  it('numbers two agencies across a local midnight independently: 1..n each, no gap, no repeat', async () => {
    const receive = app.get(ReceiveDossierUseCase);
    // 31/03/2026 23:59:59.999 and 01/04/2026 00:00:00 in Asia/Ho_Chi_Minh (UTC+7)
    const lastInstantOfDay = new Date('2026-03-31T16:59:59.999Z');
    const midnight = new Date('2026-03-31T17:00:00.000Z');
    const perGroup = 40;
    const groups = [
      { clerk: CENTER, at: lastInstantOfDay, prefix: '000.00.06.H56-260331-' },
      { clerk: CENTER, at: midnight, prefix: '000.00.06.H56-260401-' },
      { clerk: COMMUNE, at: lastInstantOfDay, prefix: '000.21.01.H56-260331-' },
      { clerk: COMMUNE, at: midnight, prefix: '000.21.01.H56-260401-' },
    ];
    const jobs = groups.flatMap((g) => Array.from({ length: perGroup }, () => g));
    // refused receptions in the same burst (unknown procedure; post not allowed) must not consume numbers
    const refused = Array.from({ length: 20 }, (_, i) =>
      i % 2 ? body({ procedureCode: '9.999999' }) : body({ resultDelivery: 'POST', deliveryAddress: undefined }),
    );
    const order = jobs.map((_, i) => i).sort((a, b) => ((a * 7919) % 97) - ((b * 7919) % 97)); // interleave the groups

    const [ok, failed] = await Promise.all([
      Promise.all(order.map((i) => receive.execute({ body: body(), clerk: jobs[i].clerk, receivedAt: jobs[i].at }))),
      Promise.allSettled(refused.map((b, i) => receive.execute({ body: b, clerk: i % 3 ? CENTER : COMMUNE, receivedAt: midnight }))),
    ]);

    expect(failed.every((f) => f.status === 'rejected')).toBe(true);
    const codes = ok.map((r) => r.dossier.code);
    expect(new Set(codes).size).toBe(groups.length * perGroup);
    for (const g of groups) {
      const numbers = codes
        .filter((c) => c.startsWith(g.prefix))
        .map((c) => Number(c.slice(g.prefix.length)))
        .sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: perGroup }, (_, i) => i + 1));
    }
    const counters: Array<{ agency_code: string; local_date: string; last_value: number }> = await app
      .get(DataSource)
      .query(`SELECT agency_code, to_char(local_date, 'YYYY-MM-DD') AS local_date, last_value FROM dossier_code_sequence ORDER BY 1, 2`);
    expect(counters).toEqual([
      { agency_code: '000.00.06.H56', local_date: '2026-03-31', last_value: perGroup },
      { agency_code: '000.00.06.H56', local_date: '2026-04-01', last_value: perGroup },
      { agency_code: '000.21.01.H56', local_date: '2026-03-31', last_value: perGroup },
      { agency_code: '000.21.01.H56', local_date: '2026-04-01', last_value: perGroup },
    ]);
    // every dossier kept its reception timeline entry (written before the number was taken)
    const orphans = await app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM dossier d WHERE NOT EXISTS (SELECT 1 FROM dossier_timeline t WHERE t.dossier_id = d.id)`);
    expect(orphans[0].n).toBe(0);
    const strayTimeline = await app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM dossier_timeline t WHERE NOT EXISTS (SELECT 1 FROM dossier d WHERE d.id = t.dossier_id)`);
    expect(strayTimeline[0].n).toBe(0);
  });
});
