import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import {
  DOSSIER_RECEIVED,
  DOSSIER_RESOLVED,
  DOSSIER_RESULT_RETURNED,
  POSTAL_DELIVERY_CANCELLED,
  POSTAL_DELIVERY_RETURNED,
  PostalDeliveryCancelledV1,
  PostalDeliveryReturnedV1,
  PROCESSING_EXTENDED,
  PROCESSING_REFUSED,
  PROCESSING_STEP_STARTED,
  PROCESSING_STOPPED,
  PROCESSING_SUPPLEMENT_REQUESTED,
  ProcessingExtendedV1,
  ProcessingSupplementRequestedV1,
} from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { RunningSmsGatewaySimulator } from '@motcua/sim-sms-gateway';
import { expectEventually, makeEnvelope } from '@motcua/testing';
import { AGENCY, ApiMessage, dossierCode, received, resolved } from './fixtures';
import { NotificationTestKit, PUBLIC_LOOKUP_URL, startNotificationTestKit } from './notification-test-kit';

const supplement = (code: string, n = 1): ProcessingSupplementRequestedV1 => ({
  dossierCode: code,
  stepId: 'step-1',
  agencyCode: AGENCY,
  requestedBy: 'Chuyên viên A',
  requestedAt: '2026-01-05T07:00:00.000Z',
  reason: n === 1 ? 'Thiếu giấy chứng sinh bản chính' : 'Lần hai',
  items: n === 1 ? ['Giấy chứng sinh (bản chính)', 'CCCD của cha'] : ['Khác'],
  supplementNumber: n,
});
const extended = (code: string, n = 1): ProcessingExtendedV1 => ({
  dossierCode: code,
  extensionId: `ext-${n}`,
  stepId: 'step-1',
  agencyCode: AGENCY,
  requestedBy: 'Chuyên viên A',
  requestedAt: n === 1 ? '2026-01-05T08:00:00.000Z' : '2026-01-08T08:00:00.000Z',
  previousAppointmentAt: n === 1 ? '2026-01-06T02:00:00.000Z' : '2026-01-09T02:00:00.000Z',
  newAppointmentAt: n === 1 ? '2026-01-09T02:00:00.000Z' : '2026-01-13T02:00:00.000Z',
  reason: n === 1 ? 'Cần xác minh thêm tại địa phương' : 'Chờ ý kiến cơ quan phối hợp',
});
const returnedToCentre = (code: string): PostalDeliveryReturnedV1 => ({
  dossierCode: code,
  orderId: 'order-1',
  trackingNumber: 'EL123456789VN',
  centreCode: AGENCY,
  returnedAt: '2026-01-09T03:00:00.000Z',
  failedAttempts: 2,
  lastFailureReason: 'Không liên lạc được người nhận',
});

const cancelled = (code: string, cause: PostalDeliveryCancelledV1['cause'] = 'CANCELLED'): PostalDeliveryCancelledV1 => ({
  dossierCode: code,
  cause,
  ...(cause === 'CANCELLED' ? { orderId: 'order-1', trackingNumber: 'EL123456789VN' } : {}),
  centreCode: AGENCY,
  reason: cause === 'CANCELLED' ? 'Công dân đề nghị nhận kết quả trực tiếp' : 'Thủ tục không cho phép trả kết quả qua dịch vụ bưu chính',
  cancelledAt: '2026-01-07T02:00:00.000Z',
});

