import request from 'supertest';
import { AuthUser } from '@motcua/auth';
import { localDate } from '@motcua/calendar';
import { CATALOG_PROCEDURE_VERSION_PUBLISHED } from '@motcua/contracts';
import { createTestDatabase, expectEventually, makeEnvelope, TestDatabase } from '@motcua/testing';
import {
  bearer,
  CENTRE,
  connectWebhooks,
  dossier,
  RecordedSimulator,
  RunningPostal,
  startPostal,
  startRecordedSimulator,
  strictlyIncreasingClock,
} from './support';

const admin: AuthUser = { sub: 'a1', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' };
const postalClerk: AuthUser = { sub: 'p1', name: 'Trần Văn Bưu', roles: ['POSTAL_CLERK'], agencyCode: CENTRE };
const supervisor: AuthUser = { sub: 'v1', name: 'Lê Giám Sát', roles: ['SUPERVISOR'], agencyCode: CENTRE };

const TARIFF = [
  { zone: 'SAME_COMMUNE', maxWeightGrams: 100, postageVnd: 9_000 },
  { zone: 'SAME_COMMUNE', maxWeightGrams: 500, postageVnd: 12_000 },
  { zone: 'SAME_PROVINCE', maxWeightGrams: 500, postageVnd: 16_000 },
  { zone: 'OTHER_PROVINCE', maxWeightGrams: 150, postageVnd: 21_000 },
  { zone: 'OTHER_PROVINCE', maxWeightGrams: 1000, postageVnd: 30_000 },
];

type Order = {
  id: string;
  trackingNumber: string;
  postage: number;
  codAmount: number;
  codFees: number;
  codPostage: number;
  postageZone: string | null;
};

describe('postage from the tariff (zone, weight) and COD of fees and postage paid at the door, reconciled', () => {
  let db: TestDatabase;
  let vnpost: RecordedSimulator;
  let postal: RunningPostal;
  const today = localDate(new Date());
  const http = () => request(postal.app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase('postal_tariff');
    vnpost = await startRecordedSimulator({ autoAdvance: false, seed: 21, now: strictlyIncreasingClock() });
    postal = await startPostal(db.url, vnpost.url, { vnpostPollEnabled: false, resultWeightGrams: 200 });
    connectWebhooks(vnpost.sim, postal);
  });

  afterAll(async () => {
    await postal?.close();
    await vnpost?.close();
    await db?.drop();
  });

  /** A resolved dossier whose result goes by post to a commune/province; the order once the carrier has it. */
  async function resultTo(communeCode: string, provinceCode: string, procedureCode = '1.001193'): Promise<Order> {
    const d = dossier('POST');
    const data = d.receivedEvent.data as { procedureCode: string; deliveryAddress: { communeCode: string; provinceCode: string } };
    data.procedureCode = procedureCode;
    data.deliveryAddress.communeCode = communeCode;
    data.deliveryAddress.provinceCode = provinceCode;
    await postal.bus.publish([d.receivedEvent]);
    await postal.bus.publish([d.resolvedEvent]);
    return expectEventually(async () => {
      const res = await http().get(`/api/postal/v1/dossiers/${d.code}/orders`).set('Authorization', bearer(postalClerk)).expect(200);
      if (res.body.length !== 1 || res.body[0].state === 'PENDING') throw new Error('not with the carrier yet');
      return res.body[0] as Order;
    });
  }

  it('ships an example tariff, marked as such, that only ADMIN replaces (every zone, no repeated band)', async () => {
    const example = await http().get('/api/postal/v1/postage-tariff').set('Authorization', bearer(supervisor)).expect(200);
    expect(example.body.example).toBe(true);
    expect(example.body.bands).toHaveLength(9);
    await http().put('/api/postal/v1/postage-tariff').set('Authorization', bearer(postalClerk)).send({ bands: TARIFF }).expect(403);
    const missingZone = await http()
      .put('/api/postal/v1/postage-tariff')
      .set('Authorization', bearer(admin))
      .send({ bands: [TARIFF[0], TARIFF[1], TARIFF[2], TARIFF[2]] })
      .expect(400);
    expect(missingZone.body.error.details.map((d: { field: string; rule: string }) => [d.field, d.rule])).toEqual([
      ['bands[3].maxWeightGrams', 'unique'],
      ['bands', 'everyZone'],
    ]);
    const badBand = await http()
      .put('/api/postal/v1/postage-tariff')
      .set('Authorization', bearer(admin))
      .send({ bands: [...TARIFF, { zone: 'MOON', maxWeightGrams: 0, postageVnd: -1 }] })
      .expect(400);
    expect(badBand.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'bands.5.maxWeightGrams',
      'bands.5.postageVnd',
      'bands.5.zone',
    ]);
    const replaced = await http()
      .put('/api/postal/v1/postage-tariff')
      .set('Authorization', bearer(admin))
      .send({ bands: TARIFF })
      .expect(200);
    expect(replaced.body.example).toBe(false);
    expect(replaced.body.bands).toHaveLength(5);
  });

  it('quotes postage by zone and weight band, and collects fees and postage on delivery as COD (GTG021)', async () => {
    await postal.bus.publish([
      makeEnvelope(
        CATALOG_PROCEDURE_VERSION_PUBLISHED,
        {
          procedureCode: '1.001193',
          version: 1,
          name: 'Đăng ký khai sinh',
          fieldCode: 'HT',
          fieldName: 'Hộ tịch',
          competentAgency: 'COMMUNE_OF_RESIDENCE',
          processingTime: { unit: 'WITHIN_DAY', value: 0 },
          components: [{ code: 'TP01', name: 'Tờ khai đăng ký khai sinh', form: 'ORIGINAL', quantity: 1, required: true }],
          fees: [{ name: 'Lệ phí cấp bản sao trích lục', amountVnd: 8_000 }],
          onlineLevel: 'FULL',
          postMayCarryDossier: true,
          postMayCarryResult: true,
          effectiveFrom: '2026-01-01',
          publishedAt: new Date().toISOString(),
        },
        { source: 'intake' },
      ),
    ]);
    await http()
      .put('/api/postal/v1/procedure-configs/1.001193')
      .set('Authorization', bearer(admin))
      .send({ postage: 0, codAmount: 0, postageFromTariff: true, feesOnDelivery: true, postageOnDelivery: true })
      .expect(200);
    await http()
      .put('/api/postal/v1/procedure-configs/2.000305')
      .set('Authorization', bearer(admin))
      .send({ postage: 0, codAmount: 0, postageFromTariff: true, feesOnDelivery: true })
      .expect(200);

    const sameCommune = await resultTo('14755', '38'); // the centre's own commune (senderCommuneCode)
    expect(sameCommune).toMatchObject({
      postageZone: 'SAME_COMMUNE',
      postage: 12_000,
      codFees: 8_000,
      codPostage: 12_000,
      codAmount: 20_000,
    });
    const sameProvince = await resultTo('14758', '38');
    expect(sameProvince).toMatchObject({ postageZone: 'SAME_PROVINCE', postage: 16_000, codAmount: 24_000 });
    const otherProvince = await resultTo('00004', '01');
    expect(otherProvince).toMatchObject({ postageZone: 'OTHER_PROVINCE', postage: 30_000, codAmount: 38_000 });
    // fees unknown (procedure not in the catalog) and postage prepaid: no COD
    const unknownFees = await resultTo('14758', '38', '2.000305');
    expect(unknownFees).toMatchObject({ postage: 16_000, codFees: 0, codPostage: 0, codAmount: 0 });

    const engine = vnpost.sim.engine;
    expect(engine.getOrder(otherProvince.trackingNumber)).toMatchObject({
      codAmount: 38_000,
      addonServices: [{ code: 'GTG021', propValue: [{ propCode: 'PROP0018', propValue: '38000' }] }],
    });
    expect(engine.getOrder(unknownFees.trackingNumber).codAmount).toBe(0);

    for (const o of [sameCommune, sameProvince]) {
      engine.advance(o.trackingNumber, 14);
      engine.advance(o.trackingNumber, 21);
    }
    await engine.whenWebhooksIdle();
    const rec = await expectEventually(async () => {
      const res = await http()
        .get(`/api/postal/v1/reconciliation?centre=${CENTRE}&date=${today}`)
        .set('Authorization', bearer(postalClerk))
        .expect(200);
      if (res.body.lines.filter((l: { codReported: number | null }) => l.codReported !== null).length !== 2)
        throw new Error('reports not in');
      return res.body;
    });
    expect(rec.totals).toEqual({ orders: 4, postage: 74_000, codExpected: 82_000, codReported: 44_000, discrepancies: 1 });
    expect(rec.codBreakdown).toEqual({ fees: 24_000, postage: 58_000, other: 0 });
    expect(
      rec.lines.map((l: { trackingNumber: string; codFees: number; codPostage: number; status: string }) => [
        l.trackingNumber,
        l.codFees,
        l.codPostage,
        l.status,
      ]),
    ).toEqual([
      [sameCommune.trackingNumber, 8_000, 12_000, 'MATCHED'],
      [sameProvince.trackingNumber, 8_000, 16_000, 'MATCHED'],
      [otherProvince.trackingNumber, 8_000, 30_000, 'NOT_REPORTED'],
      [unknownFees.trackingNumber, 0, 0, 'MATCHED'],
    ]);
  });
});
