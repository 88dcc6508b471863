/*
 * Routing on a real RabbitMQ broker (no in-process bus): the service booted with `rabbitmqUrl` and a unique
 * `busPrefix`; a third party publishes `dossier.received` and `dossier.supplement-received` with a raw amqplib
 * client, and reads what routing publishes from a queue of its own bound to the service's exchange.
 */
import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'crypto';
import {
  DOSSIER_RESOLVED,
  DOSSIER_SUPPLEMENT_RECEIVED,
  EventEnvelope,
  POSTAL_TRANSFER_DELIVERED,
  POSTAL_TRANSFER_HANDED_OVER,
} from '@motcua/contracts';
import { createServiceApp } from '@motcua/platform';
import {
  createTestDatabase,
  expectEventually,
  makeEnvelope,
  TestDatabase,
  THIRD_PARTY_RABBITMQ_URL,
  ThirdPartyBroker,
} from '@motcua/testing';
import { ROUTING_SERVICE, RoutingModule, routingConfigFromEnv } from '../src';
import { CENTRE, client, COMMUNE, received, SECRET, USERS } from './routing-test-kit';

jest.setTimeout(20_000);

describe('routing over RabbitMQ (raw amqplib third party)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let broker: ThirdPartyBroker;

  beforeAll(async () => {
    db = await createTestDatabase('routing_rabbitmq');
    broker = await ThirdPartyBroker.connect('routing', ['processing.#', 'dossier.resolved']);

    const config = routingConfigFromEnv(
      { LOG_LEVEL: 'silent', TIMER_IDLE_POLL_MS: '200' },
      { databaseUrl: db.url, authJwtSecret: SECRET, rabbitmqUrl: THIRD_PARTY_RABBITMQ_URL, busPrefix: broker.prefix },
    );
    app = await createServiceApp(RoutingModule.forRoot(config), ROUTING_SERVICE);
    // routing's own queue is bound once it consumes
    await broker.serviceQueueReady();
  });

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await db?.drop();
  });

  it('dossier.received from the broker opens tasks; actions, the supplement round trip and the timers publish to the broker', async () => {
    const api = client(app);
    // one due in two seconds (its overdue timer fires), one to act on, one whose supplement deadline passes
    const soon = received({ appointmentAt: new Date(Date.now() + 2000).toISOString() });
    const worked = received();
    const expiring = received();
    for (const e of [soon, worked, expiring]) await broker.publish(e as EventEnvelope);

    const [soonTask, task, expTask] = await Promise.all(
      [soon, worked, expiring].map((e) => api.taskFor(USERS.justice, e.data.dossierCode as string)),
    );
    const code = worked.data.dossierCode as string;
    const [started] = await broker.onBroker('processing.step-started', code);
    expect(started).toMatchObject({ source: 'routing', correlationId: code, data: { stepId: task.id, agencyCode: task.agencyCode } });

    // an action: supplement requested → the citizen's supplement arrives through the broker → resumed → completed
    await api.act(USERS.justice, task.id, 'request-supplement', { reason: 'Thiếu Giấy chứng sinh' }).expect(200);
    const [requested] = await broker.onBroker('processing.supplement-requested', code);
    expect(requested.data).toMatchObject({ stepId: task.id, supplementNumber: 1 });
    expect(requested.data.deadlineAt).toEqual(expect.any(String));
    await broker.publish(
      makeEnvelope(DOSSIER_SUPPLEMENT_RECEIVED, { dossierCode: code, receivedAt: new Date().toISOString() }, { source: 'intake' }),
    );
    await broker.onBroker('processing.resumed', code);
    await api.taskFor(USERS.justice, code);
    await api.act(USERS.justice, task.id, 'complete', { resultSummary: 'Đã cấp Giấy khai sinh' }).expect(200);
    const [completed] = await broker.onBroker('processing.step-completed', code);
    expect(completed.data).toMatchObject({ stepId: task.id, nextStepKeys: [] });
    const [resolved] = await broker.onBroker(DOSSIER_RESOLVED, code);
    expect(resolved.data).toMatchObject({ dossierCode: code, resultSummary: 'Đã cấp Giấy khai sinh' });

    // the supplement deadline timer: processing.stopped (expired) through the outbox
    const expCode = expiring.data.dossierCode as string;
    await api
      .act(USERS.justice, expTask.id, 'request-supplement', {
        reason: 'Thiếu giấy tờ',
        deadlineAt: new Date(Date.now() + 1000).toISOString(),
      })
      .expect(200);
    const [stopped] = await broker.onBroker('processing.stopped', expCode);
    expect(stopped.data).toMatchObject({ stepId: expTask.id, stoppedBy: 'system', reasonCode: 'SUPPLEMENT_EXPIRED' });

    // the overdue timer of the untouched step: processing.overdue through the outbox, once
    const soonCode = soon.data.dossierCode as string;
    const [overdue] = await broker.onBroker('processing.overdue', soonCode);
    expect(overdue.data).toMatchObject({ stepId: soonTask.id, dueAt: soon.data.appointmentAt });
    expect(broker.seen.filter((e) => e.type === 'processing.overdue' && e.correlationId !== soonCode)).toEqual([]);
  });

  it('a dossier.received copy redelivered by the broker opens nothing twice; a malformed one is dead-lettered', async () => {
    const api = client(app);
    const e = received() as EventEnvelope;
    const code = (e.data as { dossierCode: string }).dossierCode;
    await broker.publish(e);
    await broker.publish(e);
    await api.taskFor(USERS.justice, code);
    await broker.onBroker('processing.step-started', code);
    expect((await api.inbox(USERS.justice)).filter((t) => t.dossierCode === code)).toHaveLength(1);

    await broker.publish(makeEnvelope('dossier.received', { dossierCode: 'not-a-code' }, { source: 'intake' }));
    await expectEventually(async () => expect(await broker.deadLettered()).toBe(1), 10_000);
  });

  it('postal.transfer.handed-over and .delivered from the broker (delivered first) put the postal legs on the control slip', async () => {
    const api = client(app);
    const e = received();
    const code = e.data.dossierCode as string;
    await broker.publish(e as EventEnvelope);
    const task = await api.taskFor(USERS.justice, code);
    const transfer = {
      dossierCode: code,
      transferId: `tr-${randomBytes(4).toString('hex')}`,
      stepId: task.id,
      purpose: 'STEP',
      fromAgencyCode: CENTRE,
      toAgencyCode: COMMUNE,
      trackingNumber: 'EE555666777VN',
    };
    const receiptAt = new Date(Date.now() + 3_600_000);
    await broker.publish(
      makeEnvelope(
        POSTAL_TRANSFER_DELIVERED,
        { ...transfer, at: new Date(receiptAt.getTime() + 3_600_000).toISOString() },
        { source: 'postal-delivery' },
      ),
    );
    await broker.publish(
      makeEnvelope(POSTAL_TRANSFER_HANDED_OVER, { ...transfer, at: receiptAt.toISOString() }, { source: 'postal-delivery' }),
    );
    const lines = await expectEventually(async () => {
      const body = (await api.slip(USERS.justice, code).expect(200)).body as {
        handOvers: Array<{ kind: string; receiver: { name: string | null } }>;
      };
      if (body.handOvers.length !== 3) throw new Error(`slip lines: ${body.handOvers.length}`);
      return body.handOvers;
    }, 10_000);
    expect(lines.map((l) => l.kind)).toEqual(['RECEIVED', 'POSTAL_HANDED_OVER', 'POSTAL_DELIVERED']);
    expect(lines[1].receiver.name).toBe('Bưu điện (VNPost)');
  });
});
