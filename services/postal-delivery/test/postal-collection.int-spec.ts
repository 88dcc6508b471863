import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { CATALOG_PROCEDURE_VERSION_PUBLISHED, POSTAL_PICKUP_FAILED, POSTAL_PICKUP_RECEIVED, validateEnvelope } from '@motcua/contracts';
import { createTestDatabase, expectEventually, makeEnvelope, TestDatabase } from '@motcua/testing';
import {
  bearer,
  connectWebhooks,
  RecordedSimulator,
  RunningPostal,
  startPostal,
  startRecordedSimulator,
  strictlyIncreasingClock,
  pickupRequest,
  CENTRE_CLERK,
  CENTRE_POSTMAN,
} from './support';

const clerk = CENTRE_CLERK;
const postman = CENTRE_POSTMAN;
const otherPostman: AuthUser = { sub: 'pm2', name: 'Vũ Văn Nam', roles: ['POSTMAN'], agencyCode: '000.00.07.H56' };
const PROCEDURE = '1.004227';

/** A published version of the marriage registration procedure (components TP01, TP02 required; TP03 conditional). */
function version(v: number, overrides: Record<string, unknown> = {}) {
  return makeEnvelope(
    CATALOG_PROCEDURE_VERSION_PUBLISHED,
    {
      procedureCode: PROCEDURE,
      version: v,
      name: 'Đăng ký kết hôn',
      fieldCode: 'HT',
      fieldName: 'Hộ tịch',
      competentAgency: 'COMMUNE_OF_RESIDENCE',
      processingTime: { unit: 'WORKING_DAYS', value: 3 },
      components: [
        { code: 'TP01', name: 'Tờ khai đăng ký kết hôn', form: 'ORIGINAL', quantity: 1, required: true },
        { code: 'TP02', name: 'Giấy xác nhận tình trạng hôn nhân', form: 'ORIGINAL', quantity: 2, required: true },
        {
          code: 'TP03',
          name: 'Văn bản ủy quyền',
          form: 'CERTIFIED_COPY',
          quantity: 1,
          required: false,
          condition: 'Khi nộp thay',
        },
      ],
      fees: [
        { name: 'Lệ phí đăng ký kết hôn', amountVnd: 30_000 * v },
        { name: 'Phí sao y', amountVnd: 5_000 },
      ],
      onlineLevel: 'PARTIAL',
      postMayCarryDossier: true,
      postMayCarryResult: true,
      effectiveFrom: '2026-01-01',
      publishedAt: new Date().toISOString(),
      ...overrides,
    },
    { source: 'intake' },
  );
}

function pickupBody(procedureCode = PROCEDURE) {
  return pickupRequest(
    {
      channel: 'COUNTER',
      procedureCode,
      procedureName: 'Đăng ký kết hôn',
      applicant: { fullName: 'Đặng Văn Hùng', phone: '0911222333' },
      address: { line: 'Thôn Yên Lộ, số 9', communeCode: '14758', provinceCode: '38' },
    },
    2,
  );
}

