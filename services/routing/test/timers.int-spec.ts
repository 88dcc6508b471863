import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PROCESSING_OVERDUE } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { expectEventually } from '@motcua/testing';
import { client, Published, received, RoutingInstances, startRoutingInstances, USERS } from './routing-test-kit';

describe('durable step timers (database, restart, replicas)', () => {
  let routing: RoutingInstances;
  let bus: InProcessBus;
  let events: Published[];
  let apps: INestApplication[];

  beforeAll(async () => {
    routing = await startRoutingInstances('routing_timers', { TIMER_IDLE_POLL_MS: '200' });
    ({ bus, events, apps } = routing);
  });

  afterAll(async () => {
    await routing?.close();
  });

  const boot = () => routing.boot();
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
    await routing.stop(first);
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
