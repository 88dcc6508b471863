import { DataSource } from 'typeorm';
import {
  DOSSIER_RECEIVED,
  NOTIFICATION_SENT,
  POSTAL_DELIVERY_ATTEMPT_FAILED,
  POSTAL_DELIVERY_OUT_FOR_DELIVERY,
  POSTAL_PICKUP_FAILED,
  POSTAL_PICKUP_SCHEDULED,
  PostalDeliveryAttemptFailedV1,
  PostalDeliveryOutForDeliveryV1,
  PostalPickupFailedV1,
  PostalPickupScheduledV1,
} from '@motcua/contracts';
import { issueToken } from '@motcua/auth';
import { expectEventually, makeEnvelope } from '@motcua/testing';
import { AGENCY, dossierCode, phone, received, SECRET } from './fixtures';
import { clerk, NotificationTestKit, PUBLIC_LOOKUP_URL, startNotificationTestKit } from './notification-test-kit';

interface SentEvent {
  type: string;
  data: { messageId: string; dossierCode?: string; template: string; channel: string };
}

let serial = 0;
const pickupScheduled = (number: string): PostalPickupScheduledV1 => {
  serial += 1;
  return {
    pickupId: `pickup-${Date.now()}-${serial}`,
    reference: `TG-260105-${String(serial).padStart(4, '0')}`,
    trackingNumber: `EB${String(100000000 + serial)}VN`,
    centreCode: AGENCY,
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    applicant: { fullName: 'Trần Văn Bình', phone: number },
    pickupAddress: {
      recipientName: 'Trần Văn Bình',
      phone: number,
      line: 'Số 5 Lê Lợi, phường Hạc Thành',
      communeCode: '14752',
      provinceCode: '38',
    },
    windowStart: '2026-01-05T01:00:00.000Z', // 08:00 local
    windowEnd: '2026-01-05T04:00:00.000Z', // 11:00 local
    scheduledAt: '2026-01-04T09:00:00.000Z',
  };
};
const pickupFailed = (s: PostalPickupScheduledV1, attempt: number, final: boolean): PostalPickupFailedV1 => ({
  pickupId: s.pickupId,
  reference: s.reference,
  centreCode: s.centreCode,
  procedureCode: s.procedureCode,
  procedureName: s.procedureName,
  applicant: s.applicant,
  reason: final ? 'Công dân không có đủ giấy tờ' : 'Không có người ở nhà',
  attempt,
  final,
  failedAt: attempt === 1 ? '2026-01-05T03:10:00.000Z' : '2026-01-06T03:10:00.000Z',
});
const outForDelivery = (code: string, attempt: number, amountToCollect?: number): PostalDeliveryOutForDeliveryV1 => ({
  dossierCode: code,
  orderId: 'order-1',
  trackingNumber: 'EL123456789VN',
  attempt,
  outForDeliveryAt: `2026-01-0${6 + attempt}T01:00:00.000Z`,
  ...(amountToCollect !== undefined ? { amountToCollect } : {}),
});
const attemptFailed = (code: string, attempt: number, willRetry: boolean): PostalDeliveryAttemptFailedV1 => ({
  dossierCode: code,
  orderId: 'order-1',
  trackingNumber: 'EL123456789VN',
  attempt,
  maxAttempts: 2,
  reason: 'Người nhận vắng nhà',
  willRetry,
  failedAt: `2026-01-0${6 + attempt}T04:00:00.000Z`,
});

