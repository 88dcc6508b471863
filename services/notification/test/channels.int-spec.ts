import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { issueToken } from '@motcua/auth';
import { DOSSIER_RECEIVED, DOSSIER_RESOLVED } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { RunningSmsGatewaySimulator } from '@motcua/sim-sms-gateway';
import { RunningZaloZnsSimulator, ZnsMessage } from '@motcua/sim-zalo-zns';
import { expectEventually, makeEnvelope } from '@motcua/testing';
import { AGENCY, ApiMessage, dossierCode, phone, received, resolved, SECRET } from './fixtures';
import { clerk, NotificationTestKit, PUBLIC_LOOKUP_URL, startNotificationTestKit } from './notification-test-kit';
import { SmtpSink } from './smtp-sink';

const specialist = issueToken(SECRET, { sub: 'spec-1', name: 'Chuyên viên', roles: ['SPECIALIST'], agencyCode: AGENCY });

describe('notification channels: Zalo ZNS with SMS fallback, e-mail over SMTP, preferences', () => {
  let app: NestExpressApplication;
  let bus: InProcessBus;
  let sms: RunningSmsGatewaySimulator;
  let zalo: RunningZaloZnsSimulator;
  let smtp: SmtpSink;
  let kit: NotificationTestKit;

  beforeAll(async () => {
    kit = await startNotificationTestKit({
      database: 'notification_channels',
      zalo: true,
      smtp: true,
      config: {
        emailFrom: 'Bộ phận Một cửa Thanh Hóa <motcua@thanhhoa.gov.vn>',
        publicLookupUrl: PUBLIC_LOOKUP_URL,
        smsRetryBaseMs: 30,
        smsMaxAttempts: 3,
        dispatchPollMs: 200,
      },
    });
    ({ app, bus, sms } = kit);
    zalo = kit.zalo!;
    smtp = kit.smtp!;
  });

  afterAll(async () => {
    await kit?.close();
  });

  const api = () => request(app.getHttpServer());
  const setPreference = (number: string, body: object) =>
    api().put(`/api/notification/v1/preferences/${number}`).set('Authorization', `Bearer ${clerk}`).send(body);
  const settled = (code: string, count: number) =>
    expectEventually(async () => {
      const res = await api().get(`/api/notification/v1/dossiers/${code}/messages`).set('Authorization', `Bearer ${clerk}`).expect(200);
      const list = (res.body as { messages: ApiMessage[] }).messages;
      expect(list).toHaveLength(count);
      for (const m of list) expect(m.status).not.toBe('PENDING');
      return list;
    });
  const onSms = async (number: string) =>
    ((await request(sms.url).get('/__sim/messages').query({ phone: number }).expect(200)).body as { items: Array<{ message: string }> })
      .items;
  const onZalo = async (number: string) =>
    ((await request(zalo.url).get('/__sim/messages').query({ phone: number }).expect(200)).body as { items: ZnsMessage[] }).items;

  it('defaults to SMS only: no Zalo, no e-mail without a preference, even with an e-mail address', async () => {
    const code = dossierCode();
    const data = received(code, { applicant: { fullName: 'Phạm Văn Nam', phone: phone(), email: 'nam@example.vn' } });
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, data)]);
    const [msg] = await settled(code, 1);
    expect(msg).toMatchObject({ channel: 'SMS', status: 'SENT' });
    expect(await onZalo(data.applicant.phone!)).toEqual([]);
    expect(smtp.mails.filter((m) => m.subject?.includes(code))).toEqual([]);
  });

  it('sends by Zalo ZNS (template id + parameters) when the phone prefers Zalo; a redelivered event sends nothing more', async () => {
    const number = phone();
    const saved = await setPreference(number, { optedOut: false, channels: ['ZALO'] }).expect(200);
    expect(saved.body).toMatchObject({ phone: number, optedOut: false, channels: ['ZALO'], updatedBy: 'clerk-1' });
    const code = dossierCode();
    const event = makeEnvelope(DOSSIER_RECEIVED, received(code, { applicant: { fullName: 'Nguyễn Thị Hòa', phone: number } }));
    await bus.publish([event]);
    await bus.publish([event]);
    const [msg] = await settled(code, 1);
    expect(msg).toMatchObject({ channel: 'ZALO', status: 'SENT', templateKey: 'DOSSIER_RECEIVED', encoding: null, segments: null });
    const sent = await onZalo(number);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      trackingId: msg.id,
      phone: `84${number.slice(1)}`,
      templateId: '300001',
      templateData: {
        code,
        procedureName: 'Đăng ký khai sinh',
        applicantName: 'Nguyễn Thị Hòa',
        appointment: '09:00 ngày 06/01/2026',
        lookupLink: `https://dichvucong.example.vn/tra-cuu/${code}`,
      },
    });
    expect(msg.gatewayMessageId).toBe(sent[0].msgId);
    expect(await onSms(number)).toEqual([]);
  });

  it('falls back to one recorded SMS when the number has no Zalo account, for every message of the dossier', async () => {
    const number = phone();
    await request(zalo.url)
      .post('/__sim/config')
      .send({ noZaloPhones: [number] })
      .expect(200);
    await setPreference(number, { optedOut: false, channels: ['ZALO'] }).expect(200);
    const code = dossierCode();
    const first = makeEnvelope(DOSSIER_RECEIVED, received(code, { applicant: { fullName: 'Trần Văn Ba', phone: number } }));
    await bus.publish([first]);
    await settled(code, 2);
    await bus.publish([first, makeEnvelope(DOSSIER_RESOLVED, resolved(code)), makeEnvelope(DOSSIER_RESOLVED, resolved(code))]);
    const list = await settled(code, 4);
    const zaloMsgs = list.filter((m) => m.channel === 'ZALO');
    const smsMsgs = list.filter((m) => m.channel === 'SMS');
    expect(zaloMsgs.map((m) => [m.template, m.status, m.attempts])).toEqual([
      ['DOSSIER_RECEIVED', 'FAILED', 1],
      ['RESULT_READY', 'FAILED', 1],
    ]);
    expect(zaloMsgs[0].lastError).toContain('-118');
    for (const s of smsMsgs) {
      expect(s.status).toBe('SENT');
      expect(s.fallbackOf).toBe(zaloMsgs.find((z) => z.template === s.template)!.id);
    }
    expect(smsMsgs.map((m) => m.template)).toEqual(['DOSSIER_RECEIVED', 'RESULT_READY']);
    const texts = (await onSms(number)).map((s) => s.message);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('Trần Văn Ba');
    expect(texts[0]).toContain('09:00 ngày 06/01/2026');
    expect(await onZalo(number)).toEqual([]);
  });

  it('keeps one SMS per purpose when the phone wants Zalo and SMS and Zalo fails: the fallback finds the SMS already there', async () => {
    const number = phone();
    await request(zalo.url)
      .post('/__sim/config')
      .send({ noZaloPhones: [number] })
      .expect(200);
    await setPreference(number, { optedOut: false, channels: ['ZALO', 'SMS'] }).expect(200);
    const code = dossierCode();
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(code, { applicant: { fullName: 'Vi Văn Khánh', phone: number } }))]);
    const list = await settled(code, 2);
    expect(list.map((m) => [m.channel, m.status]).sort()).toEqual([
      ['SMS', 'SENT'],
      ['ZALO', 'FAILED'],
    ]);
    expect(list.find((m) => m.channel === 'SMS')!.fallbackOf).toBeNull();
    expect(await onSms(number)).toHaveLength(1);
  });

  it('falls back to SMS when Zalo keeps failing (attempts exhausted)', async () => {
    const number = phone();
    await setPreference(number, { optedOut: false, channels: ['ZALO'] }).expect(200);
    await request(zalo.url).post('/__sim/config').send({ failNext: 3 }).expect(200);
    const code = dossierCode();
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(code, { applicant: { fullName: 'Lò Thị Mai', phone: number } }))]);
    const list = await settled(code, 2);
    expect(list.find((m) => m.channel === 'ZALO')).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(list.find((m) => m.channel === 'SMS')).toMatchObject({ status: 'SENT' });
    expect(await onSms(number)).toHaveLength(1);
  });

  it('sends e-mail over SMTP with the Vietnamese subject and body intact, plus the SMS', async () => {
    const number = phone();
    await setPreference(number, { optedOut: false, channels: ['SMS', 'EMAIL'], email: 'hoa.nguyen@example.vn' }).expect(200);
    smtp.failNext = 1; // a temporary 451: retried
    const code = dossierCode();
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(code, { applicant: { fullName: 'Đặng Thị Ánh Tuyết', phone: number } }))]);
    const list = await settled(code, 2);
    const email = list.find((m) => m.channel === 'EMAIL')!;
    expect(email).toMatchObject({ status: 'SENT', attempts: 2, recipient: 'h*********@example.vn' });
    expect(email.subject).toBe(`Hồ sơ ${code} đã được tiếp nhận`);
    const mails = smtp.mails.filter((m) => m.subject === `Hồ sơ ${code} đã được tiếp nhận`);
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail.from?.value[0]).toEqual({ name: 'Bộ phận Một cửa Thanh Hóa', address: 'motcua@thanhhoa.gov.vn' });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : null).toBe('hoa.nguyen@example.vn');
    expect(mail.messageId).toBe(`<${email.id}@motcua>`);
    expect(mail.text).toContain('Kính gửi Ông/Bà Đặng Thị Ánh Tuyết,');
    expect(mail.text).toContain(`Hồ sơ ${code} (Đăng ký khai sinh) của Ông/Bà đã được tiếp nhận.`);
    expect(mail.text!.trim()).toBe(email.text.trim());
    expect(list.find((m) => m.channel === 'SMS')).toMatchObject({ status: 'SENT' });
  });

  it('sends nothing to a number that opted out; opting back in applies to later messages', async () => {
    const number = phone();
    await setPreference(number, { optedOut: true }).expect(200);
    const code = dossierCode();
    const event = makeEnvelope(DOSSIER_RECEIVED, received(code, { applicant: { fullName: 'Hà Văn Tâm', phone: number } }));
    await bus.publish([event]);
    await expectEventually(async () => {
      const rows = (await api().get(`/api/notification/v1/dossiers/${code}/messages`).set('Authorization', `Bearer ${clerk}`).expect(200))
        .body as { messages: ApiMessage[] };
      expect(rows.messages).toEqual([]);
    });
    const back = await api().get(`/api/notification/v1/preferences/${number}`).set('Authorization', `Bearer ${clerk}`).expect(200);
    expect(back.body).toMatchObject({ optedOut: true, channels: null });
    await setPreference(number, { optedOut: false }).expect(200);
    await bus.publish([makeEnvelope(DOSSIER_RESOLVED, resolved(code))]);
    const list = await settled(code, 2);
    expect(list.map((m) => m.template).sort()).toEqual(['DOSSIER_RECEIVED', 'RESULT_READY']);
  });

  it('validates preferences and scopes them to counter staff', async () => {
    const bad = await setPreference('12345', { optedOut: true }).expect(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'phone', rule: 'matches' })]);
    const badBody = await setPreference(phone(), { optedOut: 'yes', channels: ['FAX'], email: 'x' }).expect(400);
    expect(badBody.body.error.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort()).toEqual([
      'channels:isIn',
      'email:isEmail',
      'optedOut:isBoolean',
    ]);
    await api()
      .put(`/api/notification/v1/preferences/${phone()}`)
      .set('Authorization', `Bearer ${specialist}`)
      .send({ optedOut: true })
      .expect(403);
    await api().get(`/api/notification/v1/preferences/${phone()}`).expect(401);
  });
});
