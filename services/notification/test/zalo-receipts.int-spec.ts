import request from 'supertest';
import { DOSSIER_RECEIVED, NOTIFICATION_DELIVERY_FAILED } from '@motcua/contracts';
import { zaloEventSignature } from '@motcua/sim-zalo-zns';
import { expectEventually, makeEnvelope } from '@motcua/testing';
import { ApiMessage, dossierCode, phone, received } from './fixtures';
import { clerk, NotificationTestKit, startNotificationTestKit } from './notification-test-kit';

const APP_ID = 'zalo-app-4711';
const OA_SECRET = 'zalo-oa-secret-0123456789';
const RECEIPTS = '/api/notification/v1/receipts/zalo';

interface ReceiptMessage extends ApiMessage {
  deliveryStatus: string | null;
  deliveryDetail: string | null;
  receipts: number;
}
interface FailedEvent {
  data: { messageId: string; kind: string; channel: string };
}

describe('notification: Zalo ZNS delivery receipts (signed webhook events) and the SMS fallback', () => {
  let kit: NotificationTestKit;
  const failures: FailedEvent[] = [];

  beforeAll(async () => {
    kit = await startNotificationTestKit({
      database: 'notification_zalo_receipts',
      zalo: { appId: APP_ID, oaSecretKey: OA_SECRET, webhookDelayMs: 20, duplicateEvents: true },
      beforeBoot: async (spyBus) => {
        await spyBus.consume({ service: 'spy', bindings: [NOTIFICATION_DELIVERY_FAILED] }, async (raw) => {
          failures.push(raw as FailedEvent);
        });
      },
      config: { zaloAppId: APP_ID, zaloOaSecretKey: OA_SECRET, dispatchPollMs: 200 },
    });
    await kit.app.listen(0, '127.0.0.1');
    const url = `${(await kit.app.getUrl()).replace('[::1]', '127.0.0.1')}${RECEIPTS}`;
    await request(kit.zalo!.url).post('/__sim/config').send({ webhookUrl: url }).expect(200);
  });

  afterAll(async () => {
    await kit?.close();
  });

  /** A dossier for a phone that prefers Zalo: its received message goes by ZNS. */
  const zaloDossier = async (number = phone()) => {
    await kit
      .api()
      .put(`/api/notification/v1/preferences/${number}`)
      .set('Authorization', `Bearer ${clerk}`)
      .send({ optedOut: false, channels: ['ZALO'] })
      .expect(200);
    const code = dossierCode();
    await kit.bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(code, { applicant: { fullName: 'Lê Thị Mai', phone: number } }))]);
    return { code, number };
  };
  /** Waits until `check` holds, then until the simulator posted every event (duplicates too), and checks again. */
  const settledAfterEvents = async (code: string, check: (list: ReceiptMessage[]) => void) => {
    await expectEventually(async () => check(await kit.messages<ReceiptMessage>(code)));
    await kit.zalo!.engine.whenWebhooksIdle();
    const list = await kit.messages<ReceiptMessage>(code);
    check(list);
    return list;
  };
  const signed = (body: object) => {
    const raw = JSON.stringify(body);
    const ts = (body as { timestamp: string }).timestamp;
    return kit
      .api()
      .post(RECEIPTS)
      .set('content-type', 'application/json')
      .set('X-ZEvent-Signature', zaloEventSignature(APP_ID, raw, ts, OA_SECRET))
      .send(raw);
  };

  it('user_received_message, posted twice: DELIVERED once, two receipts counted, no SMS', async () => {
    const { code, number } = await zaloDossier();
    const [msg] = await settledAfterEvents(code, (l) => {
      expect(l).toHaveLength(1);
      expect(l[0]).toMatchObject({ channel: 'ZALO', status: 'SENT', deliveryStatus: 'DELIVERED', receipts: 2 });
    });
    expect(msg.deliveryDetail).toBe('user_received_message');
    expect(
      kit
        .zalo!.engine.webhookAttempts()
        .filter((a) => a.msgId === msg.gatewayMessageId)
        .map((a) => a.httpStatus),
    ).toEqual([200, 200]);
    expect(kit.sms.engine.listMessages({ phone: number })).toHaveLength(0);
  });

  it('a permanent failure (user blocked the OA), reported twice: PERMANENT_FAILURE, delivery-failed once, one fallback SMS', async () => {
    const number = phone();
    kit.zalo!.engine.configure({ undeliverablePhones: [number] });
    const { code } = await zaloDossier(number);
    const list = await settledAfterEvents(code, (l) => {
      expect(l).toHaveLength(2);
      for (const m of l) expect(m.status).toBe('SENT');
    });
    const zalo = list.find((m) => m.channel === 'ZALO')!;
    const sms = list.find((m) => m.channel === 'SMS')!;
    expect(zalo).toMatchObject({ deliveryStatus: 'PERMANENT_FAILURE', deliveryDetail: 'user_not_received_message/-139', receipts: 2 });
    expect(sms.fallbackOf).toBe(zalo.id);
    expect(sms.text).toContain(`Hồ sơ ${code} (Đăng ký khai sinh) của Ông/Bà Lê Thị Mai đã được tiếp nhận.`);
    expect(kit.sms.engine.listMessages({ phone: number })).toHaveLength(1);
    await expectEventually(async () =>
      expect(failures.filter((f) => f.data.messageId === zalo.id)).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ kind: 'PERMANENT_FAILURE', channel: 'ZALO' }) }),
      ]),
    );
  });

  it('a temporary failure (device offline) keeps Zalo and sends no SMS; a later delivery event makes it DELIVERED', async () => {
    const number = phone();
    kit.zalo!.engine.configure({ offlinePhones: [number] });
    const { code } = await zaloDossier(number);
    const [msg] = await settledAfterEvents(code, (l) => {
      expect(l).toHaveLength(1);
      expect(l[0]).toMatchObject({ deliveryStatus: 'TEMPORARY_FAILURE', deliveryDetail: 'user_not_received_message/-201' });
    });
    expect(kit.sms.engine.listMessages({ phone: number })).toHaveLength(0);
    const ts = String(Date.now());
    const delivered = {
      app_id: APP_ID,
      event_name: 'user_received_message',
      recipient: { phone: `84${number.slice(1)}` },
      message: { msg_id: msg.gatewayMessageId, tracking_id: msg.id, delivery_time: ts },
      timestamp: ts,
    };
    expect((await signed(delivered).expect(200)).body).toMatchObject({ outcome: 'APPLIED', deliveryStatus: 'DELIVERED' });
    expect((await signed(delivered).expect(200)).body).toMatchObject({ outcome: 'IGNORED', deliveryStatus: 'DELIVERED' });
    const [after] = await kit.messages<ReceiptMessage>(code);
    expect(after).toMatchObject({ deliveryStatus: 'DELIVERED', receipts: 4 });
  });

  it('refuses unsigned or wrongly signed events (401) and acknowledges other Zalo events without acting', async () => {
    const ts = String(Date.now());
    const body = { app_id: APP_ID, event_name: 'user_received_message', message: { msg_id: 'x', tracking_id: 'y' }, timestamp: ts };
    await kit.api().post(RECEIPTS).send(body).expect(401);
    const bad = await kit
      .api()
      .post(RECEIPTS)
      .set('content-type', 'application/json')
      .set('X-ZEvent-Signature', zaloEventSignature(APP_ID, JSON.stringify(body), ts, 'another-secret-key-0000'))
      .send(JSON.stringify(body))
      .expect(401);
    expect(bad.body.error.code).toBe('NOTIFICATION.RECEIPT_KEY_INVALID');
    const follow = await signed({ app_id: APP_ID, event_name: 'follow', follower: { id: '123' }, timestamp: ts }).expect(200);
    expect(follow.body).toEqual({ outcome: 'IGNORED', event: 'follow' });
    const unknown = await signed({ ...body, message: { msg_id: 'no-such-message' } }).expect(404);
    const notObject = await kit
      .api()
      .post(RECEIPTS)
      .set('content-type', 'application/json')
      .set('X-ZEvent-Signature', zaloEventSignature(APP_ID, '[1]', '', OA_SECRET))
      .send('[1]')
      .expect(400);
    expect(notObject.body.error.details).toEqual([expect.objectContaining({ field: 'body', rule: 'isJsonObject' })]);
    expect(unknown.body.error.code).toBe('NOTIFICATION.MESSAGE_NOT_FOUND');
  });
});