describe('notification: postal pickup and delivery messages', () => {
  let kit: NotificationTestKit;
  const sent: SentEvent[] = [];

  beforeAll(async () => {
    kit = await startNotificationTestKit({
      database: 'notification_postal_events',
      beforeBoot: async (spyBus) => {
        await spyBus.consume({ service: 'spy', bindings: [NOTIFICATION_SENT] }, async (raw) => {
          sent.push(raw as SentEvent);
        });
      },
      config: { publicLookupUrl: PUBLIC_LOOKUP_URL, dispatchPollMs: 200 },
    });
  });

  afterAll(async () => {
    await kit?.close();
  });

  const db = () => kit.app.get(DataSource);
  const pickupMessages = (pickupId: string) =>
    db().query(
      `SELECT id, template, template_key, channel, recipient, status, text, message_key, dossier_code FROM message WHERE pickup_id = $1 ORDER BY created_at, template_key`,
      [pickupId],
    ) as Promise<
      Array<{
        id: string;
        template: string;
        template_key: string;
        channel: string;
        recipient: string;
        status: string;
        text: string;
        message_key: string;
        dossier_code: string | null;
      }>
    >;
  const onSms = (number: string) => kit.sms.engine.listMessages({ phone: number });

  it('pickup scheduled: the window in local time to the applicant’s phone, keyed by the pickup; a redelivery sends nothing more', async () => {
    const number = phone();
    const data = pickupScheduled(number);
    const event = makeEnvelope(POSTAL_PICKUP_SCHEDULED, data);
    await kit.bus.publish([event, event]);
    const [msg] = await expectEventually(async () => {
      const list = await pickupMessages(data.pickupId);
      expect(list).toHaveLength(1);
      expect(list[0].status).toBe('SENT');
      return list;
    });
    expect(msg).toMatchObject({
      template: 'PICKUP_SCHEDULED',
      channel: 'SMS',
      recipient: number,
      dossier_code: null,
      message_key: `pickup:${data.pickupId}/PICKUP_SCHEDULED`,
    });
    expect(msg.text).toBe(
      `Bưu điện sẽ đến nhận hồ sơ Đăng ký khai sinh (mã thu gom ${data.reference}) của Ông/Bà Trần Văn Bình ` +
        'từ 08:00 ngày 05/01/2026 đến 11:00 ngày 05/01/2026. Mời Ông/Bà chuẩn bị đầy đủ giấy tờ.',
    );
    expect(onSms(number)).toHaveLength(1);
    // notification.sent without a dossier code (the pickup has none yet)
    const published = await expectEventually(async () => {
      const e = sent.find((s) => s.data.messageId === msg.id);
      expect(e).toBeDefined();
      return e!;
    });
    expect(published.data.dossierCode).toBeUndefined();
    expect(published.data.template).toBe('PICKUP_SCHEDULED');

    // the centre's staff read the pickup's messages (masked phone); another centre's do not
    const list = await kit
      .api()
      .get(`/api/notification/v1/pickups/${data.pickupId}/messages`)
      .set('Authorization', `Bearer ${clerk}`)
      .expect(200);
    expect(list.body).toMatchObject({
      pickupId: data.pickupId,
      messages: [
        { id: msg.id, template: 'PICKUP_SCHEDULED', pickupId: data.pickupId, recipient: `*******${number.slice(-3)}`, status: 'SENT' },
      ],
    });
    const elsewhere = issueToken(SECRET, { sub: 'clerk-2', name: 'Cán bộ khác', roles: ['POSTAL_CLERK'], agencyCode: '000.00.07.H56' });
    await kit.api().get(`/api/notification/v1/pickups/${data.pickupId}/messages`).set('Authorization', `Bearer ${elsewhere}`).expect(404);
    await kit.api().get(`/api/notification/v1/pickups/no-such-pickup/messages`).set('Authorization', `Bearer ${clerk}`).expect(404);
  });

  it('pickup failed: the reason and what happens next, one message per failed attempt', async () => {
    const number = phone();
    const data = pickupScheduled(number);
    const first = makeEnvelope(POSTAL_PICKUP_FAILED, pickupFailed(data, 1, false));
    const last = makeEnvelope(POSTAL_PICKUP_FAILED, pickupFailed(data, 2, true));
    await kit.bus.publish([makeEnvelope(POSTAL_PICKUP_SCHEDULED, data), first, first]);
    await kit.bus.publish([last, first, last]);
    const list = await expectEventually(async () => {
      const l = await pickupMessages(data.pickupId);
      expect(l).toHaveLength(3);
      for (const m of l) expect(m.status).toBe('SENT');
      return l;
    });
    const retry = list.find((m) => m.template_key === 'PICKUP_FAILED_RETRY')!;
    const final = list.find((m) => m.template_key === 'PICKUP_FAILED_FINAL')!;
    expect(retry.message_key).toBe(`pickup:${data.pickupId}/PICKUP_FAILED/1`);
    expect(retry.text).toBe(
      `Bưu điện chưa nhận được hồ sơ Đăng ký khai sinh (mã thu gom ${data.reference}) lúc 10:10 ngày 05/01/2026. ` +
        'Lý do: Không có người ở nhà. Bưu điện sẽ liên hệ và đến nhận lại.',
    );
    expect(final.text).toContain('Lý do: Công dân không có đủ giấy tờ. Yêu cầu thu gom đã dừng; mời Ông/Bà nộp hồ sơ tại Bộ phận Một cửa');
    expect(onSms(number)).toHaveLength(3);
  });

  it('a pickup whose phone opted out gets nothing; one without a phone gets nothing', async () => {
    const number = phone();
    await kit
      .api()
      .put(`/api/notification/v1/preferences/${number}`)
      .set('Authorization', `Bearer ${clerk}`)
      .send({ optedOut: true })
      .expect(200);
    const optedOut = makeEnvelope(POSTAL_PICKUP_SCHEDULED, pickupScheduled(number));
    const noPhone = pickupScheduled(phone());
    delete noPhone.applicant.phone;
    const withoutPhone = makeEnvelope(POSTAL_PICKUP_SCHEDULED, noPhone);
    await kit.bus.publish([optedOut, withoutPhone]);
    await expectEventually(async () =>
      expect(await db().query(`SELECT 1 FROM inbox_message WHERE message_id IN ($1, $2)`, [optedOut.id, withoutPhone.id])).toHaveLength(2),
    );
    expect(await db().query(`SELECT 1 FROM message WHERE pickup_id IN ($1, $2)`, [optedOut.data.pickupId, noPhone.pickupId])).toHaveLength(
      0,
    );
  });

  it('out for delivery (with the amount to pay) and failed attempts: one message per attempt, in the citizen’s order, whatever the redeliveries', async () => {
    const code = dossierCode();
    const data = received(code, { resultDelivery: 'POST' });
    // an attempt that fails before the dossier is known waits for it
    const early = makeEnvelope(POSTAL_DELIVERY_OUT_FOR_DELIVERY, outForDelivery(code, 1, 35000));
    await kit.bus.publish([early]);
    await expectEventually(async () =>
      expect(await db().query(`SELECT 1 FROM inbox_message WHERE message_id = $1`, [early.id])).toHaveLength(1),
    );
    await kit.bus.publish([makeEnvelope(DOSSIER_RECEIVED, data)]);
    const failed1 = makeEnvelope(POSTAL_DELIVERY_ATTEMPT_FAILED, attemptFailed(code, 1, true));
    const out2 = makeEnvelope(POSTAL_DELIVERY_OUT_FOR_DELIVERY, outForDelivery(code, 2));
    const failed2 = makeEnvelope(POSTAL_DELIVERY_ATTEMPT_FAILED, attemptFailed(code, 2, false));
    await kit.bus.publish([failed1, early, out2, failed1]);
    await kit.bus.publish([failed2, out2, failed2]);
    const list = await expectEventually(async () => {
      const l = await kit.messages(code);
      expect(l).toHaveLength(5);
      for (const m of l) expect(m.status).toBe('SENT');
      return l;
    });
    const byKey = (k: string) => list.filter((m) => m.templateKey === k);
    expect(byKey('OUT_FOR_DELIVERY_COD')).toHaveLength(1);
    expect(byKey('OUT_FOR_DELIVERY')).toHaveLength(1);
    expect(byKey('DELIVERY_ATTEMPT_FAILED_RETRY')).toHaveLength(1);
    expect(byKey('DELIVERY_ATTEMPT_FAILED_FINAL')).toHaveLength(1);
    expect(byKey('OUT_FOR_DELIVERY_COD')[0].text).toBe(
      `Bưu tá đang phát kết quả hồ sơ ${code} (bưu gửi EL123456789VN) đến Ông/Bà. Số tiền cần thanh toán khi nhận: 35.000 đồng. ` +
        `Tra cứu: ${PUBLIC_LOOKUP_URL}/${code}`,
    );
    expect(byKey('OUT_FOR_DELIVERY')[0].text).not.toContain('thanh toán');
    expect(byKey('DELIVERY_ATTEMPT_FAILED_RETRY')[0].text).toContain(
      'không thành công (lần 1/2). Lý do: Người nhận vắng nhà. Bưu tá sẽ phát lại.',
    );
    expect(byKey('DELIVERY_ATTEMPT_FAILED_FINAL')[0].text).toContain(
      'không thành công (lần 2/2). Lý do: Người nhận vắng nhà. Bưu điện không phát lại; kết quả sẽ được chuyển về Bộ phận Một cửa.',
    );
    expect(onSms(data.applicant.phone!)).toHaveLength(5);
  });
});