describe('notification: citizen events beyond received / ready / delivered', () => {
  let app: NestExpressApplication;
  let bus: InProcessBus;
  let sms: RunningSmsGatewaySimulator;
  let kit: NotificationTestKit;

  beforeAll(async () => {
    kit = await startNotificationTestKit({
      database: 'notification_citizen_events',
      config: { publicLookupUrl: PUBLIC_LOOKUP_URL, dispatchPollMs: 200 },
    });
    ({ app, bus, sms } = kit);
  });

  afterAll(async () => {
    await kit?.close();
  });

  const apiMessages = (code: string): Promise<ApiMessage[]> => kit.messages(code);
  const allSent = (code: string, templates: string[]): Promise<ApiMessage[]> =>
    expectEventually(async () => {
      const list = await apiMessages(code);
      expect(list.map((m) => m.template).sort()).toEqual([...templates].sort());
      for (const m of list) expect(m.status).toBe('SENT');
      return list;
    });
  const handled = (eventId: string) =>
    expectEventually(async () =>
      expect(await app.get(DataSource).query(`SELECT 1 FROM inbox_message WHERE message_id = $1`, [eventId])).toHaveLength(1),
    );

  it('supplement requested: what is missing and why; each request once (a redelivery adds nothing, a second request its own message)', async () => {
    const code = dossierCode();
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(code))]);
    const first = makeEnvelope(PROCESSING_SUPPLEMENT_REQUESTED, supplement(code));
    await bus.publish([first, first]);
    await allSent(code, ['DOSSIER_RECEIVED', 'SUPPLEMENT_REQUESTED']);
    const second = makeEnvelope(PROCESSING_SUPPLEMENT_REQUESTED, supplement(code, 2));
    // the same request again as another event (a republish): same step and number, nothing new
    const republished = makeEnvelope(PROCESSING_SUPPLEMENT_REQUESTED, supplement(code, 2));
    await bus.publish([second, second, republished]);
    await handled(republished.id);
    const list = await allSent(code, ['DOSSIER_RECEIVED', 'SUPPLEMENT_REQUESTED', 'SUPPLEMENT_REQUESTED']);
    const [msg, again] = list.filter((m) => m.template === 'SUPPLEMENT_REQUESTED');
    expect(msg.text).toBe(
      `Hồ sơ ${code} cần bổ sung: Giấy chứng sinh (bản chính); CCCD của cha. Lý do: Thiếu giấy chứng sinh bản chính. ` +
        `Mời Ông/Bà bổ sung tại Bộ phận Một cửa để tiếp tục giải quyết. Tra cứu: https://dichvucong.example.vn/tra-cuu/${code}`,
    );
    expect(msg.text).toBe(msg.text.normalize('NFC'));
    expect(again.text).toContain('cần bổ sung: Khác. Lý do: Lần hai.');
    expect(sms.engine.listMessages({ clientRequestId: msg.id })).toHaveLength(1);
    expect(sms.engine.listMessages({ clientRequestId: again.id })).toHaveLength(1);
    expect(sms.engine.listMessages().filter((m) => m.message.includes(code) && m.message.includes('cần bổ sung'))).toHaveLength(2);
  });

  it('refused and stopped: the reason, each once', async () => {
    const code = dossierCode();
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(code))]);
    const refusal = makeEnvelope(PROCESSING_REFUSED, {
      dossierCode: code,
      stepId: 'step-1',
      agencyCode: AGENCY,
      refusedBy: 'Lãnh đạo B',
      refusedAt: '2026-01-05T09:00:00.000Z',
      reason: 'Hồ sơ không thuộc thẩm quyền giải quyết',
    });
    await bus.publish([refusal, refusal]);
    const list = await allSent(code, ['DOSSIER_RECEIVED', 'REFUSED']);
    expect(list.find((m) => m.template === 'REFUSED')!.text).toContain(
      'không được giải quyết. Lý do: Hồ sơ không thuộc thẩm quyền giải quyết.',
    );

    const other = dossierCode();
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(other))]);
    await bus.publish([
      makeEnvelope(PROCESSING_STOPPED, {
        dossierCode: other,
        stepId: 'step-1',
        agencyCode: AGENCY,
        stoppedBy: 'Lãnh đạo B',
        stoppedAt: '2026-01-05T09:00:00.000Z',
        reason: 'Công dân đề nghị dừng giải quyết',
      }),
    ]);
    const stopped = await allSent(other, ['DOSSIER_RECEIVED', 'STOPPED']);
    expect(stopped.find((m) => m.template === 'STOPPED')!.text).toContain('đã dừng xử lý. Lý do: Công dân đề nghị dừng giải quyết.');
  });

  it('extended: the apology with the new appointment in local time; each extension once, even one that came before the dossier', async () => {
    const code = dossierCode();
    const second = makeEnvelope(PROCESSING_EXTENDED, extended(code, 2));
    await bus.publish([second]);
    await handled(second.id);
    expect(await app.get(DataSource).query(`SELECT 1 FROM message WHERE dossier_code = $1`, [code])).toHaveLength(0);
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(code))]);
    const first = makeEnvelope(PROCESSING_EXTENDED, extended(code));
    await bus.publish([first, second, first]);
    const list = await allSent(code, ['DOSSIER_RECEIVED', 'EXTENDED', 'EXTENDED']);
    const texts = list.filter((m) => m.template === 'EXTENDED').map((m) => m.text);
    expect(texts).toContain(
      `Xin lỗi Ông/Bà: hồ sơ ${code} chưa thể trả kết quả đúng hẹn. Lý do: Cần xác minh thêm tại địa phương. ` +
        `Hẹn lại: 09:00 ngày 09/01/2026. Tra cứu: https://dichvucong.example.vn/tra-cuu/${code}`,
    );
    expect(texts.find((t) => t.includes('Chờ ý kiến cơ quan phối hợp'))).toContain('Hẹn lại: 09:00 ngày 13/01/2026.');
    expect(sms.engine.listMessages().filter((m) => m.message.includes(code) && m.message.startsWith('Xin lỗi'))).toHaveLength(2);
  });

  it('a result the post brought back: held at the counter, told once; an early event waits for the dossier', async () => {
    const code = dossierCode();
    const early = makeEnvelope(POSTAL_DELIVERY_RETURNED, returnedToCentre(code));
    await bus.publish([early]);
    await handled(early.id);
    expect(await app.get(DataSource).query(`SELECT 1 FROM message WHERE dossier_code = $1`, [code])).toHaveLength(0);
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(code, { resultDelivery: 'POST' }))]);
    await bus.publish([makeEnvelope(DOSSIER_RESOLVED, resolved(code)), early]);
    const list = await allSent(code, ['DOSSIER_RECEIVED', 'RESULT_READY', 'RESULT_HELD_AT_COUNTER']);
    expect(list.find((m) => m.template === 'RESULT_HELD_AT_COUNTER')!.text).toContain(
      'kết quả đã được chuyển về Bộ phận Một cửa lúc 10:00 ngày 09/01/2026',
    );
  });

  it('a delivery cancelled: held at the counter with the reason, told once (redelivery and a republished copy add nothing)', async () => {
    const code = dossierCode();
    const data = received(code, { resultDelivery: 'POST' });
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, data), makeEnvelope(DOSSIER_RESOLVED, resolved(code))]);
    await allSent(code, ['DOSSIER_RECEIVED', 'RESULT_READY']);
    const first = makeEnvelope(POSTAL_DELIVERY_CANCELLED, cancelled(code));
    const republished = makeEnvelope(POSTAL_DELIVERY_CANCELLED, cancelled(code));
    await bus.publish([first, first, republished]);
    await handled(republished.id);
    const list = await allSent(code, ['DOSSIER_RECEIVED', 'RESULT_READY', 'RESULT_HELD_AT_COUNTER']);
    const held = list.find((m) => m.template === 'RESULT_HELD_AT_COUNTER')!;
    expect(held.templateKey).toBe('RESULT_HELD_AT_COUNTER_NOT_BY_POST');
    expect(held.text).toBe(
      `Kết quả hồ sơ ${code} sẽ không được chuyển phát qua Bưu điện. Lý do: Công dân đề nghị nhận kết quả trực tiếp. ` +
        `Mời Ông/Bà mang Giấy tiếp nhận đến Bộ phận Một cửa để nhận kết quả. Tra cứu: https://dichvucong.example.vn/tra-cuu/${code}`,
    );
    expect(
      sms.engine.listMessages({ phone: data.applicant.phone! }).filter((m) => m.message.includes('không được chuyển phát')),
    ).toHaveLength(1);
  });

  it('cancelled then returned by the post (and the reverse): one held-at-counter message, in the words of the first', async () => {
    const code = dossierCode();
    // the post may not carry it: told before the dossier is known, waits for it
    const early = makeEnvelope(POSTAL_DELIVERY_CANCELLED, cancelled(code, 'POST_MAY_NOT_CARRY_RESULT'));
    await bus.publish([early]);
    await handled(early.id);
    await bus.publish([
      makeEnvelope(DOSSIER_RECEIVED, received(code, { resultDelivery: 'POST' })),
      makeEnvelope(DOSSIER_RESOLVED, resolved(code)),
    ]);
    const returned = makeEnvelope(POSTAL_DELIVERY_RETURNED, returnedToCentre(code));
    await bus.publish([returned, returned]);
    await handled(returned.id);
    const list = await allSent(code, ['DOSSIER_RECEIVED', 'RESULT_READY', 'RESULT_HELD_AT_COUNTER']);
    expect(list.find((m) => m.template === 'RESULT_HELD_AT_COUNTER')!.text).toContain(
      'sẽ không được chuyển phát qua Bưu điện. Lý do: Thủ tục không cho phép trả kết quả qua dịch vụ bưu chính.',
    );

    const other = dossierCode();
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(other, { resultDelivery: 'POST' }))]);
    const back = makeEnvelope(POSTAL_DELIVERY_RETURNED, returnedToCentre(other));
    await bus.publish([back]);
    await handled(back.id);
    const late = makeEnvelope(POSTAL_DELIVERY_CANCELLED, cancelled(other));
    await bus.publish([late]);
    await handled(late.id);
    const held = await allSent(other, ['DOSSIER_RECEIVED', 'RESULT_HELD_AT_COUNTER']);
    expect(held.find((m) => m.template === 'RESULT_HELD_AT_COUNTER')!.templateKey).toBe('RESULT_HELD_AT_COUNTER');
  });

  it('the e2e flow gets exactly received, result ready and delivered: nothing for steps, deliveries created or counter returns', async () => {
    const code = dossierCode();
    const data = received(code, { resultDelivery: 'POST' });
    const step = makeEnvelope(PROCESSING_STEP_STARTED, {
      dossierCode: code,
      stepId: 'step-1',
      stepName: 'Thẩm định',
      agencyCode: AGENCY,
      startedAt: '2026-01-05T02:05:00.000Z',
      dueAt: '2026-01-05T09:00:00.000Z',
    });
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, data), step]);
    await bus.publish([makeEnvelope(DOSSIER_RESOLVED, resolved(code))]);
    const delivered = makeEnvelope(DOSSIER_RESULT_RETURNED, {
      dossierCode: code,
      returnedAt: '2026-01-07T03:30:00.000Z',
      method: 'POST',
    });
    await bus.publish([delivered]);
    const list = await allSent(code, ['DOSSIER_RECEIVED', 'RESULT_READY', 'RESULT_DELIVERED']);
    for (const m of list) expect(m.channel).toBe('SMS');
    expect(sms.engine.listMessages({ phone: data.applicant.phone! })).toHaveLength(3);
  });
});
