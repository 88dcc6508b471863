import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { POSTAL_PICKUP_FAILED, POSTAL_PICKUP_RECEIVED, POSTAL_PICKUP_SCHEDULED } from '@motcua/contracts';
import { createTestDatabase, expectEventually, pdfText, TestDatabase } from '@motcua/testing';
import { isValidS10 } from '../src';
import {
  bearer,
  connectWebhooks,
  FAST_POLLING,
  CENTRE,
  RecordedSimulator,
  RunningPostal,
  startPostal,
  startRecordedSimulator,
  strictlyIncreasingClock,
  pickupRequest,
  CENTRE_CLERK,
} from './support';

const clerk = CENTRE_CLERK;
const otherClerk: AuthUser = { sub: 'c2', name: 'Phạm Lan', roles: ['COUNTER_CLERK'], agencyCode: '000.00.07.H56' };
const portal: AuthUser = { sub: 'portal', name: 'Cổng DVC', roles: ['INTEGRATOR'], agencyCode: '000.00.00.G22' };
const specialist: AuthUser = { sub: 's1', name: 'Đỗ Minh', roles: ['SPECIALIST'], agencyCode: CENTRE };

const pickupBody = (overrides: Record<string, unknown> = {}) =>
  pickupRequest({ channel: 'PHONE', note: 'Gọi trước 15 phút', ...overrides });

