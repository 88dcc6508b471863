import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser, issueToken } from '@motcua/auth';
import { DOSSIER_RESOLVED, PROCESSING_STEP_STARTED, PROCESSING_STOPPED, PROCESSING_SUPPLEMENT_REQUESTED } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { startPopulationDataSimulator } from '@motcua/sim-population-data';
import { createTestDatabase, expectEventually, makeEnvelope, pdfText, TestDatabase, binaryBody } from '@motcua/testing';
import { INTAKE_SERVICE, IntakeModule, intakeConfigFromEnv } from '../src';

const SECRET = 'online-rules-test-secret-0123456789';
const SIM_KEY = 'population-test-key';
const CENTER = '000.00.06.H56';
const HAC_THANH = '000.21.01.H56'; // commune 14755
const DONG_SON = '000.21.02.H56'; // deactivated below
const admin: AuthUser = { sub: 'admin1', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' };
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: CENTER };
const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

const procedure = (code: string, over: Record<string, unknown> = {}) => ({
  code,
  nationalCode: null,
  name: `Thủ tục thử ${code}`,
  fieldCode: 'HOTICH',
  fieldName: 'Hộ tịch',
  level: 'COMMUNE',
  competentAgencyCode: HAC_THANH,
  components: [{ name: 'Tờ khai phiên bản một', form: 'ORIGINAL', quantity: 1, required: true }],
  processingTime: { value: 2, unit: 'WORKING_DAYS' },
  fees: [{ name: 'Lệ phí', amountVnd: 8000 }],
  onlineLevel: 'FULL',
  postMayCarryDossier: true,
  postMayCarryResult: true,
  effectiveFrom: '2025-01-01',
  ...over,
});

const counterBody = (over: Record<string, unknown> = {}) => ({
  procedureCode: '1.001193',
  channel: 'COUNTER',
  applicant: { fullName: 'Nguyễn Văn Thử', idNumber: '038190001234', phone: '0912000001' },
  resultDelivery: 'COUNTER',
  ...over,
});

