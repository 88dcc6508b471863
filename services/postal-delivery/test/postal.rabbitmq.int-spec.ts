/*
 * Postal delivery on a real RabbitMQ broker (no in-process bus): the service booted with `rabbitmqUrl` and a
 * unique `busPrefix`; a third party publishes `catalog.procedure-version-published`, `dossier.received` and
 * `dossier.resolved` and `processing.step-started` with a raw amqplib client, and reads what postal publishes from a queue of its own bound
 * to the service's exchange. The order dispatcher hands orders to the VNPost simulator; its signed webhooks
 * and the tracking poller bring the carrier's statuses back.
 */
import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  CATALOG_PROCEDURE_VERSION_PUBLISHED,
  EventEnvelope,
  POSTAL_DELIVERY_ATTEMPT_FAILED,
  POSTAL_DELIVERY_CREATED,
  POSTAL_DELIVERY_DELIVERED,
  POSTAL_DELIVERY_OUT_FOR_DELIVERY,
  POSTAL_PICKUP_RECEIVED,
  POSTAL_PICKUP_SCHEDULED,
  POSTAL_TRANSFER_DELIVERED,
  POSTAL_TRANSFER_HANDED_OVER,
  PROCESSING_STEP_STARTED,
  ProcessingStepStartedV1,
  validateEnvelope,
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
import { POSTAL_SERVICE, PostalDeliveryModule, postalConfigFromEnv } from '../src';
import {
  bearer,
  CENTRE,
  dossier,
  RecordedSimulator,
  SECRET,
  startRecordedSimulator,
  strictlyIncreasingClock,
  TOKEN,
  WEBHOOK_SECRET,
  CENTRE_CLERK,
  CENTRE_POSTMAN,
} from './support';

jest.setTimeout(20_000);

const clerk = CENTRE_CLERK;
const postman = CENTRE_POSTMAN;

