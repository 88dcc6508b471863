import { randomUUID } from 'crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { issueToken } from '@motcua/auth';
import {
  DOSSIER_RECEIVED,
  DOSSIER_RESOLVED,
  DOSSIER_RESULT_RETURNED,
  DossierReceivedV1,
  DossierResolvedV1,
  DossierResultReturnedV1,
  NOTIFICATION_SENT,
} from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { RunningSmsGatewaySimulator } from '@motcua/sim-sms-gateway';
import { expectEventually, makeEnvelope } from '@motcua/testing';
import { NotificationTestKit, PUBLIC_LOOKUP_URL, startNotificationTestKit } from './notification-test-kit';

const SECRET = 'notification-test-secret';
const AGENCY = '000.00.06.H56';
const OTHER_AGENCY = '000.00.07.H56';
const clerk = issueToken(SECRET, { sub: 'clerk-1', name: 'Cán bộ một cửa', roles: ['COUNTER_CLERK'], agencyCode: AGENCY });
const outsider = issueToken(SECRET, { sub: 'clerk-2', name: 'Cán bộ khác', roles: ['COUNTER_CLERK'], agencyCode: OTHER_AGENCY });
const postman = issueToken(SECRET, { sub: 'postman-1', name: 'Bưu tá', roles: ['POSTMAN'], agencyCode: AGENCY });

let serial = 0;
/** A fresh dossier code of the given agency (unique per test run). */
function dossierCode(agency = AGENCY, day = '260105'): string {
  serial += 1;
  return `${agency}-${day}-${String(1000 + serial + Math.floor(Math.random() * 8000)).padStart(4, '0')}${serial}`;
}

interface SimMessage {
  messageId: string;
  clientRequestId: string;
  phone: string;
  message: string;
  brandname: string;
}
interface ApiMessage {
  id: string;
  template: string;
  channel: string;
  status: string;
  text: string;
  recipient: string;
  attempts: number;
  gatewayMessageId: string | null;
  sentAt: string | null;
}

function received(code: string, over: Partial<DossierReceivedV1> = {}): DossierReceivedV1 {
  return {
    dossierCode: code,
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    receivingAgencyCode: AGENCY,
    competentAgencyCode: AGENCY,
    channel: 'COUNTER',
    receivedAt: '2026-01-05T02:00:00.000Z',
    appointmentAt: '2026-01-06T02:00:00.000Z', // 09:00 ngày 06/01/2026 local
    resultDelivery: 'COUNTER',
    applicant: { fullName: 'Nguyễn Thị Hòa', phone: `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` },
    ...over,
  };
}
const resolved = (code: string): DossierResolvedV1 => ({
  dossierCode: code,
  resolvingAgencyCode: AGENCY,
  resolvedAt: '2026-01-05T08:00:00.000Z',
  appointmentAt: '2026-01-06T02:00:00.000Z',
  timeliness: 'EARLY',
  resultSummary: 'Đã cấp giấy khai sinh',
});
const returned = (code: string, method: 'POST' | 'COUNTER'): DossierResultReturnedV1 => ({
  dossierCode: code,
  returnedAt: '2026-01-07T03:30:00.000Z',
  method,
});