describe('online level, competence by rule, agencies, recorded version, online supplements and withdrawal, deadline', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;
  let sim: Awaited<ReturnType<typeof startPopulationDataSimulator>>;
  let nationalKey: string;
  let provincialKey: string;

  beforeAll(async () => {
    db = await createTestDatabase('intake_online_rules');
    bus = new InProcessBus({ delayScale: 0.01 });
    sim = await startPopulationDataSimulator({ port: 0, apiKey: SIM_KEY });
    const config = intakeConfigFromEnv(
      {
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        POPULATION_DATA_URL: sim.url,
        POPULATION_DATA_API_KEY: SIM_KEY,
        // portal records are queued (and kept: the address refuses connections, retried only after 10 minutes)
        NATIONAL_PORTAL_URL: 'http://127.0.0.1:9/sync',
        NATIONAL_PORTAL_RETRY_BASE_MS: '600000',
      },
      {
        databaseUrl: db.url,
        authJwtSecret: SECRET,
        bus,
        seedDemoData: true,
        lookupSecretKey: 'lookup-test-key-0123456789',
        compressPdf: false,
      },
    );
    app = await createServiceApp(IntakeModule.forRoot(config), INTAKE_SERVICE);
    for (const p of [
      procedure('T.NONE', { onlineLevel: 'NONE' }),
      procedure('T.PARTIAL', { onlineLevel: 'PARTIAL' }),
      procedure('T.RESIDENCE', { competentAgencyCode: undefined, competentAgencyRule: 'COMMUNE_OF_RESIDENCE' }),
      procedure('T.DONGSON', { competentAgencyCode: DONG_SON }),
      procedure('T.VERSION'),
    ]) {
      await http().post('/api/intake/v1/procedures').set('Authorization', bearer(admin)).send(p).expect(201);
    }
    const key = (integrator: string) =>
      http()
        .post('/api/intake/v1/integrator-keys')
        .set('Authorization', bearer(admin))
        .send({ integrator, name: `Cổng ${integrator}`, allowedAgencyCodes: [CENTER] })
        .expect(201);
    nationalKey = (await key('NATIONAL_PORTAL')).body.key;
    provincialKey = (await key('PROVINCIAL_PORTAL')).body.key;
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await sim?.close();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());
  const count = async (table: string) => Number((await app.get(DataSource).query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const receive = (b: object, user: AuthUser = clerk, idem?: string) => {
    const req = http().post('/api/intake/v1/dossiers').set('Authorization', bearer(user));
    if (idem) req.set('Idempotency-Key', idem);
    return req.send(b);
  };
  const online = (key: string, path: string, b: object, idem?: string) => {
    const req = http().post(`/api/intake/v1/online/dossiers${path}`).set('X-Api-Key', key);
    if (idem) req.set('Idempotency-Key', idem);
    return req.send(b);
  };
  const submitOnline = (procedureCode: string) =>
    online(nationalKey, '', {
      procedureCode,
      receivingAgencyCode: CENTER,
      applicant: { fullName: 'Lê Văn Mạng', idNumber: '038190001234' },
      resultDelivery: 'COUNTER',
    });
  const view = async (code: string) =>
    (await http().get(`/api/intake/v1/dossiers/${code}`).set('Authorization', bearer(clerk)).expect(200)).body;
  const waitStatus = (code: string, status: number) => expectEventually(async () => expect((await view(code)).nationalStatus).toBe(status));
  const started = (code: string) =>
    makeEnvelope(PROCESSING_STEP_STARTED, {
      dossierCode: code,
      stepId: 's1',
      stepName: 'Thẩm định',
      agencyCode: HAC_THANH,
      startedAt: new Date().toISOString(),
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
  const supplementRequested = (code: string, deadlineAt?: Date) =>
    makeEnvelope(PROCESSING_SUPPLEMENT_REQUESTED, {
      dossierCode: code,
      stepId: 's1',
      agencyCode: HAC_THANH,
      requestedBy: 'Trần Đức',
      requestedAt: new Date().toISOString(),
      reason: 'Thiếu giấy tờ',
      items: ['Giấy chứng sinh'],
      supplementNumber: 1,
      ...(deadlineAt ? { deadlineAt: deadlineAt.toISOString() } : {}),
    });
  const inSupplement = async (code: string, deadlineAt?: Date) => {
    await bus.publish([started(code)]);
    await waitStatus(code, 4);
    await bus.publish([supplementRequested(code, deadlineAt)]);
    await waitStatus(code, 5);
  };

  describe('online level', () => {
    it('refuses a NONE procedure on the online channel (422 naming procedureCode and the rule), nothing stored', async () => {
      const before = await count('dossier');
      const res = await submitOnline('T.NONE').expect(422);
      expect(res.body.error.code).toBe('INTAKE.ONLINE_NOT_ALLOWED');
      expect(res.body.error.details[0]).toMatchObject({ field: 'procedureCode', rule: 'onlineLevel' });
      expect(res.body.error.details[0].message).toContain('T.NONE');
      const staff = await receive(counterBody({ procedureCode: 'T.NONE', channel: 'ONLINE' }), { ...clerk, roles: ['INTEGRATOR'] }).expect(
        422,
      );
      expect(staff.body.error.details[0]).toMatchObject({ field: 'procedureCode', rule: 'onlineLevel' });
      expect(await count('dossier')).toBe(before);
      const counter = await receive(counterBody({ procedureCode: 'T.NONE' })).expect(201);
      expect(counter.body.originalsRequiredAtReturn).toBe(false);
    });

    it('PARTIAL: received online, originals checked at the counter return (422 without the confirmation)', async () => {
      const res = await submitOnline('T.PARTIAL').expect(201);
      const code = res.body.code as string;
      expect(res.body.originalsRequiredAtReturn).toBe(true);
      expect((await view(code)).originalsRequiredAtReturn).toBe(true);
      expect((await submitOnline('T.VERSION').expect(201)).body.originalsRequiredAtReturn).toBe(false);
      await bus.publish([started(code)]);
      await waitStatus(code, 4);
      await bus.publish([
        makeEnvelope(DOSSIER_RESOLVED, {
          dossierCode: code,
          resolvingAgencyCode: HAC_THANH,
          resolvedAt: new Date().toISOString(),
          appointmentAt: new Date(Date.now() + 86_400_000).toISOString(),
          timeliness: 'ON_TIME',
          resultSummary: 'Kết quả',
        }),
      ]);
      await waitStatus(code, 9);
      const returnAt = (b: object) => http().post(`/api/intake/v1/dossiers/${code}/return`).set('Authorization', bearer(clerk)).send(b);
      const receivedBy = { fullName: 'Lê Văn Mạng', idNumber: '038190001234' };
      const refused = await returnAt({ receivedBy }).expect(422);
      expect(refused.body.error).toMatchObject({ code: 'INTAKE.ORIGINALS_NOT_CHECKED' });
      expect(refused.body.error.details[0]).toMatchObject({ field: 'originalsChecked', rule: 'requiredWhenOriginalsAtReturn' });
      await returnAt({ receivedBy, originalsChecked: false }).expect(422);
      expect((await view(code)).nationalStatus).toBe(9);
      await returnAt({ receivedBy, originalsChecked: 'yes' }).expect(400);
      await returnAt({ receivedBy, originalsChecked: true }).expect(200);
      const after = await view(code);
      expect(after.nationalStatus).toBe(10);
      expect(after.timeline.at(-1).description).toBe('Đã đối chiếu bản chính và trả kết quả tại bộ phận một cửa');
    });
  });

  describe('competent agency by rule, agencies that cannot act', () => {
    it('COMMUNE_OF_RESIDENCE resolves from applicant.residence; unresolved → 422 naming the field', async () => {
      const before = await count('dossier');
      const missing = await receive(counterBody({ procedureCode: 'T.RESIDENCE' })).expect(422);
      expect(missing.body.error).toMatchObject({ code: 'INTAKE.COMPETENT_AGENCY_UNRESOLVED' });
      expect(missing.body.error.details[0]).toMatchObject({ field: 'applicant.residence', rule: 'requiredByCompetenceRule' });
      const residence = (r: object) =>
        counterBody({ procedureCode: 'T.RESIDENCE', applicant: { ...counterBody().applicant, residence: r } });
      const unknown = await receive(residence({ communeCode: '15892', provinceCode: '38' })).expect(422);
      expect(unknown.body.error.details[0]).toMatchObject({ field: 'applicant.residence.communeCode', rule: 'communeAgencyExists' });
      const bad: Array<[object, string, string]> = [
        [{ communeCode: '1475', provinceCode: '38' }, 'applicant.residence.communeCode', 'matches'],
        [{ communeCode: '14755', provinceCode: '99' }, 'applicant.residence.provinceCode', 'provinceOfTree'],
        [{ communeCode: '14755' }, 'applicant.residence.provinceCode', 'matches'],
      ];
      for (const [r, field, rule] of bad) {
        const res = await receive(residence(r)).expect(400);
        expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      }
      expect(await count('dossier')).toBe(before);
      const ok = await receive(residence({ line: 'Số 1 Lê Lợi', communeCode: '14755', provinceCode: '38' })).expect(201);
      expect(ok.body).toMatchObject({
        competentAgencyCode: HAC_THANH,
        applicantResidence: { line: 'Số 1 Lê Lợi', communeCode: '14755', provinceCode: '38' },
      });
    });

    it('the population pre-fill fills the residence the rule needs', async () => {
      const res = await receive(
        counterBody({ procedureCode: 'T.RESIDENCE', applicant: { idNumber: '038190001234' }, prefillFromPopulationData: true }),
      ).expect(201);
      expect(res.body.competentAgencyCode).toBe(HAC_THANH);
      expect(res.body.applicantResidence).toMatchObject({ communeCode: '14755', provinceCode: '38' });
      expect(res.body.prefilledFromPopulationData).toEqual(expect.arrayContaining(['fullName', 'residence']));
    });

    it('an inactive agency or one outside its validity period neither receives nor is competent (422)', async () => {
      await http().post(`/api/intake/v1/agencies/${DONG_SON}/deactivation`).set('Authorization', bearer(admin)).expect(200);
      const before = await count('dossier');
      const competent = await receive(counterBody({ procedureCode: 'T.DONGSON' })).expect(422);
      expect(competent.body.error.code).toBe('INTAKE.AGENCY_UNAVAILABLE');
      expect(competent.body.error.details[0]).toMatchObject({ field: 'competentAgencyCode', rule: 'active' });
      const receiving = await receive(counterBody(), { ...clerk, agencyCode: DONG_SON }).expect(422);
      expect(receiving.body.error.details[0]).toMatchObject({ field: 'receivingAgencyCode', rule: 'active' });
      // a three-level commune, valid until 2025-07-01
      const expired = await receive(counterBody(), { ...clerk, agencyCode: '000.01.31.H56' }).expect(422);
      expect(expired.body.error.details[0]).toMatchObject({ field: 'receivingAgencyCode', rule: 'validPeriod' });
      expect(await count('dossier')).toBe(before);
    });
  });

  it('form 01, the documents and the portal record use the version the dossier was received under', async () => {
    const res = await receive(counterBody({ procedureCode: 'T.VERSION' })).expect(201);
    const code = res.body.code as string;
    expect(res.body.procedureVersion).toBe(1);
    await http()
      .post('/api/intake/v1/procedures/T.VERSION/versions')
      .set('Authorization', bearer(admin))
      .send({
        ...procedure('T.VERSION', {
          components: [{ name: 'Tờ khai phiên bản hai', form: 'ORIGINAL', quantity: 1, required: true }],
          fees: [{ name: 'Lệ phí', amountVnd: 9000 }],
          effectiveFrom: today(),
        }),
        code: undefined,
      })
      .expect(201);
    const pdf = await http()
      .get(`/api/intake/v1/dossiers/${code}/receipt.pdf`)
      .set('Authorization', bearer(clerk))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = pdfText(pdf.body);
    expect(text).toContain('Tờ khai phiên bản một');
    expect(text).not.toContain('phiên bản hai');
    const docs = await http().get(`/api/intake/v1/dossiers/${code}/documents`).set('Authorization', bearer(clerk)).expect(200);
    expect(docs.body.components.map((c: { name: string }) => c.name)).toEqual(['Tờ khai phiên bản một']);
    await bus.publish([started(code)]);
    await waitStatus(code, 4);
    const rows = await app
      .get(DataSource)
      .query(`SELECT payload FROM portal_sync WHERE dossier_code = $1 AND service = 'DongBoHoSoMC' ORDER BY id DESC LIMIT 1`, [code]);
    expect(rows[0].payload.DanhSachLePhi).toEqual([expect.objectContaining({ Gia: 8000 })]);
    // a new dossier takes the new version
    expect((await receive(counterBody({ procedureCode: 'T.VERSION' })).expect(201)).body.procedureVersion).toBe(2);
  });

  describe('online supplements and withdrawal (integrator key)', () => {
    it('supplement: only the submitting integrator (another gets 404), Idempotency-Key replays, another body → 409', async () => {
      const code = (await submitOnline('1.001193').expect(201)).body.code as string;
      await inSupplement(code, new Date(Date.now() + 5 * 86_400_000));
      await online(provincialKey, `/${code}/supplements`, { note: 'Đã bổ sung' }).expect(404);
      await http().post(`/api/intake/v1/online/dossiers/${code}/supplements`).send({ note: 'x' }).expect(401);
      await online(nationalKey, `/${code}/supplements`, { note: 'Đã bổ sung' }, 'bad key!').expect(400);
      expect((await view(code)).nationalStatus).toBe(5);
      const first = await online(nationalKey, `/${code}/supplements`, { note: 'Đã bổ sung giấy chứng sinh' }, 'supp-0001').expect(201);
      expect(first.body).toMatchObject({ nationalStatus: 4, supplementDeadlineAt: null });
      const replay = await online(nationalKey, `/${code}/supplements`, { note: 'Đã bổ sung giấy chứng sinh' }, 'supp-0001').expect(200);
      expect(replay.body.code).toBe(code);
      await online(nationalKey, `/${code}/supplements`, { note: 'Khác' }, 'supp-0001').expect(409);
      const timeline = (await view(code)).timeline as Array<{ description: string }>;
      expect(timeline.filter((t) => t.description.startsWith('Tiếp nhận hồ sơ bổ sung'))).toHaveLength(1);
      // a counter dossier is not an integrator's
      const counter = (await receive(counterBody()).expect(201)).body.code as string;
      await online(nationalKey, `/${counter}/supplements`, {}).expect(404);
    });

    it('withdrawal: only the submitting integrator, replayed once with the same key', async () => {
      const code = (await submitOnline('1.001193').expect(201)).body.code as string;
      await online(provincialKey, `/${code}/withdrawal`, { reason: 'Không còn nhu cầu' }, 'wd-00001').expect(404);
      await online(nationalKey, `/${code}/withdrawal`, { reason: 'x' }).expect(400);
      const res = await online(nationalKey, `/${code}/withdrawal`, { reason: 'Không còn nhu cầu' }, 'wd-00001').expect(200);
      expect(res.body).toMatchObject({ nationalStatus: 7, closedReason: 'Không còn nhu cầu' });
      await online(nationalKey, `/${code}/withdrawal`, { reason: 'Không còn nhu cầu' }, 'wd-00001').expect(200);
      await online(nationalKey, `/${code}/withdrawal`, { reason: 'Không còn nhu cầu' }, 'wd-00002').expect(409);
      expect(
        await count(`dossier_timeline t JOIN dossier d ON d.id = t.dossier_id WHERE d.code = '${code}' AND t.national_status = 7`),
      ).toBe(1);
    });
  });

  it('the supplement deadline: shown to staff and in the lookup, a supplement after it → 422, the expiry on the timeline', async () => {
    const res = await receive(counterBody()).expect(201);
    const { code, lookupSecret } = res.body as { code: string; lookupSecret: string };
    const deadline = new Date(Date.now() - 60_000); // already passed
    await inSupplement(code, deadline);
    const staff = await view(code);
    expect(new Date(staff.supplementDeadlineAt).getTime()).toBe(Math.floor(deadline.getTime() / 1000) * 1000);
    expect(staff.timeline.at(-1).description).toContain('Hạn bổ sung:');
    const lookup = await http().get(`/api/intake/v1/lookup/${code}?secret=${lookupSecret}`).expect(200);
    expect(lookup.body.supplementDeadlineLabel).toMatch(/^Hạn bổ sung: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    expect(lookup.body.supplementDeadlineAt).toBe(staff.supplementDeadlineAt);
    const late = await http()
      .post(`/api/intake/v1/dossiers/${code}/supplements`)
      .set('Authorization', bearer(clerk))
      .send({ note: 'Muộn' })
      .expect(422);
    expect(late.body.error).toMatchObject({ code: 'INTAKE.SUPPLEMENT_DEADLINE_PASSED' });
    expect(late.body.error.details[0]).toMatchObject({ field: 'supplementDeadlineAt', rule: 'beforeDeadline' });
    expect((await view(code)).nationalStatus).toBe(5);
    await bus.publish([
      makeEnvelope(PROCESSING_STOPPED, {
        dossierCode: code,
        stepId: 's1',
        agencyCode: HAC_THANH,
        stoppedBy: 'system',
        stoppedAt: new Date().toISOString(),
        reason: 'Hết hạn bổ sung',
        reasonCode: 'SUPPLEMENT_EXPIRED',
      }),
    ]);
    await waitStatus(code, 8);
    const stopped = await view(code);
    expect(stopped.timeline.at(-1).description).toBe(
      'Dừng xử lý: quá hạn bổ sung hồ sơ, công dân không bổ sung trong thời hạn (Hết hạn bổ sung)',
    );
  });

  it('a pre-filled reception replayed with its Idempotency-Key answers the stored dossier without asking the population database', async () => {
    sim.engine.reset();
    const b = counterBody({ applicant: { idNumber: '038085004567' }, prefillFromPopulationData: true });
    const first = await receive(b, clerk, 'prefill-0001').expect(201);
    expect(sim.engine.listCalls('038085004567')).toHaveLength(1);
    const again = await receive(b, clerk, 'prefill-0001').expect(200);
    expect(again.body).toMatchObject({ code: first.body.code, lookupSecret: first.body.lookupSecret, applicant: first.body.applicant });
    expect(sim.engine.listCalls('038085004567')).toHaveLength(1);
    await receive({ ...b, resultDelivery: 'POST' }, clerk, 'prefill-0001').expect(409);
    expect(sim.engine.listCalls('038085004567')).toHaveLength(1);
  });
});
