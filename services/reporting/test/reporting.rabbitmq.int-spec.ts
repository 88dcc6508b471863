/*
 * Reporting on a real RabbitMQ broker (no in-process bus): the service booted with `rabbitmqUrl` and a unique
 * `busPrefix`; a third party publishes a day of events with a raw amqplib client (some of them twice, one that
 * breaks its contract). Form II.06a of that day holds its identities and equals the answer of the same service
 * fed the same events in process; the duplicates count once; the broken event is dead-lettered. Reporting
 * publishes nothing.
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { issueToken } from '@motcua/auth';
import { EventEnvelope } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, expectEventually, TestDatabase, THIRD_PARTY_RABBITMQ_URL, ThirdPartyBroker } from '@motcua/testing';
import { REPORTING_SERVICE, ReportingModule, reportingConfigFromEnv } from '../src';
import { brokenIi06aIdentities } from '../src/forms/build-ii06a-form.use-case';
import { digitizedEvent, notificationSentEvent, receivedEvent, resolvedEvent, returnedEvent } from './reporting-events';

jest.setTimeout(20_000);

const SECRET = 'reporting-rabbitmq-secret';
const PROVINCE = '000.00.00.H56';
const admin = issueToken(SECRET, { sub: 'admin', name: 'Quản trị', roles: ['ADMIN'], agencyCode: PROVINCE });
const CENTRE = '000.00.06.H56';
const DEPARTMENTS = ['000.00.10.H56', '000.21.01.H56'];
const DAY = '2026-03-10';
const at = (h: number, m: number) => new Date(`${DAY}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+07:00`).toISOString();

/** A day at the centre: 30 dossiers received, carried over ones from the day before, most resolved, some returned, half digitized. */
function dayOfEvents(run: string): EventEnvelope<object>[] {
  const events: EventEnvelope<object>[] = [];
  for (let i = 0; i < 36; i++) {
    const code = `${CENTRE}-260310-${run}${String(i).padStart(3, '0')}`;
    const carried = i >= 30; // received the day before
    const receivedAt = carried ? new Date(`2026-03-09T15:${String(i).padStart(2, '0')}:00+07:00`).toISOString() : at(8 + (i % 8), i);
    const competent = DEPARTMENTS[i % 2];
    events.push(
      receivedEvent({
        code,
        procedureCode: i % 3 ? '1.001193' : '2.000908',
        receiving: CENTRE,
        competent,
        channel: (['ONLINE', 'COUNTER', 'POSTAL'] as const)[i % 3],
        receivedAt,
        appointmentAt: i % 5 === 0 ? at(12, 0) : at(23, 59).replace(DAY, '2026-03-13'),
        resultDelivery: i % 3 === 2 ? 'POST' : 'COUNTER',
      }),
      notificationSentEvent(code, at(16, i)),
    );
    // every other dossier scanned after reception, the first component reused from a result on file for every sixth
    if (i % 2 === 0) events.push(digitizedEvent(code, 'COMPONENT', [1, 1, i % 6 === 0 ? 1 : 0], at(16, i), i % 6 === 0));
    if (i % 4 !== 3) {
      events.push(
        resolvedEvent({ code, by: competent, resolvedAt: at(16, i), appointmentAt: at(17, 0), timeliness: i % 7 ? 'EARLY' : 'LATE' }),
      );
      if (i % 2) events.push(returnedEvent(code, at(17, i), i % 3 === 2 ? 'POST' : 'COUNTER'));
    }
  }
  return events;
}

