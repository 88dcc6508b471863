import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import {
  DOSSIER_RECEIVED,
  DOSSIER_RESOLVED,
  DOSSIER_RESULT_RETURNED,
  POSTAL_DELIVERY_RETURNED,
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
