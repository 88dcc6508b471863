import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PROCESSING_DUE_SOON, PROCESSING_ESCALATED, PROCESSING_OVERDUE } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { expectEventually } from '@motcua/testing';
import { client, COMMUNE, Published, received, RoutingInstances, startRoutingInstances, USERS } from './routing-test-kit';

/** Reminder 2 s before a step's due instant, escalation 1 s after it. */
const TIMING = { TIMER_IDLE_POLL_MS: '200', REMINDER_LEAD_SECONDS: '2', ESCALATION_AFTER_SECONDS: '1' };

describe('reminder and escalation timers (durable, once each, across a restart)', () => {
  let routing: RoutingInstances;
  let bus: InProcessBus;
  let events: Published[];
  let apps: INestApplication[];

  beforeAll(async () => {
    routing = await startRoutingInstances('routing_reminders', TIMING);
    ({ bus, events, apps } = routing);
  });

  afterAll(async () => {
    await routing?.close();
  });

  const boot = () => routing.boot();
  const stop = (app: INestApplication) => routing.stop(app);
  const of = (type: string, code: string) => events.filter((e) => e.type === type && e.correlationId === code);
  const timers = (app: INestApplication, code: string) =>
    app.get(DataSource).query(`SELECT kind, outcome FROM step_timer WHERE dossier_code = $1 ORDER BY fire_at`, [code]) as Promise<
      Array<{ kind: string; outcome: string | null }>
    >;

  it('timers pending when the service stops fire once each after it starts again: reminder, overdue, escalation', async () => {
    const first = await boot();
    const dueAt = new Date(Date.now() + 3500);
    const e = received({ appointmentAt: dueAt.toISOString() });
    const code = e.data.dossierCode;
    await bus.publish([e]);
    await client(first).taskFor(USERS.justice, code);
    await stop(first);
    // nothing was due yet when the service stopped
    expect(events.filter((x) => x.correlationId === code && x.type !== 'processing.step-started')).toHaveLength(0);

    const second = await boot();
    expect(await timers(second, code)).toEqual([
      { kind: 'DUE_SOON', outcome: null },
      { kind: 'OVERDUE', outcome: null },
      { kind: 'ESCALATION', outcome: null },
    ]);
    await expectEventually(async () => {
      expect(of(PROCESSING_ESCALATED, code)).toHaveLength(1);
      expect((await timers(second, code)).map((t) => t.outcome)).toEqual(['FIRED', 'FIRED', 'FIRED']);
    }, 10_000);
    expect(of(PROCESSING_DUE_SOON, code)).toHaveLength(1);
    expect(of(PROCESSING_OVERDUE, code)).toHaveLength(1);

    const [reminder] = of(PROCESSING_DUE_SOON, code);
    expect(reminder.data).toMatchObject({ dossierCode: code, agencyCode: COMMUNE, role: 'SPECIALIST', dueAt: dueAt.toISOString() });
    expect(new Date(reminder.data.remindedAt as string).getTime()).toBeGreaterThanOrEqual(dueAt.getTime() - 2000);
    expect(new Date(reminder.data.remindedAt as string).getTime()).toBeLessThan(dueAt.getTime());
    const [escalated] = of(PROCESSING_ESCALATED, code);
    expect(escalated.data).toMatchObject({ dossierCode: code, agencyCode: COMMUNE, escalatedTo: 'SUPERVISOR', dueAt: dueAt.toISOString() });
    expect(new Date(escalated.data.escalatedAt as string).getTime()).toBeGreaterThanOrEqual(dueAt.getTime() + 1000);

    // the supervisor sees the step marked escalated in the agency's inbox
    const task = (await client(second).inbox(USERS.supervisor)).find((t) => t.dossierCode === code) as unknown as { escalatedAt: string };
    expect(task.escalatedAt).toEqual(expect.any(String));

    // another start changes nothing: fired timers never fire again
    await stop(second);
    const third = await boot();
    await client(third).inbox(USERS.justice);
    expect((await timers(third, code)).map((t) => t.outcome)).toEqual(['FIRED', 'FIRED', 'FIRED']);
    expect(of(PROCESSING_DUE_SOON, code)).toHaveLength(1);
    expect(of(PROCESSING_ESCALATED, code)).toHaveLength(1);
  });

  it('a step completed before its reminder: all its timers are skipped without events', async () => {
    const app = apps[0] ?? (await boot());
    const e = received({ appointmentAt: new Date(Date.now() + 2600).toISOString() });
    const code = e.data.dossierCode;
    await bus.publish([e]);
    const api = client(app);
    const task = await api.taskFor(USERS.justice, code);
    await api.act(USERS.justice, task.id, 'complete', { resultSummary: 'Đã cấp Giấy khai sinh' }).expect(200);
    await expectEventually(async () => {
      expect((await timers(app, code)).map((t) => t.outcome)).toEqual(['SKIPPED', 'SKIPPED', 'SKIPPED']);
    }, 10_000);
    expect(of(PROCESSING_DUE_SOON, code)).toHaveLength(0);
    expect(of(PROCESSING_OVERDUE, code)).toHaveLength(0);
    expect(of(PROCESSING_ESCALATED, code)).toHaveLength(0);
  });

  it('no reminder is armed when the lead time is already past at opening', async () => {
    const app = apps[0] ?? (await boot());
    const e = received({ appointmentAt: new Date(Date.now() + 1000).toISOString() });
    await bus.publish([e]);
    await client(app).taskFor(USERS.justice, e.data.dossierCode);
    expect((await timers(app, e.data.dossierCode)).map((t) => t.kind)).toEqual(['OVERDUE', 'ESCALATION']);
  });
});
