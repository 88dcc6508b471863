import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import {
  CATALOG_PROCEDURE_VERSION_PUBLISHED,
  DOSSIER_RECEIVED,
  EventEnvelope,
  POSTAL_DELIVERY_CANCELLED,
  validateEnvelope,
} from '@motcua/contracts';
import { createTestDatabase, expectEventually, makeEnvelope, TestDatabase } from '@motcua/testing';
import {
  bearer,
  CENTRE,
  dossier,
  RecordedSimulator,
  RunningPostal,
  startPostal,
  startRecordedSimulator,
  pickupRequest,
  CENTRE_CLERK,
} from './support';

const clerk = CENTRE_CLERK;
const admin: AuthUser = { sub: 'a1', name: 'Quản trị', roles: ['ADMIN'], agencyCode: CENTRE };
/** The post may carry neither its dossier nor its result (e.g. a procedure needing the applicant in person). */
const IN_PERSON = '1.000894';
/** The post may carry both; its postage comes from the tariff. */
const BY_POST = '1.001193';
const UNKNOWN = '9.999999';

function version(
  procedureCode: string,
  v: number,
  postMayCarryDossier: boolean,
  postMayCarryResult: boolean,
  effectiveFrom = '2026-01-01',
) {
  return makeEnvelope(
    CATALOG_PROCEDURE_VERSION_PUBLISHED,
    {
      procedureCode,
      version: v,
      name: 'Thủ tục thử nghiệm',
      fieldCode: 'HT',
      fieldName: 'Hộ tịch',
      competentAgency: 'COMMUNE_OF_RESIDENCE',
      processingTime: { unit: 'WORKING_DAYS', value: 3 },
      components: [{ code: 'TP01', name: 'Tờ khai', form: 'ORIGINAL', quantity: 1, required: true }],
      fees: [],
      onlineLevel: 'PARTIAL',
      postMayCarryDossier,
      postMayCarryResult,
      effectiveFrom,
      publishedAt: new Date().toISOString(),
    },
    { source: 'intake' },
  );
}

function pickupBody(procedureCode: string, communeCode = '14758') {
  return pickupRequest(
    {
      procedureCode,
      procedureName: 'Thủ tục thử nghiệm',
      applicant: { fullName: 'Đặng Văn Hùng', phone: '0911222333' },
      address: { line: 'Thôn Yên Lộ, số 9', communeCode, provinceCode: '38' },
    },
    2,
  );
}

