import request from 'supertest';
import { AuthUser } from '@motcua/auth';
import { POSTAL_DELIVERY_CANCELLED, POSTAL_PICKUP_FAILED } from '@motcua/contracts';
import { createTestDatabase, expectEventually, TestDatabase } from '@motcua/testing';
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
const portal: AuthUser = { sub: 'portal', name: 'Cổng DVC', roles: ['INTEGRATOR'], agencyCode: CENTRE };
const postman = CENTRE_POSTMAN;
const otherClerk: AuthUser = { sub: 'c2', name: 'Phạm Lan', roles: ['COUNTER_CLERK'], agencyCode: '000.00.07.H56' };

const pickupBody = () => pickupRequest();

describe('cancelling a pickup (before collection) or a result delivery (before it goes out), at the carrier first', () => {
  let db: TestDatabase;
  let vnpost: RecordedSimulator;
  let postal: RunningPostal;
  const http = () => request(postal.app.getHttpServer());
  const cancel = (id: string, user: AuthUser, reason = 'Người dân tự nộp hồ sơ tại quầy') =>
    http().post(`/api/postal/v1/orders/${id}/cancel`).set('Authorization', bearer(user)).send({ reason });

  beforeAll(async () => {
    db = await createTestDatabase('postal_cancel');
    vnpost = await startRecordedSimulator({ autoAdvance: false, seed: 4, now: strictlyIncreasingClock() });
    postal = await startPostal(db.url, vnpost.url, { vnpostPollEnabled: false });
    connectWebhooks(vnpost.sim, postal);
  });

  afterAll(async () => {
    await postal?.close();
    await vnpost?.close();
    await db?.drop();
  });

  const told = (type: string, correlationId: string) => publishedOf(postal, type, correlationId).map((e) => e.data);

  async function pickup() {
    const created = await http().post('/api/postal/v1/pickups').set('Authorization', bearer(clerk)).send(pickupBody()).expect(201);
    await expectEventually(() => expect(vnpost.sim.engine.getOrder(created.body.trackingNumber).statusCode).toBe(1));
    await expectEventually(async () => {
      const v = await http().get(`/api/postal/v1/pickups/${created.body.id}`).set('Authorization', bearer(clerk)).expect(200);
      expect(v.body.state).toBe('CREATED');
    });
    return created.body as { id: string; trackingNumber: string };
  }

  /** Moves the carrier's order on without telling us (no webhook), so our state lags behind the carrier's. */
  async function advanceSilently(itemCode: string, statuses: number[]) {
    const engine = vnpost.sim.engine;
    await engine.whenWebhooksIdle();
    engine.configure({ webhookUrl: '' });
    for (const s of statuses) engine.advance(itemCode, s);
    connectWebhooks(vnpost.sim, postal);
  }

  it('cancels a pickup the citizen no longer wants: the carrier cancels it, the timeline says who and why, again is harmless', async () => {
    const p = await pickup();
    const res = await cancel(p.id, portal).expect(200);
    expect(res.body).toMatchObject({
      orderId: p.id,
      kind: 'PICKUP',
      state: 'CANCELLED',
      stateLabel: 'Đã hủy',
      cancelledAt: expect.stringMatching(/\+07:00$/),
    });
    expect(vnpost.sim.engine.getOrder(p.trackingNumber).statusCode).toBe(9);
    await vnpost.sim.engine.whenWebhooksIdle();
    const view = await http().get(`/api/postal/v1/pickups/${p.id}`).set('Authorization', bearer(clerk)).expect(200);
    expect(view.body.state).toBe('CANCELLED');
    expect(view.body.timeline).toContainEqual(
      expect.objectContaining({ carrierStatus: 9, source: 'MANUAL', note: 'Người dân tự nộp hồ sơ tại quầy' }),
    );
    // the citizen is told: the pickup's final failure, the cancellation as reason
    const reference = view.body.reference as string;
    expect(told(POSTAL_PICKUP_FAILED, reference)).toEqual([
      expect.objectContaining({
        pickupId: p.id,
        reference,
        centreCode: CENTRE,
        applicant: { fullName: 'Trần Thị Bích Ngọc', phone: '0987654321' },
        reason: 'Đã hủy yêu cầu thu gom: Người dân tự nộp hồ sơ tại quầy',
        attempt: 1,
        final: true,
      }),
    ]);
    expect((await cancel(p.id, clerk).expect(200)).body.state).toBe('CANCELLED');
    expect(told(POSTAL_PICKUP_FAILED, reference)).toHaveLength(1); // again: told once
    // a cancelled pickup is no longer on the postman's round
    const worklist = await http().get('/api/postal/v1/postmen/me/worklist').set('Authorization', bearer(postman)).expect(200);
    expect(worklist.body.items.map((i: { trackingNumber: string }) => i.trackingNumber)).not.toContain(p.trackingNumber);
  });

  it('keeps the pickup when the carrier refuses (already collected), and refuses by itself once it knows of the collection', async () => {
    const p = await pickup();
    await advanceSilently(p.trackingNumber, [2, 6]);
    const refused = await cancel(p.id, clerk).expect(409);
    expect(refused.body.error.code).toBe('POSTAL.CARRIER_REFUSED_CANCEL');
    const view = await http().get(`/api/postal/v1/pickups/${p.id}`).set('Authorization', bearer(clerk)).expect(200);
    expect(view.body.state).toBe('CREATED');
    expect(view.body.timeline.map((t: { carrierStatus: number }) => t.carrierStatus)).not.toContain(9);

    vnpost.sim.engine.advance(p.trackingNumber, 7);
    await vnpost.sim.engine.whenWebhooksIdle();
    await expectEventually(async () => {
      const v = await http().get(`/api/postal/v1/pickups/${p.id}`).set('Authorization', bearer(clerk)).expect(200);
      expect(v.body.state).toBe('PICKED_UP');
    });
    const local = await cancel(p.id, clerk).expect(409);
    expect(local.body.error.code).toBe('POSTAL.ORDER_NOT_CANCELLABLE');
  });

  async function resultOrder() {
    const d = dossier('POST');
    await postal.bus.publish([d.receivedEvent]);
    await postal.bus.publish([d.resolvedEvent]);
    const order = await expectEventually(async () => {
      const res = await http().get(`/api/postal/v1/dossiers/${d.code}/orders`).set('Authorization', bearer(clerk)).expect(200);
      if (res.body.length !== 1 || res.body[0].state !== 'CREATED') throw new Error('not with the carrier yet');
      return res.body[0] as { id: string; trackingNumber: string };
    });
    return { code: d.code, ...order };
  }

  it('cancels a result delivery before it goes out, and refuses once it is out or the carrier has it', async () => {
    const a = await resultOrder();
    const res = await cancel(a.id, clerk, 'Người dân đến nhận tại quầy').expect(200);
    expect(res.body).toMatchObject({ kind: 'RESULT_DELIVERY', state: 'CANCELLED' });
    expect(vnpost.sim.engine.getOrder(a.trackingNumber).statusCode).toBe(9);
    const orders = await http().get(`/api/postal/v1/dossiers/${a.code}/orders`).set('Authorization', bearer(clerk)).expect(200);
    expect(orders.body[0].timeline).toContainEqual(expect.objectContaining({ carrierStatus: 22, source: 'MANUAL' }));
    // intake is told, to hold the result at the counter; once, however often it is cancelled
    await cancel(a.id, clerk).expect(200);
    expect(told(POSTAL_DELIVERY_CANCELLED, a.code)).toEqual([
      {
        dossierCode: a.code,
        cause: 'CANCELLED',
        orderId: a.id,
        trackingNumber: a.trackingNumber,
        centreCode: CENTRE,
        reason: 'Đã hủy chuyển phát kết quả: Người dân đến nhận tại quầy',
        cancelledAt: expect.any(String),
      },
    ]);

    const b = await resultOrder();
    await advanceSilently(b.trackingNumber, [2, 6]);
    expect((await cancel(b.id, clerk).expect(409)).body.error.code).toBe('POSTAL.CARRIER_REFUSED_CANCEL');
    expect(told(POSTAL_DELIVERY_CANCELLED, b.code)).toEqual([]); // refused: nothing told

    const c = await resultOrder();
    for (const s of [2, 6, 7, 10, 11, 12]) vnpost.sim.engine.advance(c.trackingNumber, s);
    await vnpost.sim.engine.whenWebhooksIdle();
    await expectEventually(async () => {
      const r = await http().get(`/api/postal/v1/dossiers/${c.code}/orders`).set('Authorization', bearer(clerk)).expect(200);
      expect(r.body[0].state).toBe('OUT_FOR_DELIVERY');
    });
    const out = await cancel(c.id, clerk).expect(409);
    expect(out.body.error.code).toBe('POSTAL.ORDER_NOT_CANCELLABLE');
    expect(vnpost.sim.engine.getOrder(c.trackingNumber).statusCode).toBe(12);
  });

  it('cancels an order the carrier never accepted (carrier unreachable) here alone', async () => {
    const offlineDb = await createTestDatabase('postal_cancel_offline');
    const offline = await startPostal(offlineDb.url, 'http://127.0.0.1:9', { vnpostPollEnabled: false, carrierTimeoutMs: 1000 });
    try {
      const api = () => request(offline.app.getHttpServer());
      const created = await api().post('/api/postal/v1/pickups').set('Authorization', bearer(clerk)).send(pickupBody()).expect(201);
      expect(created.body.state).toBe('PENDING'); // the carrier is unreachable: it stays with us
      const res = await api()
        .post(`/api/postal/v1/orders/${created.body.id}/cancel`)
        .set('Authorization', bearer(clerk))
        .send({ reason: 'Người dân đổi ý' })
        .expect(200);
      expect(res.body.state).toBe('CANCELLED');
      const view = await api().get(`/api/postal/v1/pickups/${created.body.id}`).set('Authorization', bearer(clerk)).expect(200);
      expect(view.body).toMatchObject({ state: 'CANCELLED', carrierStatus: 9 });
    } finally {
      await offline.close();
      await offlineDb.drop();
    }
  });

  it('is for the centre’s staff and integrators, with a reason', async () => {
    const p = await pickup();
    await cancel(p.id, postman).expect(403);
    expect((await cancel(p.id, otherClerk).expect(404)).body.error.code).toBe('POSTAL.ORDER_NOT_FOUND');
    const bad = await cancel(p.id, clerk, 'x').expect(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    await http()
      .post('/api/postal/v1/orders/not-a-uuid/cancel')
      .set('Authorization', bearer(clerk))
      .send({ reason: 'Không cần nữa' })
      .expect(400);
    expect(vnpost.sim.engine.getOrder(p.trackingNumber).statusCode).toBe(1);
  });
});