describe('notification service', () => {
  let app: NestExpressApplication;
  let bus: InProcessBus;
  let sms: RunningSmsGatewaySimulator;
  let kit: NotificationTestKit;
  const published: Array<{ type: string; data: { messageId?: string; template?: string; dossierCode?: string } }> = [];

  beforeAll(async () => {
    kit = await startNotificationTestKit({
      database: 'notification',
      // a spy consumer standing in for reporting: sees what notification publishes
      beforeBoot: async (spyBus) => {
        await spyBus.consume({ service: 'spy', bindings: [NOTIFICATION_SENT] }, async (raw) => {
          published.push(raw as (typeof published)[number]);
        });
      },
      config: { publicLookupUrl: PUBLIC_LOOKUP_URL, smsRetryBaseMs: 50, smsMaxAttempts: 4, dispatchPollMs: 200 },
    });
    ({ app, bus, sms } = kit);
  });

  afterAll(async () => {
    await kit?.close();
  });

  const simMessages = async (phone: string): Promise<SimMessage[]> => {
    const res = await request(sms.url).get('/__sim/messages').query({ phone }).expect(200);
    return (res.body as { items: SimMessage[] }).items;
  };
  const apiMessages = (code: string, token = clerk): Promise<ApiMessage[]> => kit.messages<ApiMessage>(code, token);
  /** Waits until the service has handled (committed) the event with this id. */
  const handled = (eventId: string) =>
    expectEventually(async () =>
      expect(await app.get(DataSource).query(`SELECT 1 FROM inbox_message WHERE message_id = $1`, [eventId])).toHaveLength(1),
    );
  const allSent = async (code: string, count: number): Promise<ApiMessage[]> =>
    expectEventually(async () => {
      const list = await apiMessages(code);
      expect(list).toHaveLength(count);
      for (const m of list) expect(m.status).toBe('SENT');
      return list;
    });

  it('sends the "received" SMS once in Vietnamese, even when the same event is delivered twice', async () => {
    const code = dossierCode();
    const data = received(code);
    const event = makeEnvelope(DOSSIER_RECEIVED, data);
    await bus.publish([event]);
    await bus.publish([event]); // redelivery of the same message
    const [msg] = await allSent(code, 1);
    expect(msg).toMatchObject({ template: 'DOSSIER_RECEIVED', channel: 'SMS', attempts: 1 });
    expect(msg.recipient).toBe(`*******${data.applicant.phone!.slice(-3)}`);
    expect(msg.text).toBe(
      `Hồ sơ ${code} (Đăng ký khai sinh) của Ông/Bà Nguyễn Thị Hòa đã được tiếp nhận. Hẹn trả kết quả: 09:00 ngày 06/01/2026. ` +
        `Tra cứu: https://dichvucong.example.vn/tra-cuu/${code}`,
    );
    const onGateway = await simMessages(data.applicant.phone!);
    expect(onGateway).toHaveLength(1);
    expect(onGateway[0]).toMatchObject({
      clientRequestId: msg.id,
      brandname: 'MOTCUA',
      message: msg.text,
      messageId: msg.gatewayMessageId,
    });
    await expectEventually(() => expect(published.filter((e) => e.data.messageId === msg.id)).toHaveLength(1));
    expect(published.find((e) => e.data.messageId === msg.id)).toMatchObject({
      type: NOTIFICATION_SENT,
      data: { dossierCode: code, template: 'DOSSIER_RECEIVED' },
    });
  });

  it('sends one "result ready" SMS when two distinct events announce the same result (post: delivered by the post)', async () => {
    const code = dossierCode();
    const data = received(code, { resultDelivery: 'POST' });
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, data)]);
    await allSent(code, 1);
    await bus.publish([makeEnvelope(DOSSIER_RESOLVED, resolved(code)), makeEnvelope(DOSSIER_RESOLVED, resolved(code))]);
    const list = await allSent(code, 2);
    const ready = list.find((m) => m.template === 'RESULT_READY')!;
    expect(ready.text).toContain('Kết quả sẽ được Bưu điện chuyển phát đến địa chỉ Ông/Bà đã đăng ký');
    // a return at the counter says nothing; a return by the post says "delivered"
    await bus.publish([
      makeEnvelope(DOSSIER_RESULT_RETURNED, returned(code, 'POST')),
      makeEnvelope(DOSSIER_RESULT_RETURNED, returned(code, 'POST')),
    ]);
    const all = await allSent(code, 3);
    expect(all.find((m) => m.template === 'RESULT_DELIVERED')!.text).toContain('Bưu điện đã phát kết quả hồ sơ');
    expect(all.find((m) => m.template === 'RESULT_DELIVERED')!.text).toContain('10:30 ngày 07/01/2026');
    expect(await simMessages(data.applicant.phone!)).toHaveLength(3);
  });

  it('tells a counter citizen where to collect the result; nothing for a counter return', async () => {
    const code = dossierCode();
    const data = received(code);
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, data)]);
    await allSent(code, 1);
    await bus.publish([makeEnvelope(DOSSIER_RESOLVED, resolved(code))]);
    const list = await allSent(code, 2);
    expect(list.find((m) => m.template === 'RESULT_READY')!.text).toContain('đến Bộ phận Một cửa nơi đã nộp hồ sơ để nhận kết quả');
    const marker = makeEnvelope(DOSSIER_RESULT_RETURNED, returned(code, 'COUNTER'));
    await bus.publish([marker]);
    await handled(marker.id);
    expect(await apiMessages(code)).toHaveLength(2);
  });

  it('tolerates a result that arrives before the dossier: once the dossier is known, announces both, in order', async () => {
    const code = dossierCode();
    const data = received(code);
    const early = makeEnvelope(DOSSIER_RESOLVED, resolved(code));
    await bus.publish([early]);
    await handled(early.id); // accepted (not retried): the fact is stored, nobody to tell yet
    const admin = issueToken(SECRET, { sub: 'admin', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' });
    expect(await apiMessages(code, admin)).toEqual([]);
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, data)]);
    const list = await allSent(code, 2);
    expect(list.map((m) => m.template)).toEqual(['DOSSIER_RECEIVED', 'RESULT_READY']);
    const onGateway = await simMessages(data.applicant.phone!);
    expect(onGateway).toHaveLength(2);
    expect(onGateway[0].message).toContain('đã được tiếp nhận');
  });

  it('retries while the gateway fails, then sends exactly once (also when the answer of a send is lost)', async () => {
    await request(sms.url).post('/__sim/config').send({ failNext: 2, failNextAfterSend: 1 }).expect(200);
    const code = dossierCode();
    const data = received(code);
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, data)]);
    const [msg] = await allSent(code, 1);
    expect(msg.attempts).toBe(4); // 503, 503, sent-but-503, replayed 200
    const onGateway = await simMessages(data.applicant.phone!);
    expect(onGateway).toHaveLength(1);
    expect(onGateway[0].messageId).toBe(msg.gatewayMessageId);
    await expectEventually(() => expect(published.filter((e) => e.data.messageId === msg.id)).toHaveLength(1));
  });

  it('marks a message FAILED after the last attempt', async () => {
    await request(sms.url).post('/__sim/config').send({ failNext: 4 }).expect(200);
    const code = dossierCode();
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(code))]);
    const [msg] = await expectEventually(async () => {
      const list = await apiMessages(code);
      expect(list[0]?.status).toBe('FAILED');
      return list;
    });
    expect(msg.attempts).toBe(4);
    expect(published.filter((e) => e.data.messageId === msg.id)).toHaveLength(0);
  });

  it('sends nothing to a citizen without a phone', async () => {
    const code = dossierCode();
    const data = received(code, { applicant: { fullName: 'Trần Văn Ba' } });
    const event = makeEnvelope(DOSSIER_RECEIVED, data);
    await bus.publish([event]);
    await expectEventually(async () => {
      const res = await request(app.getHttpServer())
        .get(`/api/notification/v1/dossiers/${code}/messages`)
        .set('Authorization', `Bearer ${clerk}`)
        .expect(200);
      expect(res.body).toEqual({ dossierCode: code, messages: [] });
    });
  });

  it('dead-letters an event that violates its contract', async () => {
    const bad = makeEnvelope(DOSSIER_RECEIVED, { ...received(dossierCode()), dossierCode: 'not-a-code' });
    await bus.publish([bad]);
    await bus.publishRaw(DOSSIER_RESOLVED, '{not json');
    await expectEventually(async () => {
      const letters = await bus.peekDeadLetters('notification');
      expect(letters.some((l) => (l.envelope as { id?: string }).id === bad.id && /dossierCode/.test(l.reason))).toBe(true);
      expect(letters.some((l) => l.envelope === '{not json')).toBe(true);
    });
  });

  it('shows messages only to staff of the dossier’s agencies', async () => {
    const code = dossierCode();
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(code))]);
    await allSent(code, 1);
    const server = app.getHttpServer();
    await request(server).get(`/api/notification/v1/dossiers/${code}/messages`).set('Authorization', `Bearer ${outsider}`).expect(404);
    await request(server).get(`/api/notification/v1/dossiers/${code}/messages`).set('Authorization', `Bearer ${postman}`).expect(403);
    await request(server).get(`/api/notification/v1/dossiers/${code}/messages`).expect(401);
    await request(server).get(`/api/notification/v1/dossiers/${randomUUID()}/messages`).set('Authorization', `Bearer ${clerk}`).expect(404);
  });
});