describe('postal delivery over RabbitMQ (raw amqplib third party, VNPost simulator)', () => {
  let db: TestDatabase;
  let vnpost: RecordedSimulator;
  let app: INestApplication;
  let broker: ThirdPartyBroker;
  let probe: DataSource;
  const http = () => request(app.getHttpServer());

  /** The events of a type about a reference that postal put on the broker: exactly `count`, each valid for its contract. */
  const onBroker = async (type: string, reference: string, count = 1) => {
    const found = await broker.onBroker(type, reference, count);
    for (const e of found) expect(validateEnvelope(e)).toMatchObject({ ok: true });
    return found;
  };

  beforeAll(async () => {
    db = await createTestDatabase('postal_rabbitmq');
    probe = new DataSource({ type: 'postgres', url: db.url });
    await probe.initialize();
    vnpost = await startRecordedSimulator({ autoAdvance: false, seed: 11, now: strictlyIncreasingClock() });
    broker = await ThirdPartyBroker.connect('postal-delivery', ['postal.#']);

    const config = postalConfigFromEnv(
      { LOG_LEVEL: 'silent' },
      {
        databaseUrl: db.url,
        authJwtSecret: SECRET,
        rabbitmqUrl: THIRD_PARTY_RABBITMQ_URL,
        busPrefix: broker.prefix,
        vnpostBaseUrl: vnpost.url,
        vnpostToken: TOKEN,
        vnpostWebhookSecret: WEBHOOK_SECRET,
        vnpostPollIntervalMs: 100,
        vnpostPollLagMs: 0,
        vnpostPollOverlapMs: 1000,
        deliveryMaxAttempts: 2,
      },
    );
    app = await createServiceApp(PostalDeliveryModule.forRoot(config), POSTAL_SERVICE);
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    vnpost.sim.engine.configure({
      webhookUrl: `http://127.0.0.1:${port}/api/postal/v1/carriers/vnpost/webhook`,
      webhookSecret: WEBHOOK_SECRET,
    });
    // postal's own queue is bound once it consumes
    await broker.serviceQueueReady();
  });

  afterAll(async () => {
    await app?.close();
    await probe?.destroy();
    await vnpost?.close();
    await broker?.close();
    await db?.drop();
  });

  it('dossier.received + dossier.resolved from the broker → order at VNPost → webhooks → postal.delivery.* on the broker', async () => {
    const d = dossier('POST');
    await broker.publish(d.receivedEvent as EventEnvelope);
    await broker.publish(d.resolvedEvent as EventEnvelope);
    const [created] = await onBroker(POSTAL_DELIVERY_CREATED, d.code);
    expect(created).toMatchObject({ source: 'postal-delivery', data: { dossierCode: d.code, carrier: 'VNPOST' } });
    const trackingNumber = created.data.trackingNumber as string;
    expect(vnpost.sim.engine.getOrder(trackingNumber)).toMatchObject({ orderNumber: d.code, receiverName: 'Nguyễn Thị Hòa' });

    const engine = vnpost.sim.engine;
    for (const s of [2, 6, 7, 10, 11, 12]) engine.advance(trackingNumber, s);
    engine.advance(trackingNumber, 15, 'Người nhận vắng nhà');
    engine.advance(trackingNumber, 12);
    engine.advance(trackingNumber, 14);
    await engine.whenWebhooksIdle();
    const out = await onBroker(POSTAL_DELIVERY_OUT_FOR_DELIVERY, d.code, 2);
    expect(out.map((e) => e.data.attempt)).toEqual([1, 2]);
    const [failed] = await onBroker(POSTAL_DELIVERY_ATTEMPT_FAILED, d.code);
    expect(failed.data).toMatchObject({ attempt: 1, maxAttempts: 2, willRetry: true, reason: 'Người nhận vắng nhà' });
    const [delivered] = await onBroker(POSTAL_DELIVERY_DELIVERED, d.code);
    expect(delivered.data).toMatchObject({ dossierCode: d.code, trackingNumber });
    // the poller reads the same changes again: nothing is published twice
    await expectEventually(() => expect(vnpost.requests.some((r) => r.startsWith('/api/v1/orders/updates'))).toBe(true));
    await onBroker(POSTAL_DELIVERY_OUT_FOR_DELIVERY, d.code, 2);
    await onBroker(POSTAL_DELIVERY_DELIVERED, d.code);
  });

  it('learns the catalog from the broker, schedules a pickup, and — webhooks off — the poller brings it to the centre', async () => {
    await broker.publish(
      makeEnvelope(
        CATALOG_PROCEDURE_VERSION_PUBLISHED,
        {
          procedureCode: '1.001193',
          version: 1,
          name: 'Đăng ký khai sinh',
          fieldCode: 'HT',
          fieldName: 'Hộ tịch',
          competentAgency: 'COMMUNE_OF_RESIDENCE',
          processingTime: { unit: 'WITHIN_DAY', value: 0 },
          components: [{ code: 'TP01', name: 'Tờ khai đăng ký khai sinh', form: 'ORIGINAL', quantity: 1, required: true }],
          fees: [],
          onlineLevel: 'FULL',
          postMayCarryDossier: true,
          postMayCarryResult: true,
          effectiveFrom: '2026-01-01',
          publishedAt: new Date().toISOString(),
        },
        { source: 'intake' },
      ) as EventEnvelope,
    );
    const from = new Date(Date.now() + 3_600_000);
    const created = await http()
      .post('/api/postal/v1/pickups')
      .set('Authorization', bearer(clerk))
      .send({
        channel: 'PHONE',
        procedureCode: '1.001193',
        procedureName: 'Đăng ký khai sinh',
        applicant: { fullName: 'Trần Thị Bích Ngọc', phone: '0987654321' },
        address: { line: 'Số 5 ngõ 3 đường Bà Triệu', communeCode: '14755', provinceCode: '38' },
        windowFrom: from.toISOString(),
        windowTo: new Date(from.getTime() + 3_600_000).toISOString(),
      })
      .expect(201);
    const reference = created.body.reference as string;
    await onBroker(POSTAL_PICKUP_SCHEDULED, reference);
    const checklist = await expectEventually(async () => {
      const v = await http().get(`/api/postal/v1/pickups/${created.body.id}`).set('Authorization', bearer(postman)).expect(200);
      if (!v.body.checklist) throw new Error('catalog not in yet');
      return v.body.checklist;
    });
    expect(checklist.components.map((c: { code: string }) => c.code)).toEqual(['TP01']);

    const engine = vnpost.sim.engine;
    await engine.whenWebhooksIdle();
    engine.configure({ webhookUrl: '' });
    for (const s of [2, 6, 7, 10, 11, 12, 14]) engine.advance(created.body.trackingNumber, s);
    const [received] = await onBroker(POSTAL_PICKUP_RECEIVED, reference);
    expect(received.data).toMatchObject({ pickupId: created.body.id, trackingNumber: created.body.trackingNumber, centreCode: CENTRE });
  });

  it('processing.step-started from the broker → a paper transfer at VNPost → postal.transfer.* on the broker', async () => {
    const d = dossier('COUNTER'); // a counter dossier: its paper is at the centre
    await broker.publish(d.receivedEvent as EventEnvelope);
    await expectEventually(
      async () => expect(await probe.query('SELECT 1 FROM paper_dossier WHERE dossier_code = $1', [d.code])).toHaveLength(1),
      10_000,
    );
    const step: ProcessingStepStartedV1 = {
      dossierCode: d.code,
      stepId: 'task-police-1',
      stepName: 'Đăng ký thường trú',
      agencyCode: '000.00.20.H56',
      startedAt: new Date().toISOString(),
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    };
    const started = makeEnvelope(PROCESSING_STEP_STARTED, step, { correlationId: d.code, source: 'routing' }) as EventEnvelope;
    await broker.publish(started);
    await broker.publish(started); // redelivered: one transfer
    const order = await expectEventually(async () => {
      const [row] = await probe.query(
        `SELECT o.tracking_number AS "trackingNumber", o.carrier_order_id AS "carrierOrderId"
           FROM paper_transfer t JOIN delivery_order o ON o.id = t.order_id WHERE t.dossier_code = $1`,
        [d.code],
      );
      if (!row?.carrierOrderId) throw new Error('transfer not at the carrier yet');
      return row as { trackingNumber: string };
    }, 10_000);
    expect(vnpost.sim.engine.getOrder(order.trackingNumber)).toMatchObject({
      receiverName: 'Công an tỉnh Thanh Hóa — Phòng Cảnh sát QLHC về TTXH (ví dụ)',
    });
    // webhooks are off since the pickup case: the poller brings the statuses
    for (const st of [2, 6, 7, 10, 11, 12, 14]) vnpost.sim.engine.advance(order.trackingNumber, st);
    const [handed] = await onBroker(POSTAL_TRANSFER_HANDED_OVER, d.code);
    const [delivered] = await onBroker(POSTAL_TRANSFER_DELIVERED, d.code);
    for (const e of [handed, delivered]) {
      expect(e.data).toMatchObject({
        dossierCode: d.code,
        stepId: 'task-police-1',
        purpose: 'STEP',
        fromAgencyCode: CENTRE,
        toAgencyCode: '000.00.20.H56',
      });
    }
    expect(await probe.query('SELECT 1 FROM paper_transfer WHERE dossier_code = $1', [d.code])).toHaveLength(1);
  });
});
