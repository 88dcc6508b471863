import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DOSSIER_RECEIVED, NOTIFICATION_DELIVERY_FAILED } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { RunningSmsGatewaySimulator } from '@motcua/sim-sms-gateway';
import { expectEventually, makeEnvelope } from '@motcua/testing';
import { ApiMessage, dossierCode, received } from './fixtures';
import { NotificationTestKit, startNotificationTestKit } from './notification-test-kit';

const RECEIPT_KEY = 'receipt-key-0123456789abcdef';
const RECEIPTS = '/api/notification/v1/receipts/sms';

interface ReceiptMessage extends ApiMessage {
  deliveryStatus: string | null;
  deliveryDetail: string | null;
  receipts: number;
}
interface FailedEvent {
  type: string;
  data: { messageId: string; kind: string; channel: string; template: string; dossierCode: string; error?: string };
}

describe('notification: delivery receipts and delivery-failed events', () => {
  let app: NestExpressApplication;
  let bus: InProcessBus;
  let sms: RunningSmsGatewaySimulator;
  let kit: NotificationTestKit;
  let receiptUrl: string;
  const failures: FailedEvent[] = [];

  beforeAll(async () => {
    kit = await startNotificationTestKit({
      database: 'notification_receipts',
      sms: { dlrDelayMs: 20, dlrRetryBaseMs: 20 },
      // stands in for reporting
      beforeBoot: async (spyBus) => {
        await spyBus.consume({ service: 'spy', bindings: [NOTIFICATION_DELIVERY_FAILED] }, async (raw) => {
          failures.push(raw as FailedEvent);
        });
      },
      config: { smsReceiptKey: RECEIPT_KEY, smsRetryBaseMs: 50, smsMaxAttempts: 2, dispatchPollMs: 200 },
    });
    ({ app, bus, sms } = kit);
    await app.listen(0, '127.0.0.1');
    receiptUrl = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}${RECEIPTS}?key=${RECEIPT_KEY}`;
  });

  afterAll(async () => {
    await kit?.close();
  });

  const api = () => request(app.getHttpServer());
  const messages = (code: string): Promise<ReceiptMessage[]> => kit.messages<ReceiptMessage>(code);
  /** A dossier whose received SMS was sent; the sim's own receipts are off. */
  const sentMessage = async (): Promise<{ code: string; msg: ReceiptMessage }> => {
    const code = dossierCode();
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(code))]);
    const msg = await expectEventually(async () => {
      const [m] = await messages(code);
      expect(m?.status).toBe('SENT');
      return m;
    });
    return { code, msg };
  };
  const post = (body: object, key = RECEIPT_KEY) =>
    api()
      .post(`${RECEIPTS}?key=${encodeURIComponent(key)}`)
      .send(body);

  it('the gateway simulator posts receipts (each twice): DELIVERED once, the duplicate only counted', async () => {
    sms.engine.configure({ dlrUrl: receiptUrl, duplicateReceiptRate: 1, failureRate: 0 });
    const code = dossierCode();
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(code))]);
    const [msg] = await expectEventually(async () => {
      const list = await messages(code);
      expect(list[0]?.deliveryStatus).toBe('DELIVERED');
      expect(list[0]?.receipts).toBe(2);
      return list;
    });
    expect(msg.deliveryDetail).toBe('DELIVERED');
    await sms.engine.whenReceiptsIdle();
    const attempts = sms.engine.receiptAttempts().filter((a) => a.messageId === msg.gatewayMessageId);
    expect(attempts.map((a) => [a.duplicate, a.httpStatus])).toEqual([
      [false, 200],
      [true, 200],
    ]);
    sms.engine.configure({ dlrUrl: '', duplicateReceiptRate: 0 });
  });

  it('a temporary failure may become DELIVERED; a late temporary failure or permanent failure never undoes it', async () => {
    const { code, msg } = await sentMessage();
    const base = { messageId: msg.gatewayMessageId!, clientRequestId: msg.id, doneAt: '2026-01-05T02:01:00.000Z' };
    const r1 = await post({ ...base, status: 'FAILED', errorCode: 'SUBSCRIBER_ABSENT' }).expect(200);
    expect(r1.body).toEqual({ messageId: msg.id, outcome: 'APPLIED', deliveryStatus: 'TEMPORARY_FAILURE' });
    // by the gateway's id alone (no clientRequestId)
    await post({ messageId: msg.gatewayMessageId!, status: 'DELIVRD', doneAt: '2026-01-05T02:05:00.000Z' }).expect(200);
    const late = await post({ ...base, status: 'FAILED', errorCode: 'HANDSET_MEMORY_FULL' }).expect(200);
    expect(late.body).toEqual({ messageId: msg.id, outcome: 'IGNORED', deliveryStatus: 'DELIVERED' });
    await post({ ...base, status: 'FAILED', errorCode: 'NUMBER_NOT_IN_SERVICE' }).expect(200);
    const [after] = await messages(code);
    expect(after).toMatchObject({ status: 'SENT', deliveryStatus: 'DELIVERED', deliveryDetail: 'DELIVRD', receipts: 4 });
    expect(failures.filter((f) => f.data.messageId === msg.id)).toEqual([]);
  });

  it('a permanent failure is recorded and published once as notification.delivery-failed, however often it comes', async () => {
    const { code, msg } = await sentMessage();
    const body = { messageId: msg.gatewayMessageId!, clientRequestId: msg.id, status: 'FAILED', errorCode: 'NUMBER_NOT_IN_SERVICE' };
    await post(body).expect(200);
    await post(body).expect(200);
    await expectEventually(async () => expect(failures.filter((f) => f.data.messageId === msg.id)).toHaveLength(1));
    const [event] = failures.filter((f) => f.data.messageId === msg.id);
    expect(event.data).toMatchObject({
      dossierCode: code,
      channel: 'SMS',
      template: 'DOSSIER_RECEIVED',
      kind: 'PERMANENT_FAILURE',
      error: 'FAILED/NUMBER_NOT_IN_SERVICE',
    });
    const [after] = await messages(code);
    expect(after).toMatchObject({ deliveryStatus: 'PERMANENT_FAILURE', receipts: 2 });
  });

  it('refuses receipts without the key, with an unknown status or for an unknown message; nothing changes', async () => {
    const { code, msg } = await sentMessage();
    const body = { messageId: msg.gatewayMessageId!, clientRequestId: msg.id, status: 'DELIVERED' };
    await api().post(RECEIPTS).send(body).expect(401);
    const wrong = await post(body, 'not-the-key-0123456789').expect(401);
    expect((wrong.body as { error: { code: string } }).error.code).toBe('NOTIFICATION.RECEIPT_KEY_INVALID');
    const bad = await post({ ...body, status: 'MAYBE' }).expect(400);
    expect((bad.body as { error: { details: Array<{ field: string; rule: string }> } }).error.details).toEqual([
      expect.objectContaining({ field: 'status', rule: 'knownStatus' }),
    ]);
    await post({ ...body, status: 'NOPE', messageId: undefined }).expect(400);
    await post({ messageId: 'SM-UNKNOWN', status: 'DELIVERED' }).expect(404);
    const [after] = await messages(code);
    expect(after).toMatchObject({ deliveryStatus: null, receipts: 0 });
  });

  it('a message that ends FAILED when sending is published as notification.delivery-failed (FAILED)', async () => {
    sms.engine.configure({ failNext: 2 });
    const code = dossierCode();
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(code))]);
    const msg = await expectEventually(async () => {
      const [m] = await messages(code);
      expect(m?.status).toBe('FAILED');
      return m;
    });
    await expectEventually(async () => expect(failures.filter((f) => f.data.messageId === msg.id)).toHaveLength(1));
    expect(failures.find((f) => f.data.messageId === msg.id)!.data).toMatchObject({ kind: 'FAILED', dossierCode: code });
  });
});