describe('pickup orders (thu gom): the post collects a dossier at home and brings it to the centre', () => {
  let db: TestDatabase;
  let vnpost: RecordedSimulator;
  let postal: RunningPostal;
  let probe: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('postal_pickup');
    vnpost = await startRecordedSimulator({
      autoAdvance: false,
      seed: 9,
      now: strictlyIncreasingClock(),
      duplicateRate: 0.3,
      reorderRate: 0.3,
      reorderMaxHoldMs: 30,
    });
    postal = await startPostal(db.url, vnpost.url, FAST_POLLING);
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

  const http = () => request(postal.app.getHttpServer());
  const pickupCount = async () => Number((await probe.query(`SELECT count(*) AS n FROM pickup_request`))[0].n);

  it('collects at the address, records a failed pickup with its reason, and tells intake when the package reaches the centre', async () => {
    const created = await http().post('/api/postal/v1/pickups').set('Authorization', bearer(clerk)).send(pickupBody()).expect(201);
    expect(created.body).toMatchObject({
      kind: 'PICKUP',
      centreCode: CENTRE,
      channel: 'PHONE',
      applicant: { fullName: 'Trần Thị Bích Ngọc' },
    });
    expect(isValidS10(created.body.trackingNumber)).toBe(true);
    expect(created.body.reference).toBe(`TG-${created.body.trackingNumber}`);
    const engine = vnpost.sim.engine;
    const order = await expectEventually(() => {
      const o = engine.listOrders().find((x) => x.orderNumber === created.body.reference);
      if (!o) throw new Error('no carrier order yet');
      return o;
    });
    // from the citizen to the centre
    expect(order).toMatchObject({ itemCode: created.body.trackingNumber, senderName: 'Trần Thị Bích Ngọc', senderPhone: '0987654321' });
    expect(order.receiverName).toBe('Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa');

    engine.advance(order.itemCode, 2);
    engine.advance(order.itemCode, 4);
    engine.advance(order.itemCode, 5, 'Không gặp người gửi tại địa chỉ');
    await engine.whenWebhooksIdle();
    const failed = await expectEventually(async () => {
      const v = await http().get(`/api/postal/v1/pickups/${created.body.id}`).set('Authorization', bearer(clerk)).expect(200);
      expect(v.body.failures).toHaveLength(1);
      return v.body;
    });
    expect(failed.failures[0].reason).toBe('Không gặp người gửi tại địa chỉ');

    for (const status of [2, 4, 6, 7, 10, 11, 12, 14]) engine.advance(order.itemCode, status);
    await engine.whenWebhooksIdle();
    const history = engine.getHistory(order.itemCode);
    const event = await expectEventually(() => {
      const e = postal.published.filter((x) => x.type === POSTAL_PICKUP_RECEIVED && x.correlationId === created.body.reference);
      if (e.length !== 1) throw new Error(`pickup events: ${e.length}`);
      return e[0];
    });
    expect(event.data).toEqual({
      pickupId: created.body.id,
      reference: created.body.reference,
      trackingNumber: order.itemCode,
      centreCode: CENTRE,
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      applicant: { fullName: 'Trần Thị Bích Ngọc', phone: '0987654321' },
      pickupAddress: {
        recipientName: 'Trần Thị Bích Ngọc',
        phone: '0987654321',
        line: 'Số 5 ngõ 3 đường Bà Triệu',
        communeCode: '14755',
        provinceCode: '38',
      },
      // the postal receipt is when the post took the package (6), not when it arrived (14)
      postalReceiptAt: new Date(history.find((h) => h.statusCode === 6)!.time).toISOString(),
      arrivedAt: new Date(history.find((h) => h.statusCode === 14)!.time).toISOString(),
    });
    const arrived = await expectEventually(async () => {
      const v = await http().get(`/api/postal/v1/pickups/${created.body.id}`).set('Authorization', bearer(clerk)).expect(200);
      expect(v.body.timeline.map((t: { carrierStatus: number }) => t.carrierStatus)).toEqual(history.map((h) => h.statusCode));
      return v.body;
    });
    expect(arrived).toMatchObject({
      state: 'DELIVERED',
      postalReceiptAt: expect.stringMatching(/\+07:00$/),
      arrivedAt: expect.stringMatching(/\+07:00$/),
    });
    // pickup events only (scheduled, the failed attempt, received): a pickup is no result delivery
    expect(postal.published.filter((x) => x.correlationId === created.body.reference).map((x) => x.type)).toEqual([
      POSTAL_PICKUP_SCHEDULED,
      POSTAL_PICKUP_FAILED,
      POSTAL_PICKUP_RECEIVED,
    ]);

    // its label goes from the citizen to the centre
    const label = await http()
      .get(`/api/postal/v1/orders/${created.body.id}/label.pdf`)
      .set('Authorization', bearer(clerk))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const text = pdfText(label.body as Buffer);
    expect(text.indexOf('Trần Thị Bích Ngọc')).toBeLessThan(text.indexOf('Người nhận:'));
    expect(text).toContain(`Mã thu gom: ${created.body.reference}`);
  });

  it('refuses bad requests naming field and rule, storing nothing', async () => {
    const before = await pickupCount();
    const reversed = pickupBody({
      windowFrom: new Date(Date.now() + 7_200_000).toISOString(),
      windowTo: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const bad = await http().post('/api/postal/v1/pickups').set('Authorization', bearer(clerk)).send(reversed).expect(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'windowTo', rule: 'isAfter' })]);
    const invalid = await http()
      .post('/api/postal/v1/pickups')
      .set('Authorization', bearer(clerk))
      .send(
        pickupBody({
          channel: 'FAX',
          applicant: { fullName: 'Ngọc', phone: '12345' },
          address: { line: 'x', communeCode: '1', provinceCode: '38' },
        }),
      )
      .expect(400);
    expect([...new Set(invalid.body.error.details.map((d: { field: string }) => d.field))].sort()).toEqual([
      'address.communeCode',
      'address.line',
      'applicant.phone',
      'channel',
    ]);
    expect(await pickupCount()).toBe(before);
  });

  it('scopes pickups by role and centre', async () => {
    await http().post('/api/postal/v1/pickups').send(pickupBody()).expect(401);
    await http().post('/api/postal/v1/pickups').set('Authorization', bearer(specialist)).send(pickupBody()).expect(403);
    const foreign = await http()
      .post('/api/postal/v1/pickups')
      .set('Authorization', bearer(otherClerk))
      .send(pickupBody({ centreCode: CENTRE }))
      .expect(403);
    expect(foreign.body.error.code).toBe('POSTAL.CENTRE_FORBIDDEN');
    // the portal places pickups for any centre
    const viaPortal = await http()
      .post('/api/postal/v1/pickups')
      .set('Authorization', bearer(portal))
      .send(pickupBody({ channel: 'PORTAL', centreCode: CENTRE }))
      .expect(201);
    await http().get(`/api/postal/v1/pickups/${viaPortal.body.id}`).set('Authorization', bearer(clerk)).expect(200);
    const hidden = await http().get(`/api/postal/v1/pickups/${viaPortal.body.id}`).set('Authorization', bearer(otherClerk)).expect(404);
    expect(hidden.body.error.code).toBe('POSTAL.PICKUP_NOT_FOUND');
  });
});
