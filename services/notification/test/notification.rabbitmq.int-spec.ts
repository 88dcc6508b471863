/*
 * Notification on a real RabbitMQ broker (no in-process bus): the service booted with `rabbitmqUrl` and a
 * unique `busPrefix`; a third party publishes dossier, processing and postal events (a cancelled delivery too)
 * with a raw amqplib client (redelivering some), the messages arrive at the SMS gateway and Zalo ZNS simulators over HTTP, and what
 * notification publishes (`notification.sent`, `notification.delivery-failed`) is read from a queue of the
 * test's own bound to the exchange.
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  DOSSIER_RECEIVED,
  DOSSIER_RESOLVED,
  EventEnvelope,
  NOTIFICATION_DELIVERY_FAILED,
  NOTIFICATION_SENT,
  POSTAL_DELIVERY_CANCELLED,
  POSTAL_DELIVERY_OUT_FOR_DELIVERY,
  POSTAL_PICKUP_SCHEDULED,
  PROCESSING_SUPPLEMENT_REQUESTED,
} from '@motcua/contracts';
import { createServiceApp } from '@motcua/platform';
import { RunningSmsGatewaySimulator, startSmsGatewaySimulator } from '@motcua/sim-sms-gateway';
import { RunningZaloZnsSimulator, startZaloZnsSimulator } from '@motcua/sim-zalo-zns';
import {
  createTestDatabase,
  expectEventually,
  makeEnvelope,
  TestDatabase,
  THIRD_PARTY_RABBITMQ_URL,
  ThirdPartyBroker,
} from '@motcua/testing';
import { NOTIFICATION_SERVICE, NotificationModule, notificationConfigFromEnv } from '../src';
import { AGENCY, dossierCode, phone, received, resolved, SECRET, SMS_API_KEY } from './fixtures';
import { clerk, ZALO_TOKEN } from './notification-test-kit';

jest.setTimeout(20_000);

const ZALO_APP_ID = 'zalo-app-rabbit';
const ZALO_SECRET = 'zalo-oa-secret-rabbit-0123';

describe('notification over RabbitMQ (raw amqplib third party, simulators over HTTP)', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let sms: RunningSmsGatewaySimulator;
  let zalo: RunningZaloZnsSimulator;
  let broker: ThirdPartyBroker;

  /** Waits until notification's inbox has every one of these events (so redelivered copies have come and gone too). */
  const handled = (...envelopes: EventEnvelope[]) =>
    expectEventually(async () => {
      const ids = [...new Set(envelopes.map((e) => e.id))];
      const rows = (await app.get(DataSource).query(`SELECT message_id FROM inbox_message WHERE message_id = ANY($1)`, [ids])) as unknown[];
      expect(rows).toHaveLength(ids.length);
    }, 10_000);

  beforeAll(async () => {
    db = await createTestDatabase('notification_rabbitmq');
    sms = await startSmsGatewaySimulator({ port: 0, apiKey: SMS_API_KEY, brandnames: ['MOTCUA'], dlrDelayMs: 60_000 });
    zalo = await startZaloZnsSimulator({
      port: 0,
      accessToken: ZALO_TOKEN,
      appId: ZALO_APP_ID,
      oaSecretKey: ZALO_SECRET,
      webhookDelayMs: 10,
    });
    broker = await ThirdPartyBroker.connect('notification', ['notification.#']);

    const config = notificationConfigFromEnv(
      { LOG_LEVEL: 'silent' },
      {
        databaseUrl: db.url,
        authJwtSecret: SECRET,
        rabbitmqUrl: THIRD_PARTY_RABBITMQ_URL,
        busPrefix: broker.prefix,
        smsGatewayUrl: sms.url,
        smsGatewayApiKey: SMS_API_KEY,
        zaloZnsUrl: zalo.url,
        zaloZnsAccessToken: ZALO_TOKEN,
        zaloAppId: ZALO_APP_ID,
        zaloOaSecretKey: ZALO_SECRET,
        dispatchPollMs: 200,
      },
    );
    app = await createServiceApp(NotificationModule.forRoot(config), NOTIFICATION_SERVICE);
    await app.listen(0, '127.0.0.1');
    const receipts = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api/notification/v1/receipts/zalo`;
    zalo.engine.configure({ webhookUrl: receipts });
    // notification's own queue is bound once it consumes
    await broker.serviceQueueReady();
  });

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await sms?.close();
    await zalo?.close();
    await db?.drop();
  });

  it('dossier, supplement and postal events from the broker: one SMS each at the gateway, redeliveries none, notification.sent on the broker', async () => {
    const code = dossierCode();
    const data = received(code, { resultDelivery: 'POST' });
    const receivedEvent = makeEnvelope(DOSSIER_RECEIVED, data, { source: 'intake' });
    const supplement = (n: number) =>
      makeEnvelope(
        PROCESSING_SUPPLEMENT_REQUESTED,
        {
          dossierCode: code,
          stepId: 'step-1',
          agencyCode: AGENCY,
          requestedBy: 'Chuyên viên A',
          requestedAt: `2026-01-05T0${6 + n}:00:00.000Z`,
          reason: `Thiếu giấy tờ lần ${n}`,
          supplementNumber: n,
        },
        { source: 'routing' },
      );
    const first = supplement(1);
    const second = supplement(2);
    const out = makeEnvelope(
      POSTAL_DELIVERY_OUT_FOR_DELIVERY,
      {
        dossierCode: code,
        orderId: 'o-1',
        trackingNumber: 'EL1VN',
        attempt: 1,
        outForDeliveryAt: '2026-01-07T01:00:00.000Z',
        amountToCollect: 20000,
      },
      { source: 'postal-delivery' },
    );
    const cancelled = makeEnvelope(
      POSTAL_DELIVERY_CANCELLED,
      {
        dossierCode: code,
        cause: 'CANCELLED',
        orderId: 'o-1',
        trackingNumber: 'EL1VN',
        centreCode: AGENCY,
        reason: 'Công dân đề nghị nhận kết quả trực tiếp',
        cancelledAt: '2026-01-07T05:00:00.000Z',
      },
      { source: 'postal-delivery' },
    );
    // redeliveries: the same envelopes twice
    await broker.publish(receivedEvent, first, receivedEvent, first, second);
    await broker.publish(makeEnvelope(DOSSIER_RESOLVED, resolved(code), { source: 'routing' }), out, second, out, cancelled, cancelled);

    await handled(receivedEvent, first, second, out, cancelled);
    const sent = await broker.onBroker(NOTIFICATION_SENT, code, 6);
    expect(sent.map((e) => e.data.template).sort()).toEqual(
      [
        'DOSSIER_RECEIVED',
        'OUT_FOR_DELIVERY',
        'RESULT_HELD_AT_COUNTER',
        'RESULT_READY',
        'SUPPLEMENT_REQUESTED',
        'SUPPLEMENT_REQUESTED',
      ].sort(),
    );
    for (const e of sent) expect(e).toMatchObject({ source: 'notification', data: { dossierCode: code, channel: 'SMS' } });
    const texts = sms.engine.listMessages({ phone: data.applicant.phone! }).map((m) => m.message);
    expect(texts).toHaveLength(6);
    expect(texts.filter((t) => t.includes('cần bổ sung'))).toHaveLength(2);
    expect(texts.find((t) => t.includes('Bưu tá đang phát'))).toContain('20.000 đồng');
    expect(texts.filter((t) => t.includes('Lý do: Công dân đề nghị nhận kết quả trực tiếp'))).toHaveLength(1);
  });

  it('a pickup (no dossier code) and a Zalo message the user never receives: SMS fallback once, delivery-failed and sent on the broker', async () => {
    const pickupPhone = phone();
    const pickup = makeEnvelope(
      POSTAL_PICKUP_SCHEDULED,
      {
        pickupId: `pk-${randomBytes(4).toString('hex')}`,
        reference: 'TG-1',
        trackingNumber: 'EB1VN',
        centreCode: AGENCY,
        procedureCode: '1.001193',
        procedureName: 'Đăng ký khai sinh',
        applicant: { fullName: 'Đỗ Văn Hùng', phone: pickupPhone },
        pickupAddress: { recipientName: 'Đỗ Văn Hùng', phone: pickupPhone, line: 'Số 1', communeCode: '14752', provinceCode: '38' },
        windowStart: '2026-01-05T01:00:00.000Z',
        windowEnd: '2026-01-05T04:00:00.000Z',
        scheduledAt: '2026-01-04T09:00:00.000Z',
      },
      { source: 'postal-delivery' },
    );
    await broker.publish(pickup, pickup);
    await handled(pickup);
    const [pickupSent] = await broker.onBroker(NOTIFICATION_SENT, pickup.data.pickupId, 1);
    expect(pickupSent.data).toMatchObject({ template: 'PICKUP_SCHEDULED', channel: 'SMS' });
    expect(pickupSent.data.dossierCode).toBeUndefined();
    expect(sms.engine.listMessages({ phone: pickupPhone })).toHaveLength(1);

    const zaloPhone = phone();
    zalo.engine.configure({ undeliverablePhones: [zaloPhone] });
    await request(app.getHttpServer())
      .put(`/api/notification/v1/preferences/${zaloPhone}`)
      .set('Authorization', `Bearer ${clerk}`)
      .send({ optedOut: false, channels: ['ZALO'] })
      .expect(200);
    const code = dossierCode();
    const zaloDossier = makeEnvelope(DOSSIER_RECEIVED, received(code, { applicant: { fullName: 'Vũ Thị Lan', phone: zaloPhone } }));
    await broker.publish(zaloDossier, zaloDossier);
    await handled(zaloDossier);
    const sent = await broker.onBroker(NOTIFICATION_SENT, code, 2);
    expect(sent.map((e) => e.data.channel).sort()).toEqual(['SMS', 'ZALO']);
    const [failed] = await broker.onBroker(NOTIFICATION_DELIVERY_FAILED, code, 1);
    expect(failed.data).toMatchObject({ channel: 'ZALO', kind: 'PERMANENT_FAILURE', error: 'user_not_received_message/-139' });
    expect(zalo.engine.listMessages({ phone: zaloPhone })).toHaveLength(1);
    expect(sms.engine.listMessages({ phone: zaloPhone })).toHaveLength(1);
  });
});
