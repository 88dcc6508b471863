import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PROCESSING_OVERDUE } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createTestDatabase, expectEventually, TestDatabase } from '@motcua/testing';
import { bootRouting, client, probe, Published, received, USERS } from './routing-test-kit';

describe('durable step timers (database, restart, replicas)', () => {
  let db: TestDatabase;
  let bus: InProcessBus;
  let events: Published[];
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('routing_timers');
    bus = new InProcessBus({ delayScale: 0.01 });
    events = await probe(bus);
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await bus?.close();
    await db?.drop();
  });

  const boot = async () => {
    const app = await bootRouting(db.url, bus, { TIMER_IDLE_POLL_MS: '200' });
    apps.push(app);
    return app;
  };
  const overdueOf = (code: string) => events.filter((e) => e.type === PROCESSING_OVERDUE && e.correlationId === code);

  it('a timer pending when the service stops fires once after it starts again', async () => {
    const first = await boot();
    const e = received({ appointmentAt: new Date(Date.now() + 2500).toISOString() });
    await bus.publish([e]);
    await client(first).taskFor(USERS.justice, e.data.dossierCode);
    const [pending] = (await first
      .get(DataSource)
      .query(`SELECT fired_at FROM step_timer WHERE dossier_code = $1 AND kind = 'OVERDUE'`, [e.data.dossierCode])) as Array<{
      fired_at: Date | null;
    }>;
    expect(pending.fired_at).toBeNull();
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    expect(overdueOf(e.data.dossierCode)).toHaveLength(0);

    const second = await boot();
    await expectEventually(() => expect(overdueOf(e.data.dossierCode)).toHaveLength(1), 10_000);
    const rows = (await second
      .get(DataSource)
      .query(`SELECT outcome FROM step_timer WHERE dossier_code = $1 AND kind = 'OVERDUE'`, [e.data.dossierCode])) as unknown[];
    expect(rows).toEqual([{ outcome: 'FIRED' }]);
  });

  it('two replicas share the timers: each overdue step fires exactly once', async () => {
    const [a] = apps.length ? apps : [await boot()];
    await boot(); // a second replica on the same database
    const dossiers = Array.from({ length: 40 }, () => received({ appointmentAt: new Date(Date.now() + 400).toISOString() }));
    await bus.publish(dossiers);
    const codes = new Set(dossiers.map((d) => d.data.dossierCode));
    await expectEventually(async () => {
      const [row] = (await a
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM step_timer WHERE dossier_code = ANY($1) AND kind = 'OVERDUE' AND outcome = 'FIRED'`, [
          [...codes],
        ])) as Array<{
        n: number;
      }>;
      expect(row.n).toBe(40);
    }, 15_000);
    await expectEventually(() =>
      expect(events.filter((e) => e.type === PROCESSING_OVERDUE && codes.has(e.correlationId!))).toHaveLength(40),
    );
    const steps = events.filter((e) => e.type === PROCESSING_OVERDUE && codes.has(e.correlationId!)).map((e) => e.data.stepId);
    expect(new Set(steps).size).toBe(40);
  });
});
