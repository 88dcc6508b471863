import request from 'supertest';
import {
  POSTAL_DELIVERY_ATTEMPT_FAILED,
  POSTAL_DELIVERY_OUT_FOR_DELIVERY,
  POSTAL_PICKUP_FAILED,
  POSTAL_PICKUP_SCHEDULED,
} from '@motcua/contracts';
import { createTestDatabase, expectEventually, TestDatabase } from '@motcua/testing';
import { carrierEventId } from '../src/carriers/carrier-event-id';
import { ApplyCarrierUpdateUseCase } from '../src/orders/apply-carrier-update.use-case';
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
  pickupRequest,
  CENTRE_CLERK,
  CENTRE_POSTMAN,
  publishedOf,
} from './support';

const clerk = CENTRE_CLERK;
const postman = CENTRE_POSTMAN;

const pickupBody = () => pickupRequest();

describe('citizen-facing postal notices: pickup scheduled/failed, out for delivery and failed attempts, once per attempt', () => {
  let db: TestDatabase;
  let vnpost: RecordedSimulator;
  let postal: RunningPostal;
  const http = () => request(postal.app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase('postal_notices');
    vnpost = await startRecordedSimulator({ autoAdvance: false, seed: 5, now: strictlyIncreasingClock(), duplicateRate: 0.3 });
    postal = await startPostal(db.url, vnpost.url, { vnpostPollEnabled: false, deliveryMaxAttempts: 3, pickupMaxAttempts: 2 });
    connectWebhooks(vnpost.sim, postal);
  });

  afterAll(async () => {
    await postal?.close();
    await vnpost?.close();
    await db?.drop();
  });

  const events = (type: string, correlationId: string) => publishedOf(postal, type, correlationId);

  async function carrierPickup(body = pickupBody()) {
    const created = await http().post('/api/postal/v1/pickups').set('Authorization', bearer(clerk)).send(body).expect(201);
    const scheduled = await expectEventually(() => {
      const e = events(POSTAL_PICKUP_SCHEDULED, created.body.reference);
      if (e.length !== 1) throw new Error('not scheduled yet');
      return e[0];
    });
    return {
      id: created.body.id as string,
      reference: created.body.reference as string,
      trackingNumber: created.body.trackingNumber as string,
      scheduled,
    };
  }

  const recordFailure = (id: string, reason: string) =>
    http()
      .post(`/api/postal/v1/orders/${id}/attempts`)
      .set('Authorization', bearer(postman))
      .send({ outcome: 'FAILED', reason, at: new Date().toISOString() })
      .expect(201);

  it('tells the citizen the pickup is scheduled once the carrier accepts it', async () => {
    const body = pickupBody();
    const p = await carrierPickup(body);
    expect(p.scheduled.data).toEqual({
      pickupId: p.id,
      reference: p.reference,
      trackingNumber: p.trackingNumber,
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
      windowStart: body.windowFrom,
      windowEnd: body.windowTo,
      scheduledAt: expect.any(String),
    });
  });

  it('tells each failed pickup once, final at the configured attempt count, and then cancels the pickup at the carrier', async () => {
    const p = await carrierPickup();
    await recordFailure(p.id, 'RECIPIENT_ABSENT');
    vnpost.sim.engine.advance(p.trackingNumber, 5, 'Không gặp người gửi tại địa chỉ');
    await vnpost.sim.engine.whenWebhooksIdle();
    const failed = await expectEventually(() => {
      const e = events(POSTAL_PICKUP_FAILED, p.reference);
      if (e.length !== 2) throw new Error(`pickup failures told: ${e.length}`);
      return e;
    });
    expect(failed.map((e) => [e.data.attempt, e.data.final, e.data.reason])).toEqual([
      [1, false, 'Người nhận vắng nhà'],
      [2, true, 'Không gặp người gửi tại địa chỉ'],
    ]);
    // given up: cancelled here and at the carrier
    await expectEventually(() => expect(vnpost.sim.engine.getOrder(p.trackingNumber).statusCode).toBe(9));
    const view = await http().get(`/api/postal/v1/pickups/${p.id}`).set('Authorization', bearer(clerk)).expect(200);
    expect(view.body.state).toBe('CANCELLED');
    // a later failure is recorded in the timeline but told no more
    await recordFailure(p.id, 'PHONE_UNREACHABLE');
    await vnpost.sim.engine.whenWebhooksIdle();
    expect(events(POSTAL_PICKUP_FAILED, p.reference)).toHaveLength(2);
  });

  it('makes the failed pickup final at once when the citizen no longer wants it', async () => {
    const p = await carrierPickup();
    await recordFailure(p.id, 'CITIZEN_CANCELLED');
    const failed = await expectEventually(() => {
      const e = events(POSTAL_PICKUP_FAILED, p.reference);
      if (e.length !== 1) throw new Error('not told yet');
      return e[0];
    });
    expect(failed.data).toMatchObject({ attempt: 1, final: true, reason: 'Người dân không còn yêu cầu thu gom' });
  });

  async function resultOrder() {
    const d = dossier('POST');
    await postal.bus.publish([d.receivedEvent]);
    await postal.bus.publish([d.resolvedEvent]);
    const trackingNumber = await expectEventually(() => {
      const o = vnpost.sim.engine.listOrders().find((x) => x.orderNumber === d.code);
      if (!o) throw new Error('no carrier order yet');
      return o.itemCode;
    });
    return { code: d.code, trackingNumber };
  }

  it('tells "out for delivery" once per attempt however often VNPost repeats it, and each failed attempt with willRetry', async () => {
    const { code, trackingNumber } = await resultOrder();
    const engine = vnpost.sim.engine;
    for (const s of [2, 6, 7, 10, 11, 12, 12]) engine.advance(trackingNumber, s); // "đang phát" twice for one attempt
    engine.advance(trackingNumber, 15, 'Người nhận vắng nhà');
    engine.advance(trackingNumber, 12);
    engine.advance(trackingNumber, 12);
    engine.advance(trackingNumber, 15, 'Không liên lạc được với người nhận');
    engine.advance(trackingNumber, 12);
    engine.advance(trackingNumber, 14);
    await engine.whenWebhooksIdle();
    await expectEventually(() => {
      if (events(POSTAL_DELIVERY_OUT_FOR_DELIVERY, code).length < 3 || events(POSTAL_DELIVERY_ATTEMPT_FAILED, code).length < 2)
        throw new Error('not all told yet');
    });
    // the webhook redelivers some (duplicateRate) and the same status change may be posted again: nothing more is told
    const apply = postal.app.get(ApplyCarrierUpdateUseCase);
    for (const h of engine.getHistory(trackingNumber)) {
      const time = new Date(h.time);
      expect(
        await apply.execute({
          eventId: carrierEventId(trackingNumber, h.statusCode, time, h.note),
          itemCode: trackingNumber,
          statusCode: h.statusCode,
          time,
          note: h.note,
        }),
      ).toBe('duplicate');
    }
    const out = events(POSTAL_DELIVERY_OUT_FOR_DELIVERY, code);
    expect(out.map((e) => e.data.attempt)).toEqual([1, 2, 3]);
    expect(out[0].data).toEqual({
      dossierCode: code,
      orderId: expect.any(String),
      trackingNumber,
      attempt: 1,
      outForDeliveryAt: expect.any(String),
    });
    const failed = events(POSTAL_DELIVERY_ATTEMPT_FAILED, code);
    expect(failed.map((e) => [e.data.attempt, e.data.maxAttempts, e.data.willRetry, e.data.reason])).toEqual([
      [1, 3, true, 'Người nhận vắng nhà'],
      [2, 3, true, 'Không liên lạc được với người nhận'],
    ]);
  });

  it('says no retry at the last configured attempt, and tells nothing stale (late "out for delivery", failure after delivery)', async () => {
    const a = await resultOrder();
    const engine = vnpost.sim.engine;
    for (const s of [2, 6, 7, 10, 11]) engine.advance(a.trackingNumber, s);
    for (let i = 0; i < 3; i++) {
      engine.advance(a.trackingNumber, 12);
      engine.advance(a.trackingNumber, 15, `Vắng nhà lần ${i + 1}`);
    }
    for (const s of [16, 17, 18, 19]) engine.advance(a.trackingNumber, s);
    await engine.whenWebhooksIdle();
    const failed = await expectEventually(() => {
      const e = events(POSTAL_DELIVERY_ATTEMPT_FAILED, a.code);
      if (e.length !== 3) throw new Error('not all told yet');
      return e;
    });
    expect(failed.map((e) => e.data.willRetry)).toEqual([true, true, false]);

    // reordered by hand: a failure arriving before its own "out for delivery", a failure arriving after the delivery
    const b = await resultOrder();
    const apply = postal.app.get(ApplyCarrierUpdateUseCase);
    const t0 = Date.now();
    const update = (statusCode: number, offset: number, note = '') => {
      const time = new Date(t0 + offset);
      return apply.execute({
        eventId: carrierEventId(b.trackingNumber, statusCode, time, note),
        itemCode: b.trackingNumber,
        statusCode,
        time,
        note,
      });
    };
    expect(await update(15, 2000, 'Người nhận vắng nhà')).toBe('applied');
    expect(await update(12, 1000)).toBe('stale'); // attempt 1 went out before it failed: over, not told
    expect(await update(12, 3000)).toBe('applied');
    expect(await update(14, 4000)).toBe('applied');
    expect(await update(15, 2500, 'Sai địa chỉ')).toBe('stale'); // counted, but the result is delivered
    expect(await update(12, 3500)).toBe('stale');
    await expectEventually(() => expect(events(POSTAL_DELIVERY_OUT_FOR_DELIVERY, b.code)).toHaveLength(1));
    expect(events(POSTAL_DELIVERY_OUT_FOR_DELIVERY, b.code)[0].data.attempt).toBe(2);
    await expectEventually(() =>
      expect(events(POSTAL_DELIVERY_ATTEMPT_FAILED, b.code).map((e) => [e.data.attempt, e.data.reason])).toEqual([
        [1, 'Người nhận vắng nhà'],
      ]),
    );
  });
});