describe('pickup at the door: the procedure’s component list, what was taken, fees and the sealed package', () => {
  let db: TestDatabase;
  let vnpost: RecordedSimulator;
  let postal: RunningPostal;
  let probe: DataSource;
  const http = () => request(postal.app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase('postal_collection');
    vnpost = await startRecordedSimulator({ autoAdvance: false, seed: 3, now: strictlyIncreasingClock() });
    postal = await startPostal(db.url, vnpost.url, { vnpostPollEnabled: false });
    connectWebhooks(vnpost.sim, postal);
    probe = new DataSource({ type: 'postgres', url: db.url });
    await probe.initialize();
  });

  afterAll(async () => {
    await probe?.destroy();
    await postal?.close();
    await vnpost?.close();
    await db?.drop();
  });

  async function pickup(procedureCode = PROCEDURE) {
    const created = await http()
      .post('/api/postal/v1/pickups')
      .set('Authorization', bearer(clerk))
      .send(pickupBody(procedureCode))
      .expect(201);
    await expectEventually(() => {
      if (!vnpost.sim.engine.listOrders().some((o) => o.itemCode === created.body.trackingNumber))
        throw new Error('not at the carrier yet');
    });
    return created.body as { id: string; reference: string; trackingNumber: string };
  }

  const collect = (id: string, body: Record<string, unknown>, user = postman) =>
    http().post(`/api/postal/v1/pickups/${id}/collection`).set('Authorization', bearer(user)).send(body);

  const good = () => ({
    components: [
      { code: 'TP01', quantity: 1 },
      { code: 'TP02', quantity: 2 },
    ],
    feesCollectedVnd: 65_000,
    sealNumber: 'NP-0012345',
    at: new Date().toISOString(),
  });

  it('learns the catalog from intake’s events: every version once, a late older one and a future one never win', async () => {
    await postal.bus.publish([version(2)]);
    await postal.bus.publish([version(1)]); // late, older
    await postal.bus.publish([version(2)]); // redelivered
    await postal.bus.publish([version(3, { effectiveFrom: '2099-01-01' })]); // not yet in force
    await expectEventually(async () => {
      const rows = await probe.query(`SELECT version FROM procedure_version WHERE procedure_code = $1 ORDER BY version`, [PROCEDURE]);
      expect(rows.map((r: { version: number }) => r.version)).toEqual([1, 2, 3]);
    });
    const p = await pickup();
    const view = await http().get(`/api/postal/v1/pickups/${p.id}`).set('Authorization', bearer(postman)).expect(200);
    expect(view.body.checklist).toEqual({
      procedureVersion: 2,
      components: [
        { code: 'TP01', name: 'Tờ khai đăng ký kết hôn', form: 'ORIGINAL', quantity: 1, required: true },
        { code: 'TP02', name: 'Giấy xác nhận tình trạng hôn nhân', form: 'ORIGINAL', quantity: 2, required: true },
        { code: 'TP03', name: 'Văn bản ủy quyền', form: 'CERTIFIED_COPY', quantity: 1, required: false, condition: 'Khi nộp thay' },
      ],
      fees: [
        { name: 'Lệ phí đăng ký kết hôn', amountVnd: 60_000 },
        { name: 'Phí sao y', amountVnd: 5_000 },
      ],
      feesTotalVnd: 65_000,
    });
    expect(view.body.collection).toBeNull();
  });

  it('checks what was taken against the list: unknown or repeated codes and excess fees 400, a missing required one 422, nothing stored', async () => {
    const p = await pickup();
    const unknown = await collect(p.id, {
      ...good(),
      components: [
        { code: 'TP01', quantity: 1 },
        { code: 'TP09', quantity: 1 },
        { code: 'TP01', quantity: 1 },
      ],
      feesCollectedVnd: 70_000,
    }).expect(400);
    expect(unknown.body.error.details.map((d: { field: string; rule: string }) => [d.field, d.rule])).toEqual([
      ['components[1].code', 'isListedComponent'],
      ['components[2].code', 'unique'],
      ['feesCollectedVnd', 'maxProcedureFees'],
    ]);
    const malformed = await collect(p.id, { ...good(), sealNumber: 'np 1', components: [{ code: 'TP01', quantity: 0 }] }).expect(400);
    expect(malformed.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['components.0.quantity', 'sealNumber']);
    const missing = await collect(p.id, { ...good(), components: [{ code: 'TP01', quantity: 1 }] }).expect(422);
    expect(missing.body.error.code).toBe('POSTAL.PICKUP_COMPONENTS_MISSING');
    expect(missing.body.error.message).toContain('thiếu giấy tờ');
    expect(missing.body.error.details).toEqual([
      expect.objectContaining({ field: 'components', rule: 'required', message: expect.stringContaining('TP02') }),
    ]);
    await collect(p.id, good(), clerk).expect(403);
    await collect(p.id, good(), otherPostman).expect(404);
    const view = await http().get(`/api/postal/v1/pickups/${p.id}`).set('Authorization', bearer(clerk)).expect(200);
    expect(view.body).toMatchObject({ state: 'CREATED', collection: null, postalReceiptAt: null });
  });

  it('records the collection on the pickup (components, fees, seal), counts it as collected, and hands it to the centre on arrival', async () => {
    const p = await pickup();
    const at = new Date().toISOString();
    const res = await collect(p.id, {
      ...good(),
      components: [...good().components, { code: 'TP03', quantity: 1 }],
      at,
      note: 'Nộp thay',
    }).expect(201);
    expect(res.body).toMatchObject({ state: 'PICKED_UP', postalReceiptAt: expect.stringMatching(/\+07:00$/) });
    expect(Date.parse(res.body.postalReceiptAt)).toBe(Math.floor(Date.parse(at) / 1000) * 1000); // shown to the second
    expect(res.body.collection).toEqual({
      at: expect.stringMatching(/\+07:00$/),
      by: 'pm1',
      procedureVersion: 2,
      components: [
        { code: 'TP01', name: 'Tờ khai đăng ký kết hôn', quantity: 1, required: true },
        { code: 'TP02', name: 'Giấy xác nhận tình trạng hôn nhân', quantity: 2, required: true },
        { code: 'TP03', name: 'Văn bản ủy quyền', quantity: 1, required: false },
      ],
      feesExpectedVnd: 65_000,
      feesCollectedVnd: 65_000,
      sealNumber: 'NP-0012345',
      note: 'Nộp thay',
    });
    expect(res.body.timeline.at(-1)).toMatchObject({ carrierStatus: 6, source: 'MANUAL', note: 'Đã thu gom, niêm phong số NP-0012345' });
    const again = await collect(p.id, good()).expect(409);
    expect(again.body.error.code).toBe('POSTAL.PICKUP_ALREADY_COLLECTED');

    const engine = vnpost.sim.engine;
    for (const s of [2, 6, 7, 10, 11, 12, 14]) engine.advance(p.trackingNumber, s);
    await engine.whenWebhooksIdle();
    const received = await expectEventually(() => {
      const e = postal.published.filter((x) => x.type === POSTAL_PICKUP_RECEIVED && x.correlationId === p.reference);
      if (e.length !== 1) throw new Error('not arrived yet');
      return e[0];
    });
    expect(validateEnvelope(received).ok).toBe(true);
    expect(received.data).toMatchObject({
      postalReceiptAt: at,
      componentsTaken: [
        { code: 'TP01', name: 'Tờ khai đăng ký kết hôn', quantity: 1 },
        { code: 'TP02', name: 'Giấy xác nhận tình trạng hôn nhân', quantity: 2 },
        { code: 'TP03', name: 'Văn bản ủy quyền', quantity: 1 },
      ],
      feesCollectedVnd: 65_000,
      sealNumber: 'NP-0012345',
    });
    const atCentre = await http().get(`/api/postal/v1/pickups/${p.id}`).set('Authorization', bearer(clerk)).expect(200);
    expect(atCentre.body).toMatchObject({ state: 'DELIVERED', collection: { sealNumber: 'NP-0012345', feesCollectedVnd: 65_000 } });
  });

  it('lets the postman record a failed pickup "thiếu giấy tờ" instead, and refuses a procedure the catalog does not know', async () => {
    const p = await pickup();
    await http()
      .post(`/api/postal/v1/orders/${p.id}/attempts`)
      .set('Authorization', bearer(postman))
      .send({ outcome: 'FAILED', reason: 'MISSING_DOCUMENTS', note: 'Thiếu TP02', at: new Date().toISOString() })
      .expect(201);
    const failed = await expectEventually(() => {
      const e = postal.published.filter((x) => x.type === POSTAL_PICKUP_FAILED && x.correlationId === p.reference);
      if (e.length !== 1) throw new Error('not told yet');
      return e[0];
    });
    expect(failed.data).toMatchObject({ attempt: 1, final: false, reason: 'Thiếu giấy tờ trong thành phần hồ sơ — Thiếu TP02' });

    const unknown = await pickup('2.000001');
    const res = await collect(unknown.id, good()).expect(409);
    expect(res.body.error.code).toBe('POSTAL.PROCEDURE_NOT_IN_CATALOG');
    const view = await http().get(`/api/postal/v1/pickups/${unknown.id}`).set('Authorization', bearer(postman)).expect(200);
    expect(view.body.checklist).toBeNull();
  });
});
