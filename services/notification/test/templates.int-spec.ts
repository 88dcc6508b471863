import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DOSSIER_RECEIVED, DOSSIER_RESOLVED } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { expectEventually, makeEnvelope } from '@motcua/testing';
import { ApiMessage, dossierCode, received, resolved } from './fixtures';
import { admin, clerk, NotificationTestKit, PUBLIC_LOOKUP_URL, startNotificationTestKit } from './notification-test-kit';

interface TemplateView {
  key: string;
  purpose: string;
  channel: string;
  version: number;
  active: boolean;
  subject: string | null;
  body: string;
  znsTemplateId: string | null;
  createdBy: string | null;
}

describe('notification templates', () => {
  let app: NestExpressApplication;
  let bus: InProcessBus;
  let kit: NotificationTestKit;

  beforeAll(async () => {
    kit = await startNotificationTestKit({
      database: 'notification_templates',
      config: { publicLookupUrl: PUBLIC_LOOKUP_URL, dispatchPollMs: 200 },
    });
    ({ app, bus } = kit);
  });

  afterAll(async () => {
    await kit?.close();
  });

  const api = () => request(app.getHttpServer());
  const messages = (code: string) =>
    expectEventually(async () => {
      const res = await api().get(`/api/notification/v1/dossiers/${code}/messages`).set('Authorization', `Bearer ${clerk}`).expect(200);
      const list = (res.body as { messages: ApiMessage[] }).messages;
      expect(list.length).toBeGreaterThan(0);
      for (const m of list) expect(m.status).toBe('SENT');
      return list;
    });

  it('seeds a Vietnamese version 1 for every key and channel, listed for ADMIN only', async () => {
    const res = await api().get('/api/notification/v1/templates').set('Authorization', `Bearer ${admin}`).expect(200);
    const body = res.body as { keys: Array<{ key: string; placeholders: Record<string, string> }>; templates: TemplateView[] };
    expect(body.keys.map((k) => k.key).sort()).toEqual(
      [
        'DOSSIER_RECEIVED',
        'RESULT_DELIVERED',
        'RESULT_READY_COUNTER',
        'RESULT_READY_ONLINE',
        'RESULT_READY_POST',
        'SUPPLEMENT_REQUESTED',
        'REFUSED',
        'EXTENDED',
        'STOPPED',
        'RESULT_HELD_AT_COUNTER',
        'RESULT_HELD_AT_COUNTER_NOT_BY_POST',
        'PICKUP_SCHEDULED',
        'PICKUP_FAILED_RETRY',
        'PICKUP_FAILED_FINAL',
        'OUT_FOR_DELIVERY',
        'OUT_FOR_DELIVERY_COD',
        'DELIVERY_ATTEMPT_FAILED_RETRY',
        'DELIVERY_ATTEMPT_FAILED_FINAL',
      ].sort(),
    );
    expect(body.keys.find((k) => k.key === 'DOSSIER_RECEIVED')!.placeholders).toEqual({
      code: 'dossierCode',
      procedureName: 'text',
      applicantName: 'text',
      appointment: 'datetime',
      lookupLink: 'url',
    });
    expect(body.keys.find((k) => k.key === 'OUT_FOR_DELIVERY_COD')!.placeholders).toMatchObject({ amount: 'money' });
    expect(body.templates).toHaveLength(18 * 3);
    for (const t of body.templates) {
      expect(t).toMatchObject({ version: 1, active: true, createdBy: null });
      expect(t.body).toBe(t.body.normalize('NFC'));
      expect(t.body).toMatch(/hồ sơ|Bưu điện/i);
      // a pickup has no dossier code yet: its messages name the pickup's reference
      if (t.channel === 'EMAIL') expect(t.subject).toMatch(t.key.startsWith('PICKUP_') ? /mã thu gom \{reference\}/ : /hồ sơ \{code\}/i);
      if (t.channel === 'ZALO') expect(t.znsTemplateId).toMatch(/^\d+$/);
    }
    await api().get('/api/notification/v1/templates').set('Authorization', `Bearer ${clerk}`).expect(403);
    await api().get('/api/notification/v1/templates').expect(401);
  });

  it('refuses an unknown placeholder at save time, naming it, and stores nothing', async () => {
    const res = await api()
      .post('/api/notification/v1/templates/DOSSIER_RECEIVED/SMS/versions')
      .set('Authorization', `Bearer ${admin}`)
      .send({ body: 'Hồ sơ {code} hẹn trả {appointment}, phí {fee}' })
      .expect(400);
    expect(res.body.error.code).toBe('NOTIFICATION.TEMPLATE_INVALID');
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'body', rule: 'unknownPlaceholder' })]);
    expect(res.body.error.details[0].message).toContain('{fee}');
    const email = await api()
      .post('/api/notification/v1/templates/RESULT_READY_POST/EMAIL/versions')
      .set('Authorization', `Bearer ${admin}`)
      .send({ body: 'Hồ sơ {code} có kết quả {x-y' })
      .expect(400);
    expect(email.body.error.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort()).toEqual([
      'body:unbalancedBraces',
      'subject:isDefined',
    ]);
    const zalo = await api()
      .post('/api/notification/v1/templates/RESULT_READY_POST/ZALO/versions')
      .set('Authorization', `Bearer ${admin}`)
      .send({ body: 'Hồ sơ {code}', subject: 'không dùng' })
      .expect(400);
    expect(zalo.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['subject', 'znsTemplateId']);
    await api()
      .post('/api/notification/v1/templates/NO_SUCH_KEY/SMS/versions')
      .set('Authorization', `Bearer ${admin}`)
      .send({ body: 'x' })
      .expect(404);
    await api()
      .post('/api/notification/v1/templates/DOSSIER_RECEIVED/SMS/versions')
      .set('Authorization', `Bearer ${clerk}`)
      .send({ body: 'Hồ sơ {code}' })
      .expect(403);
    const versions = await api()
      .get('/api/notification/v1/templates/DOSSIER_RECEIVED/SMS')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(versions.body.versions).toHaveLength(1);
  });

  it('previews a draft with sample data: typed values formatted, SMS encoding and parts', async () => {
    const res = await api()
      .post('/api/notification/v1/templates/DOSSIER_RECEIVED/SMS/preview')
      .set('Authorization', `Bearer ${admin}`)
      .send({ body: 'Hồ sơ {code}: hẹn trả {appointment}', sample: { appointment: '2026-03-02T07:30:00Z' } })
      .expect(200);
    expect(res.body).toMatchObject({
      key: 'DOSSIER_RECEIVED',
      purpose: 'DOSSIER_RECEIVED',
      version: null,
      text: 'Hồ sơ 000.00.06.H56-260105-0001: hẹn trả 14:30 ngày 02/03/2026',
      sms: {
        encoding: 'UCS2',
        segments: 1,
        withoutDiacritics: { text: 'Ho so 000.00.06.H56-260105-0001: hen tra 14:30 ngay 02/03/2026', encoding: 'GSM7', segments: 1 },
      },
    });
    // the active version (the default: long Vietnamese text, several UCS-2 parts)
    const active = await api()
      .post('/api/notification/v1/templates/DOSSIER_RECEIVED/SMS/preview')
      .set('Authorization', `Bearer ${admin}`)
      .send({})
      .expect(200);
    expect(active.body.version).toBe(1);
    expect(active.body.sms.segments).toBeGreaterThan(2);
    expect(active.body.sms.withoutDiacritics.segments).toBeLessThan(active.body.sms.segments);
    const email = await api()
      .post('/api/notification/v1/templates/DOSSIER_RECEIVED/EMAIL/preview')
      .set('Authorization', `Bearer ${admin}`)
      .send({ sample: { applicantName: 'Lê Văn Đức' } })
      .expect(200);
    expect(email.body.subject).toBe('Hồ sơ 000.00.06.H56-260105-0001 đã được tiếp nhận');
    expect(email.body.text).toContain('Kính gửi Ông/Bà Lê Văn Đức');
    const bad = await api()
      .post('/api/notification/v1/templates/DOSSIER_RECEIVED/SMS/preview')
      .set('Authorization', `Bearer ${admin}`)
      .send({ sample: { appointment: 'ngày mai', lookupLink: 'ftp://x', nope: 'x' } })
      .expect(400);
    expect(bad.body.error.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort()).toEqual([
      'sample.appointment:isISO8601',
      'sample.lookupLink:isUrl',
      'sample.nope:unknownPlaceholder',
    ]);
  });

  it('sends with the active version and records key, version, encoding and parts on each message', async () => {
    const saved = await api()
      .post('/api/notification/v1/templates/RESULT_READY_COUNTER/SMS/versions')
      .set('Authorization', `Bearer ${admin}`)
      .send({ body: 'Ho so {code} co ket qua, nhan tai Mot cua: {lookupLink}' })
      .expect(201);
    expect(saved.body).toMatchObject({ key: 'RESULT_READY_COUNTER', channel: 'SMS', version: 2, active: true, createdBy: 'admin-1' });
    const versions = await api()
      .get('/api/notification/v1/templates/RESULT_READY_COUNTER/SMS')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(versions.body.versions.map((v: TemplateView) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false],
    ]);

    const code = dossierCode();
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(code))]);
    await messages(code);
    await bus.publish([makeEnvelope(DOSSIER_RESOLVED, resolved(code))]);
    const list = await expectEventually(async () => {
      const l = await messages(code);
      expect(l).toHaveLength(2);
      return l;
    });
    const [rec, ready] = list;
    expect(rec).toMatchObject({ template: 'DOSSIER_RECEIVED', templateKey: 'DOSSIER_RECEIVED', templateVersion: 1, encoding: 'UCS2' });
    expect(rec.segments).toBeGreaterThan(2);
    expect(ready).toMatchObject({
      template: 'RESULT_READY',
      templateKey: 'RESULT_READY_COUNTER',
      templateVersion: 2,
      encoding: 'GSM7',
      segments: 1,
      text: `Ho so ${code} co ket qua, nhan tai Mot cua: https://dichvucong.example.vn/tra-cuu/${code}`,
    });
    const stored = (await app.get(DataSource).query(`SELECT params FROM message WHERE id = $1`, [ready.id])) as Array<{ params: unknown }>;
    expect(stored[0].params).toEqual({ code, lookupLink: `https://dichvucong.example.vn/tra-cuu/${code}` });
  });
});
