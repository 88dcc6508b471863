import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser, issueToken } from '@motcua/auth';
import {
  DOSSIER_RESOLVED,
  EventEnvelope,
  POSTAL_DELIVERY_RETURNED,
  POSTAL_PICKUP_RECEIVED,
  PROCESSING_REFUSED,
  PROCESSING_RESUMED,
  PROCESSING_STEP_STARTED,
  PROCESSING_SUPPLEMENT_REQUESTED,
} from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { startNationalPortalSimulator } from '@motcua/sim-national-portal';
import { createTestDatabase, expectEventually, makeEnvelope, TestDatabase } from '@motcua/testing';
import { INTAKE_SERVICE, IntakeModule, intakeConfigFromEnv } from '../src';

const SECRET = 'intake-after-secret-0123456789';
const CENTER = '000.00.06.H56';
const RATE_LIMIT = 12;
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: CENTER };
const otherCentre: AuthUser = { sub: 'clerk9', name: 'Phạm Văn Khác', roles: ['COUNTER_CLERK'], agencyCode: '000.00.20.H56' };
const specialist: AuthUser = { sub: 'sp1', name: 'Trần Đức', roles: ['SPECIALIST'], agencyCode: CENTER };
const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;

describe('intake after reception: post, supplements, withdrawal, return, evaluation, national portal', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;
  let portal: Awaited<ReturnType<typeof startNationalPortalSimulator>>;
  const published: EventEnvelope<Record<string, unknown>>[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('intake_after');
    portal = await startNationalPortalSimulator({ port: 0 });
    bus = new InProcessBus({ delayScale: 0.01 });
    await bus.consume({ service: 'probe', bindings: ['#'] }, async (raw) => {
      published.push(raw as EventEnvelope<Record<string, unknown>>);
    });
    const config = intakeConfigFromEnv(
      { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' },
      {
        databaseUrl: db.url,
        authJwtSecret: SECRET,
        bus,
        seedDemoData: true,
        lookupSecretKey: 'lookup-test-key-0123456789',
        nationalPortalUrl: `${portal.url}/`,
        nationalPortalRetryBaseMs: 50,
        publicRateLimitPerMinute: RATE_LIMIT,
      },
    );
    app = await createServiceApp(IntakeModule.forRoot(config), INTAKE_SERVICE);
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await portal?.close();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());
  const sql = (q: string, p: unknown[] = []) => app.get(DataSource).query(q, p);
  const events = (type: string, code: string) => published.filter((e) => e.type === type && e.data.dossierCode === code);
  const receive = async () => {
    const res = await http()
      .post('/api/intake/v1/dossiers')
      .set('Authorization', bearer(clerk))
      .send({
        procedureCode: '1.001193',
        channel: 'COUNTER',
        applicant: { fullName: 'Nguyễn Thị Hòa', idNumber: '038190001234' },
        resultDelivery: 'COUNTER',
      })
      .expect(201);
    return res.body as { code: string; lookupSecret: string };
  };
  const staffView = async (code: string) =>
    (await http().get(`/api/intake/v1/dossiers/${code}`).set('Authorization', bearer(clerk)).expect(200)).body;
  const statusOf = async (code: string) => (await staffView(code)).nationalStatus as number;
  const start = (code: string) =>
    makeEnvelope(PROCESSING_STEP_STARTED, {
      dossierCode: code,
      stepId: 's1',
      stepName: 'Thẩm định',
      agencyCode: '000.21.01.H56',
      startedAt: new Date().toISOString(),
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
  const resolve = (code: string) =>
    makeEnvelope(DOSSIER_RESOLVED, {
      dossierCode: code,
      resolvingAgencyCode: '000.21.01.H56',
      resolvedAt: new Date().toISOString(),
      appointmentAt: new Date(Date.now() + 86_400_000).toISOString(),
      timeliness: 'ON_TIME',
      resultSummary: 'Cấp giấy khai sinh',
    });
  const supplementRequest = (code: string, n: number) =>
    makeEnvelope(PROCESSING_SUPPLEMENT_REQUESTED, {
      dossierCode: code,
      stepId: 's1',
      agencyCode: '000.21.01.H56',
      requestedBy: 'Trần Đức',
      requestedAt: new Date().toISOString(),
      reason: 'Thiếu giấy tờ',
      items: ['Bản sao giấy chứng nhận kết hôn', 'Giấy chứng sinh'],
      supplementNumber: n,
    });

  it('receives a dossier picked up by the post on channel 3, at the postal receipt time, once per pickup reference', async () => {
    const pickup = makeEnvelope(POSTAL_PICKUP_RECEIVED, {
      pickupId: 'pk-1',
      reference: 'PK-REF-0001',
      trackingNumber: 'EB123456789VN',
      centreCode: CENTER,
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      applicant: { fullName: 'Trần Văn Bưu', phone: '0987654321' },
      pickupAddress: { recipientName: 'Trần Văn Bưu', phone: '0987654321', line: 'Thôn 3', communeCode: '14755', provinceCode: '38' },
      postalReceiptAt: '2026-11-20T02:15:00.000Z',
      arrivedAt: '2026-11-20T06:00:00.000Z',
    });
    await bus.publish([pickup, { ...pickup, id: 'another-delivery-of-the-same-pickup' }]);
    const rows = await expectEventually(async () => {
      const r = await sql(
        `SELECT code, channel, received_at, received_by, applicant_name FROM dossier WHERE idempotency_key = 'postal-pickup:PK-REF-0001'`,
      );
      expect(r).toHaveLength(1);
      return r;
    });
    expect(rows[0]).toMatchObject({ channel: 'POSTAL', received_by: 'system', applicant_name: 'Trần Văn Bưu' });
    expect(new Date(rows[0].received_at).toISOString()).toBe('2026-11-20T02:15:00.000Z');
    expect(rows[0].code).toMatch(/^000\.00\.06\.H56-261120-\d{4}$/);
    const view = await staffView(rows[0].code);
    expect(view).toMatchObject({ channel: 'POSTAL', resultDelivery: 'POST', receivedAt: '2026-11-20T09:15:00+07:00' });
    await expectEventually(() => expect(events('dossier.received', rows[0].code)).toHaveLength(1));
  });

  it('supplement: requested (5, idempotent), handed in at the counter (4, dossier.supplement-received), new appointment on resume', async () => {
    const { code } = await receive();
    await bus.publish([start(code)]);
    await expectEventually(async () => expect(await statusOf(code)).toBe(4));
    const request1 = supplementRequest(code, 1);
    await bus.publish([request1, { ...request1, id: 'redelivered' }]);
    await expectEventually(async () => expect(await statusOf(code)).toBe(5));
    // a step start arriving during the pause does not end it
    await bus.publish([start(code)]);
    const view = await staffView(code);
    const asked = view.timeline.filter((t: { nationalStatus: number }) => t.nationalStatus === 5);
    expect(asked).toHaveLength(1);
    expect(asked[0].description).toContain('Bản sao giấy chứng nhận kết hôn; Giấy chứng sinh');
    expect((await sql(`SELECT count(*)::int AS n FROM dossier_supplement`))[0].n).toBeGreaterThanOrEqual(1);

    // bad input: 400 naming the field, nothing changes; wrong agency: 404; wrong role: 403
    const bad = await http()
      .post(`/api/intake/v1/dossiers/${code}/supplements`)
      .set('Authorization', bearer(clerk))
      .send({ note: 42 })
      .expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toContain('note');
    await http().post(`/api/intake/v1/dossiers/${code}/supplements`).set('Authorization', bearer(otherCentre)).send({}).expect(404);
    await http().post(`/api/intake/v1/dossiers/${code}/supplements`).set('Authorization', bearer(specialist)).send({}).expect(403);
    expect(await statusOf(code)).toBe(5);

    const ok = await http()
      .post(`/api/intake/v1/dossiers/${code}/supplements`)
      .set('Authorization', bearer(clerk))
      .send({ note: 'Đã nộp đủ giấy tờ' })
      .expect(201);
    expect(ok.body).toMatchObject({ status: 'IN_PROCESS', nationalStatus: 4 });
    const received = await expectEventually(() => {
      const e = events('dossier.supplement-received', code);
      expect(e).toHaveLength(1);
      return e[0];
    });
    expect(received.data).toMatchObject({ dossierCode: code, note: 'Đã nộp đủ giấy tờ' });
    // a second hand-in: no supplement is pending → 409
    const again = await http().post(`/api/intake/v1/dossiers/${code}/supplements`).set('Authorization', bearer(clerk)).send({}).expect(409);
    expect(again.body.error.code).toBe('INTAKE.STATUS_CONFLICT');

    // the second request alternates back to 5
    await bus.publish([supplementRequest(code, 2)]);
    await expectEventually(async () => expect(await statusOf(code)).toBe(5));
    await http().post(`/api/intake/v1/dossiers/${code}/supplements`).set('Authorization', bearer(clerk)).send({}).expect(201);

    const newAppointment = '2026-12-01T10:00:00.000Z';
    const resumed = makeEnvelope(PROCESSING_RESUMED, {
      dossierCode: code,
      resumedAt: new Date().toISOString(),
      pausedWorkingMinutes: 120,
      appointmentAt: newAppointment,
    });
    await bus.publish([resumed, { ...resumed, id: 'resumed-again' }]);
    await expectEventually(async () => expect((await staffView(code)).appointmentAt).toBe('2026-12-01T17:00:00+07:00'));
    const rows = await sql(
      `SELECT appointment_after FROM dossier_supplement s JOIN dossier d ON d.id = s.dossier_id WHERE d.code = $1 ORDER BY s.id`,
      [code],
    );
    expect(new Date(rows[1].appointment_after).toISOString()).toBe(newAppointment);
  });

  it('withdrawal at the citizen request (7): dossier.withdrawn; not twice, not after a result', async () => {
    const { code } = await receive();
    const bad = await http()
      .post(`/api/intake/v1/dossiers/${code}/withdrawal`)
      .set('Authorization', bearer(clerk))
      .send({ reason: '' })
      .expect(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'reason' });
    expect(await statusOf(code)).toBe(2);
    const res = await http()
      .post(`/api/intake/v1/dossiers/${code}/withdrawal`)
      .set('Authorization', bearer(clerk))
      .send({ reason: 'Công dân không còn nhu cầu' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'WITHDRAWN', nationalStatus: 7, closedReason: 'Công dân không còn nhu cầu' });
    await expectEventually(() => expect(events('dossier.withdrawn', code)).toHaveLength(1));
    await http()
      .post(`/api/intake/v1/dossiers/${code}/withdrawal`)
      .set('Authorization', bearer(clerk))
      .send({ reason: 'Lần nữa' })
      .expect(409);
    // a late result changes nothing
    await bus.publish([resolve(code)]);
    await expectEventually(async () => expect((await staffView(code)).resolvedAt).not.toBeNull());
    expect(await statusOf(code)).toBe(7);
  });

  it('processing.refused stops the dossier (8)', async () => {
    const { code } = await receive();
    await bus.publish([
      makeEnvelope(PROCESSING_REFUSED, {
        dossierCode: code,
        stepId: 's1',
        agencyCode: '000.21.01.H56',
        refusedBy: 'Trần Đức',
        refusedAt: new Date().toISOString(),
        reason: 'Không thuộc thẩm quyền',
      }),
    ]);
    await expectEventually(async () => expect(await statusOf(code)).toBe(8));
    expect((await staffView(code)).closedReason).toBe('Không thuộc thẩm quyền');
  });

  it('returned by the post → held at the counter (stays 9) → returned at the counter (10) with who received it', async () => {
    const { code } = await receive();
    await http()
      .post(`/api/intake/v1/dossiers/${code}/return`)
      .set('Authorization', bearer(clerk))
      .send({ receivedBy: { fullName: 'Nguyễn Thị Hòa', idNumber: '038190001234' } })
      .expect(409);
    await bus.publish([resolve(code)]);
    await expectEventually(async () => expect(await statusOf(code)).toBe(9));
    const back = makeEnvelope(POSTAL_DELIVERY_RETURNED, {
      dossierCode: code,
      orderId: 'o-1',
      trackingNumber: 'EB000000001VN',
      centreCode: CENTER,
      returnedAt: new Date().toISOString(),
      failedAttempts: 3,
      lastFailureReason: 'Không liên lạc được người nhận',
    });
    await bus.publish([back, { ...back, id: 'returned-again' }]);
    await expectEventually(async () => {
      const held = (await staffView(code)).timeline.filter(
        (t: { description: string }) => t.description === 'Kết quả chuyển hoàn, giữ tại bộ phận một cửa',
      );
      expect(held).toHaveLength(1);
      expect(held[0].nationalStatus).toBe(9);
    });
    expect(await statusOf(code)).toBe(9);

    const bad = await http()
      .post(`/api/intake/v1/dossiers/${code}/return`)
      .set('Authorization', bearer(clerk))
      .send({ receivedBy: { fullName: 'Nguyễn Thị Hòa', idNumber: '12ab' } })
      .expect(400);
    expect(bad.body.error.details[0].field).toBe('receivedBy.idNumber');
    expect(await statusOf(code)).toBe(9);
    const res = await http()
      .post(`/api/intake/v1/dossiers/${code}/return`)
      .set('Authorization', bearer(clerk))
      .send({ receivedBy: { fullName: 'Nguyễn Văn Nhận', idNumber: '038190009999' } })
      .expect(200);
    expect(res.body).toMatchObject({ nationalStatus: 10, returnedTo: { fullName: 'Nguyễn Văn Nhận', idNumber: '038190009999' } });
    const returned = await expectEventually(() => {
      const e = events('dossier.result-returned', code);
      expect(e).toHaveLength(1);
      return e[0];
    });
    expect(returned.data.method).toBe('COUNTER');
  });

  it('evaluation once per dossier on the five national levels, with the receipt secret', async () => {
    const { code, lookupSecret } = await receive();
    const url = `/api/intake/v1/lookup/${code}/evaluation`;
    const bad = await http().post(url).send({ secret: lookupSecret, level: 'GREAT' }).expect(400);
    expect(bad.body.error.details[0].field).toBe('level');
    await http().post(url).send({ secret: 'WRONGSEC', level: 'SATISFIED' }).expect(404);
    expect((await sql(`SELECT count(*)::int AS n FROM dossier_evaluation`))[0].n).toBe(0);
    const ok = await http().post(url).send({ secret: lookupSecret, level: 'VERY_SATISFIED', comment: 'Cán bộ nhiệt tình' }).expect(201);
    expect(ok.body).toMatchObject({ level: 'VERY_SATISFIED', levelLabel: 'Rất hài lòng', comment: 'Cán bộ nhiệt tình' });
    const again = await http().post(url).send({ secret: lookupSecret, level: 'DISSATISFIED' }).expect(409);
    expect(again.body.error.code).toBe('INTAKE.ALREADY_EVALUATED');
    const evaluated = await expectEventually(() => {
      const e = events('dossier.evaluated', code);
      expect(e).toHaveLength(1);
      return e[0];
    });
    expect(evaluated.data).toMatchObject({ level: 'VERY_SATISFIED', procedureCode: '1.001193', receivingAgencyCode: CENTER });
  });

  it('syncs the record and each step to the national portal, in order, retrying failures', async () => {
    const pending = async () => (await sql(`SELECT count(*)::int AS n FROM portal_sync WHERE sent_at IS NULL`))[0].n as number;
    await expectEventually(async () => expect(await pending()).toBe(0)); // earlier tests' calls are out
    portal.engine.configure({ failNext: 2, httpStatus: 503 });
    const { code } = await receive();
    await bus.publish([start(code)]);
    await expectEventually(async () => expect(await statusOf(code)).toBe(4));
    const calls = await expectEventually(() => {
      const c = portal.engine.listCalls({ maHoSo: code });
      expect(c).toHaveLength(4);
      return c;
    });
    expect(calls.map((c) => `${c.service}:${String(c.data[0].TrangThaiHoSo ?? c.data[0].TrangThai)}`)).toEqual([
      'DongBoHoSoMC:2',
      'CapNhatTienDoHoSoMC:2',
      'DongBoHoSoMC:4',
      'CapNhatTienDoHoSoMC:4',
    ]);
    expect(calls[0].isUpdating).toBe(false);
    expect(calls[2].isUpdating).toBe(true);
    expect(calls[0].data[0]).toMatchObject({
      MaHoSo: code,
      MaTTHC: '1.001193',
      KenhThucHien: 1,
      ChuHoSo: 'Nguyễn Thị Hòa',
      MaLinhVuc: expect.any(String),
    });
    expect(calls[0].data[0].NgayTiepNhan).toMatch(/^\d{14}$/);
    expect(calls[3].data[0]).toMatchObject({ NoiDungXuLy: 'Chuyển xử lý: Thẩm định', TrangThai: 4 });
    // the simulator records a call before our worker commits it as sent: read the outcome eventually
    await expectEventually(async () => {
      const failed = await sql(`SELECT max(attempts)::int AS n FROM portal_sync WHERE dossier_code = $1`, [code]);
      expect(failed[0].n).toBeGreaterThanOrEqual(3);
      expect(await pending()).toBe(0);
    });
  });

  it('rate-limits the public lookup and evaluation per IP (429 in the API error format)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 1; i++) {
      codes.push((await http().get(`/api/intake/v1/lookup/000.00.06.H56-261120-9999?secret=ABCDEFGH`)).status);
    }
    expect(codes.at(-1)).toBe(429);
    expect(codes.filter((s) => s !== 404 && s !== 429)).toEqual([]);
    const res = await http()
      .post(`/api/intake/v1/lookup/000.00.06.H56-261120-9999/evaluation`)
      .send({ secret: 'ABCDEFGH', level: 'SATISFIED' })
      .expect(429);
    expect(res.body.error.code).toBe('REQUEST.TOO_MANY');
  });
});