describe('reporting over RabbitMQ (raw amqplib third party)', () => {
  const run = String(Date.now() % 1000).padStart(3, '0');
  const events = dayOfEvents(run);
  let dbs: TestDatabase[] = [];
  let app: NestExpressApplication;
  let local: NestExpressApplication;
  let bus: InProcessBus;
  let broker: ThirdPartyBroker;

  const ii06a = (target: NestExpressApplication) =>
    request(target.getHttpServer())
      .get('/api/reporting/v1/forms/ii06a')
      .query({ agency: PROVINCE, from: DAY, to: DAY })
      .set('Authorization', `Bearer ${admin}`);

  beforeAll(async () => {
    dbs = [await createTestDatabase('reporting_rabbitmq'), await createTestDatabase('reporting_rabbitmq_local')];
    broker = await ThirdPartyBroker.connect('reporting', []);
    const config = reportingConfigFromEnv({ LOG_LEVEL: 'silent' }, {
      databaseUrl: dbs[0].url,
      authJwtSecret: SECRET,
      rabbitmqUrl: THIRD_PARTY_RABBITMQ_URL,
      busPrefix: broker.prefix,
      retryDelaysMs: [100],
    } as never);
    app = await createServiceApp(ReportingModule.forRoot(config), REPORTING_SERVICE);
    await broker.serviceQueueReady();
    // the same service in process, fed the same events: the reference answer
    bus = new InProcessBus({ delayScale: 0.01 });
    local = await createServiceApp(
      ReportingModule.forRoot(reportingConfigFromEnv({}, { databaseUrl: dbs[1].url, authJwtSecret: SECRET, bus, logLevel: 'silent' })),
      REPORTING_SERVICE,
    );
  });

  afterAll(async () => {
    await app?.close();
    await local?.close();
    await bus?.close();
    await broker?.close();
    for (const db of dbs) await db.drop();
  });

  it('a day of events: II.06a holds its identities, equals the in-process answer, and redeliveries count once', async () => {
    // a third of the events is delivered twice (a producer retrying after a lost confirm)
    await broker.publish(...([...events, ...events.filter((_, i) => i % 3 === 0)] as EventEnvelope[]));
    await bus.publish(events);
    const unprojected = async (a: NestExpressApplication) =>
      (
        (await a
          .get(DataSource)
          .query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT projected)::int AS pending FROM event_log`)) as Array<{
          n: number;
          pending: number;
        }>
      )[0];
    for (const a of [app, local])
      await expectEventually(async () => expect(await unprojected(a)).toEqual({ n: events.length, pending: 0 }), 15_000);

    const overBroker = (await ii06a(app).expect(200)).body as { rows: unknown[]; total: Parameters<typeof brokenIi06aIdentities>[0] };
    expect(brokenIi06aIdentities(overBroker.total)).toEqual([]);
    expect(overBroker.total.received).toEqual({ total: 36, online: 10, directOrPostal: 20, carriedOver: 6 });
    expect(overBroker.total.resolved.total).toBe(27);
    expect(overBroker).toEqual((await ii06a(local).expect(200)).body);
    // the indicators read over the broker equal the in-process ones (processing time, digitization included)
    const indicators = (target: NestExpressApplication) =>
      request(target.getHttpServer())
        .get('/api/reporting/v1/indicators')
        .query({ agency: PROVINCE, from: DAY, to: DAY })
        .set('Authorization', `Bearer ${admin}`)
        .expect(200);
    const overBrokerIndicators = (await indicators(app)).body;
    expect(overBrokerIndicators.digitization.dossiers).toEqual({ numerator: 15, denominator: 30, rate: 0.5 });
    expect(overBrokerIndicators.averageProcessingTime.dossiers).toBe(27);
    expect(overBrokerIndicators).toEqual((await indicators(local)).body);
    // one message counted per dossier, not two for the redelivered ones
    expect(await app.get(DataSource).query(`SELECT DISTINCT messages_sent FROM dossier_fact`)).toEqual([{ messages_sent: 1 }]);
  });

  it('dead-letters an event that breaks its contract', async () => {
    const broken = { ...events[0], id: 'not-a-uuid' };
    await broker.publish(broken as EventEnvelope);
    await expectEventually(async () => expect(await broker.deadLettered()).toBe(1), 10_000);
  });
});
