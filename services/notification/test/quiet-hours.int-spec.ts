import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DOSSIER_RECEIVED, DOSSIER_RESOLVED } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { RunningSmsGatewaySimulator } from '@motcua/sim-sms-gateway';
import { expectEventually, makeEnvelope } from '@motcua/testing';
import { ApiMessage, dossierCode, phone, received, resolved } from './fixtures';
import { admin, clerk, NotificationTestKit, PUBLIC_LOOKUP_URL, startNotificationTestKit } from './notification-test-kit';

/** `HH:MM:SS` of an instant in Asia/Ho_Chi_Minh. */
function vnClock(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(11, 19);
}

/**
 * Quiet hours that started ten minutes ago and end a few seconds after start-up (local time), and a
 * provider that requires GSM-7 (SMS without diacritics).
 */
describe('notification quiet hours and GSM-7 SMS', () => {
  let app: NestExpressApplication;
  let bus: InProcessBus;
  let sms: RunningSmsGatewaySimulator;
  let kit: NotificationTestKit;
  let quietEnd: Date;

  beforeAll(async () => {
    kit = await startNotificationTestKit({
      database: 'notification_quiet',
      config: () => {
        const now = Date.now();
        quietEnd = new Date(Math.ceil((now + 6_000) / 1000) * 1000);
        return {
          publicLookupUrl: PUBLIC_LOOKUP_URL,
          smsStripDiacritics: true,
          quietHours: `${vnClock(new Date(now - 600_000))}-${vnClock(quietEnd)}`,
          dispatchPollMs: 200,
        };
      },
    });
    ({ app, bus, sms } = kit);
  });

  afterAll(async () => {
    await kit?.close();
  });

  const list = async (code: string): Promise<ApiMessage[]> =>
    (
      (
        await request(app.getHttpServer())
          .get(`/api/notification/v1/dossiers/${code}/messages`)
          .set('Authorization', `Bearer ${clerk}`)
          .expect(200)
      ).body as { messages: ApiMessage[] }
    ).messages;
  const onSms = async (number: string) =>
    ((await request(sms.url).get('/__sim/messages').query({ phone: number }).expect(200)).body as { items: Array<{ message: string }> })
      .items;

  it('holds messages during quiet hours and sends them when the hours end; an urgent template goes at once', async () => {
    // RESULT_READY for counter returns becomes urgent (version 2)
    await request(app.getHttpServer())
      .post('/api/notification/v1/templates/RESULT_READY_COUNTER/SMS/versions')
      .set('Authorization', `Bearer ${admin}`)
      .send({ body: 'Hồ sơ {code} đã có kết quả, mời Ông/Bà đến nhận. Tra cứu: {lookupLink}', urgent: true })
      .expect(201);
    const number = phone();
    const code = dossierCode();
    await bus.publish([
      makeEnvelope(DOSSIER_RECEIVED, received(code, { applicant: { fullName: 'Đỗ Thị Hường', phone: number } })),
      makeEnvelope(DOSSIER_RESOLVED, resolved(code)),
    ]);
    const early = await expectEventually(async () => {
      const l = await list(code);
      expect(l.find((m) => m.template === 'RESULT_READY')?.status).toBe('SENT');
      return l;
    });
    expect(Date.now()).toBeLessThan(quietEnd.getTime());
    const held = early.find((m) => m.template === 'DOSSIER_RECEIVED')!;
    expect(held).toMatchObject({ status: 'PENDING', attempts: 0, urgent: false });
    expect(early.find((m) => m.template === 'RESULT_READY')).toMatchObject({ urgent: true, templateVersion: 2 });
    expect(new Date(held.nextAttemptAt!).getTime()).toBe(quietEnd.getTime());
    expect(await onSms(number)).toHaveLength(1);

    const after = await expectEventually(async () => {
      const l = await list(code);
      expect(l.every((m) => m.status === 'SENT')).toBe(true);
      return l;
    }, 12_000);
    expect(Date.now()).toBeGreaterThanOrEqual(quietEnd.getTime());
    const texts = (await onSms(number)).map((s) => s.message);
    expect(texts).toHaveLength(2);
    // GSM-7 only: Vietnamese without diacritics, đ → d
    const rec = after.find((m) => m.template === 'DOSSIER_RECEIVED')!;
    expect(rec.text).toBe(
      `Ho so ${code} (Dang ky khai sinh) cua Ong/Ba Do Thi Huong da duoc tiep nhan. Hen tra ket qua: 09:00 ngay 06/01/2026. ` +
        `Tra cuu: https://dichvucong.example.vn/tra-cuu/${code}`,
    );
    expect(rec).toMatchObject({ encoding: 'GSM7', segments: 2 });
    expect(after.find((m) => m.template === 'RESULT_READY')).toMatchObject({
      encoding: 'GSM7',
      segments: 1,
      text: `Ho so ${code} da co ket qua, moi Ong/Ba den nhan. Tra cuu: https://dichvucong.example.vn/tra-cuu/${code}`,
    });
    expect(texts).toContain(rec.text);
  });
});