describe('the catalog decides what the post may carry; pickups are priced from the tariff', () => {
  let db: TestDatabase;
  let vnpost: RecordedSimulator;
  let postal: RunningPostal;
  let probe: DataSource;
  const http = () => request(postal.app.getHttpServer());
  const orderCount = async () => Number((await probe.query('SELECT count(*) AS n FROM delivery_order'))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase('postal_catalog_rules');
    vnpost = await startRecordedSimulator({ autoAdvance: false, seed: 21 });
    postal = await startPostal(db.url, vnpost.url, { vnpostPollEnabled: false });
    probe = new DataSource({ type: 'postgres', url: db.url });
    await probe.initialize();
    // the in-person procedure's older version allowed the post; the version in force (v2) does not
    await postal.bus.publish([
      version(IN_PERSON, 1, true, true, '2025-01-01'),
      version(IN_PERSON, 2, false, false, '2026-01-01'),
      version(BY_POST, 1, true, true),
    ]);
    await expectEventually(async () => expect(Number((await probe.query('SELECT count(*) AS n FROM procedure_version'))[0].n)).toBe(3));
  });

  afterAll(async () => {
    await probe?.destroy();
    await postal?.close();
    await vnpost?.close();
    await db?.drop();
  });

  it('refuses a pickup the version in force does not let the post carry (422 naming procedureCode and the rule), nothing stored', async () => {
    const before = await orderCount();
    const res = await http().post('/api/postal/v1/pickups').set('Authorization', bearer(clerk)).send(pickupBody(IN_PERSON)).expect(422);
    expect(res.body.error.code).toBe('POSTAL.POST_MAY_NOT_CARRY_DOSSIER');
    expect(res.body.error.message).toBe(
      'Thủ tục này không tiếp nhận hồ sơ qua dịch vụ bưu chính, người dân nộp trực tiếp tại bộ phận một cửa'.normalize('NFC'),
    );
    expect(res.body.error.details).toEqual([
      expect.objectContaining({
        field: 'procedureCode',
        rule: 'postMayCarryDossier',
        message: expect.stringContaining(`${IN_PERSON} (phiên bản 2)`),
      }),
    ]);
    expect(await orderCount()).toBe(before);
    expect(await probe.query('SELECT 1 FROM pickup_request WHERE procedure_code = $1', [IN_PERSON])).toEqual([]);
    // allowed, and unknown to the catalog (today's behaviour): accepted
    await http().post('/api/postal/v1/pickups').set('Authorization', bearer(clerk)).send(pickupBody(BY_POST)).expect(201);
    await http().post('/api/postal/v1/pickups').set('Authorization', bearer(clerk)).send(pickupBody(UNKNOWN)).expect(201);
    expect(await orderCount()).toBe(before + 2);
  });

  it('opens no result delivery the post may not carry: intake is told once to hold the result at the counter', async () => {
    const d = dossier('POST');
    const received = makeEnvelope(
      DOSSIER_RECEIVED,
      { ...d.receivedEvent.data, procedureCode: IN_PERSON },
      { correlationId: d.code, source: 'intake' },
    );
    await postal.bus.publish([received]);
    await expectEventually(async () =>
      expect(await probe.query('SELECT 1 FROM delivery_request WHERE dossier_code = $1', [d.code])).toHaveLength(1),
    );
    // redelivered and republished resolution: still one notice
    await postal.bus.publish([d.resolvedEvent, d.resolvedEvent, { ...d.resolvedEvent, id: `${d.resolvedEvent.id.slice(0, -4)}cccc` }]);
    const cancelled = () => postal.published.filter((e) => e.type === POSTAL_DELIVERY_CANCELLED && e.data.dossierCode === d.code);
    await expectEventually(() => expect(cancelled()).toHaveLength(1));
    const [event] = cancelled() as EventEnvelope<Record<string, unknown>>[];
    expect(validateEnvelope(event).ok).toBe(true);
    expect(event.data).toEqual({
      dossierCode: d.code,
      cause: 'POST_MAY_NOT_CARRY_RESULT',
      centreCode: CENTRE,
      reason: expect.stringContaining(`Thủ tục ${IN_PERSON} (phiên bản 2) không cho phép trả kết quả qua dịch vụ bưu chính`),
      cancelledAt: d.resolvedEvent.data.resolvedAt,
    });
    // a marker dossier resolved afterwards gets its order: the in-person one still has none
    const marker = dossier('POST');
    await postal.bus.publish([marker.receivedEvent]);
    await expectEventually(async () =>
      expect(await probe.query('SELECT 1 FROM delivery_request WHERE dossier_code = $1', [marker.code])).toHaveLength(1),
    );
    await postal.bus.publish([marker.resolvedEvent]);
    await expectEventually(async () =>
      expect(await probe.query('SELECT 1 FROM delivery_order WHERE dossier_code = $1', [marker.code])).toHaveLength(1),
    );
    expect(await probe.query('SELECT 1 FROM delivery_order WHERE dossier_code = $1', [d.code])).toEqual([]);
    expect(cancelled()).toHaveLength(1);
    expect(postal.published.filter((e) => e.type === POSTAL_DELIVERY_CANCELLED && e.data.dossierCode === marker.code)).toEqual([]);
  });

  it('prices a pickup from the tariff (zones and weight bands of result deliveries) when the procedure says so', async () => {
    await http()
      .put(`/api/postal/v1/procedure-configs/${BY_POST}`)
      .set('Authorization', bearer(admin))
      .send({ postage: 9_999, codAmount: 0, postageFromTariff: true })
      .expect(200);
    const pickupAt = async (communeCode: string, provinceCode = '38', extra: Record<string, unknown> = {}) => {
      const body = { ...pickupBody(BY_POST, communeCode), ...extra };
      body.address = { ...body.address, provinceCode };
      const res = await http().post('/api/postal/v1/pickups').set('Authorization', bearer(clerk)).send(body).expect(201);
      const [row] = await probe.query('SELECT postage, postage_zone AS zone FROM delivery_order WHERE id = $1', [res.body.id]);
      return row as { postage: number; zone: string | null };
    };
    // EXAMPLE tariff, a 500 g dossier (PICKUP_WEIGHT_GRAMS): the 500 g band of each zone
    expect(await pickupAt('14755')).toEqual({ postage: 18_000, zone: 'SAME_COMMUNE' });
    expect(await pickupAt('14758')).toEqual({ postage: 24_000, zone: 'SAME_PROVINCE' });
    expect(await pickupAt('00004', '01')).toEqual({ postage: 34_000, zone: 'OTHER_PROVINCE' });
    // the request's own postage still wins; a procedure without tariff keeps its fixed amount
    expect(await pickupAt('14758', '38', { postage: 5_000 })).toEqual({ postage: 5_000, zone: null });
    await http()
      .put(`/api/postal/v1/procedure-configs/${BY_POST}`)
      .set('Authorization', bearer(admin))
      .send({ postage: 9_999, codAmount: 0 })
      .expect(200);
    expect(await pickupAt('14758')).toEqual({ postage: 9_999, zone: null });
  });
});
