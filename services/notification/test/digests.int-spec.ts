import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { issueToken } from '@motcua/auth';
import { PROCESSING_DUE_SOON, PROCESSING_OVERDUE, ProcessingDueSoonV1, ProcessingOverdueV1 } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { expectEventually, makeEnvelope } from '@motcua/testing';
import { SendDigestsUseCase } from '../src/digests/send-digests.use-case';
import { AGENCY, dossierCode, SECRET } from './fixtures';
import { admin, NotificationTestKit, startNotificationTestKit } from './notification-test-kit';
import { SmtpSink } from './smtp-sink';

const OTHER = '000.00.07.H56';
const supervisor = issueToken(SECRET, { sub: 'sup-1', name: 'Trưởng phòng', roles: ['SUPERVISOR'], agencyCode: AGENCY });
const specialist = issueToken(SECRET, { sub: 'sp-1', name: 'Chuyên viên', roles: ['SPECIALIST'], agencyCode: AGENCY });

const overdue = (code: string, agencyCode: string, detectedAt: string): ProcessingOverdueV1 => ({
  dossierCode: code,
  stepId: `step-${code}`,
  stepName: 'Thẩm định hồ sơ',
  agencyCode,
  dueAt: '2026-01-04T09:00:00.000Z',
  detectedAt,
});
const dueSoon = (code: string, remindedAt: string): ProcessingDueSoonV1 => ({
  dossierCode: code,
  stepId: `step-${code}`,
  stepName: 'Phê duyệt',
  agencyCode: AGENCY,
  role: 'APPROVER',
  dueAt: '2026-01-05T09:00:00.000Z',
  remindedAt,
});

/** Digest at 07:30 local (00:30 UTC): alerts detected before it belong to that day's digest, later ones to the next. */
describe('notification: staff digest of due-soon and overdue steps', () => {
  let app: NestExpressApplication;
  let bus: InProcessBus;
  let smtp: SmtpSink;
  let kit: NotificationTestKit;
  const [early, soon, late, other] = [dossierCode(), dossierCode(), dossierCode(), dossierCode(OTHER)];

  beforeAll(async () => {
    kit = await startNotificationTestKit({
      database: 'notification_digests',
      smtp: true,
      config: {
        digestSendAt: '07:30',
        digestRecipients: `${AGENCY}=truongphong@example.vn,chuyenvien@example.vn;${OTHER}=`,
        digestPollMs: 3_600_000,
      },
    });
    ({ app, bus } = kit);
    smtp = kit.smtp!;
    const first = makeEnvelope(PROCESSING_OVERDUE, overdue(early, AGENCY, '2026-01-05T00:10:00.000Z'));
    await bus.publish([
      first,
      first, // redelivered
      makeEnvelope(PROCESSING_DUE_SOON, dueSoon(soon, '2026-01-04T23:00:00.000Z')),
      makeEnvelope(PROCESSING_OVERDUE, overdue(late, AGENCY, '2026-01-05T01:00:00.000Z')), // 08:00 local: next day's digest
      makeEnvelope(PROCESSING_OVERDUE, overdue(other, OTHER, '2026-01-05T00:00:00.000Z')),
    ]);
    await expectEventually(async () => expect(await app.get(DataSource).query(`SELECT 1 FROM staff_alert`)).toHaveLength(4));
  });

  afterAll(async () => {
    await kit?.close();
  });

  const api = () => request(app.getHttpServer());
  interface Digest {
    date: string;
    agencies: Array<{
      agencyCode: string;
      overdue: Array<{ dossierCode: string; role: string | null; dueAt: string }>;
      dueSoon: Array<{ dossierCode: string; role: string | null }>;
      emailedAt: string | null;
    }>;
  }
  const digest = async (token: string, date: string): Promise<Digest> =>
    (await api().get(`/api/notification/v1/digests?date=${date}`).set('Authorization', `Bearer ${token}`).expect(200)).body as Digest;

  it('lists a day’s digest: a supervisor their agency, an admin every agency; others are refused', async () => {
    const mine = await digest(supervisor, '2026-01-05');
    expect(mine.agencies).toHaveLength(1);
    expect(mine.agencies[0]).toMatchObject({
      agencyCode: AGENCY,
      overdue: [{ dossierCode: early, role: null, dueAt: '2026-01-04T16:00:00+07:00' }],
      dueSoon: [{ dossierCode: soon, role: 'APPROVER' }],
      emailedAt: null,
    });
    const all = await digest(admin, '2026-01-05');
    expect(all.agencies.map((a) => a.agencyCode)).toEqual([AGENCY, OTHER]);
    expect((await digest(supervisor, '2026-01-06')).agencies[0].overdue.map((a) => a.dossierCode)).toEqual([late]);
    await api().get('/api/notification/v1/digests?date=2026-01-05').set('Authorization', `Bearer ${specialist}`).expect(403);
    const bad = await api().get('/api/notification/v1/digests?date=2026-02-30').set('Authorization', `Bearer ${supervisor}`).expect(400);
    expect((bad.body as { error: { details: Array<{ field: string }> } }).error.details[0].field).toBe('date');
  });

  it('e-mails the digest once, after the local send time, to each configured address; a failed send is retried', async () => {
    const send = app.get(SendDigestsUseCase);
    expect(await send.execute(new Date('2026-01-05T00:29:00.000Z'))).toEqual([]); // 07:29 local: not yet
    expect(smtp.mails).toHaveLength(0);

    smtp.failNext = 1; // a 451: nothing marked, the next tick sends
    expect(await send.execute(new Date('2026-01-05T00:31:00.000Z'))).toEqual([]);
    expect((await digest(supervisor, '2026-01-05')).agencies[0].emailedAt).toBeNull();

    const runs = await Promise.all([
      send.execute(new Date('2026-01-05T00:32:00.000Z')),
      send.execute(new Date('2026-01-05T00:32:00.000Z')),
    ]);
    expect(runs.flat()).toEqual([AGENCY]); // the other agency has no address configured
    expect(await send.execute(new Date('2026-01-05T05:00:00.000Z'))).toEqual([]); // later the same day: already sent
    const mails = smtp.mails.filter((m) => m.subject?.startsWith('Tổng hợp ngày 05/01/2026'));
    expect(mails.map((m) => (Array.isArray(m.to) ? '' : m.to?.text)).sort()).toEqual(['chuyenvien@example.vn', 'truongphong@example.vn']);
    expect(mails[0].subject).toBe('Tổng hợp ngày 05/01/2026: 1 hồ sơ quá hạn, 1 sắp đến hạn');
    expect(mails[0].text).toContain(`- ${early} — Thẩm định hồ sơ, hạn 16:00 ngày 04/01/2026`);
    expect(mails[0].text).toContain(`- ${soon} — Phê duyệt (APPROVER), hạn 16:00 ngày 05/01/2026`);
    expect(mails[0].text).not.toContain(late);
    expect((await digest(supervisor, '2026-01-05')).agencies[0].emailedAt).toMatch(/\+07:00$/);
  });
});
