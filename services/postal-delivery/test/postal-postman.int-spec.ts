import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { addDays, localDate } from '@motcua/calendar';
import { POSTAL_DELIVERY_DELIVERED } from '@motcua/contracts';
import { createTestDatabase, expectEventually, TestDatabase } from '@motcua/testing';
import { bearer, CENTRE, dossier, RecordedSimulator, RunningPostal, startPostal, startRecordedSimulator, CENTRE_POSTMAN } from './support';

const OTHER_CENTRE = '000.00.07.H56';
const postman = CENTRE_POSTMAN;
const otherPostman: AuthUser = { sub: 'pm2', name: 'Vũ Văn Nam', roles: ['POSTMAN'], agencyCode: OTHER_CENTRE };
const postalClerk: AuthUser = { sub: 'p1', name: 'Trần Văn Bưu', roles: ['POSTAL_CLERK'], agencyCode: CENTRE };
const otherClerk: AuthUser = { sub: 'p2', name: 'Phạm Thị Lan', roles: ['POSTAL_CLERK'], agencyCode: OTHER_CENTRE };

const tomorrow = addDays(localDate(new Date()), 1);
const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`).toISOString();

describe('the postman’s day: worklist in round order and attempts recorded by hand', () => {
  let db: TestDatabase;
  let vnpost: RecordedSimulator;
  let postal: RunningPostal;
  let probe: DataSource;
  const http = () => request(postal.app.getHttpServer());
  const ids: Record<string, string> = {};

  async function openDelivery(key: string, centre: string, commune: string, user: AuthUser) {
    const d = dossier('POST', centre);
    await postal.bus.publish([d.receivedEvent]);
    await postal.bus.publish([d.resolvedEvent]);
    ids[key] = await expectEventually(async () => {
      const res = await http().get(`/api/postal/v1/dossiers/${d.code}/orders`).set('Authorization', bearer(user)).expect(200);
      if (res.body.length !== 1) throw new Error('no order yet');
      return res.body[0].id as string;
    });
    ids[`${key}:code`] = d.code;
    await probe.query(`UPDATE delivery_request SET commune_code = $2 WHERE dossier_code = $1`, [d.code, commune]);
  }

  async function openPickup(key: string, commune: string, date: string, fromHour: number, toHour: number) {
    const res = await http()
      .post('/api/postal/v1/pickups')
      .set('Authorization', bearer(postalClerk))
      .send({
        channel: 'PHONE',
        procedureCode: '1.001193',
        procedureName: 'Đăng ký khai sinh',
        applicant: { fullName: 'Trần Thị Bích Ngọc', phone: '0987654321' },
        address: { line: 'Số 5 ngõ 3 đường Bà Triệu', communeCode: commune, provinceCode: '38' },
        windowFrom: at(date, fromHour),
        windowTo: at(date, toHour),
      })
      .expect(201);
    ids[key] = res.body.id;
  }

  beforeAll(async () => {
    db = await createTestDatabase('postal_postman');
    vnpost = await startRecordedSimulator({ autoAdvance: false, seed: 13 });
    postal = await startPostal(db.url, vnpost.url, { vnpostPollEnabled: false });
    probe = new DataSource({ type: 'postgres', url: db.url });
    await probe.initialize();
    await openDelivery('D1', CENTRE, '14755', postalClerk);
    await openDelivery('D2', CENTRE, '14800', postalClerk);
    await openDelivery('X', OTHER_CENTRE, '14755', otherClerk);
    await openPickup('P1', '14755', tomorrow, 14, 16);
    await openPickup('P2', '14755', tomorrow, 8, 10);
    await openPickup('P3', '14700', tomorrow, 9, 11);
    await openPickup('LATER', '14700', addDays(tomorrow, 1), 9, 11);
  });

  afterAll(async () => {
    await probe?.destroy();
    await postal?.close();
    await vnpost?.close();
    await db?.drop();
  });

  const worklist = (user: AuthUser, date = tomorrow) =>
    http().get(`/api/postal/v1/postmen/me/worklist?date=${date}`).set('Authorization', bearer(user));
  const attempt = (user: AuthUser, id: string, body: Record<string, unknown>) =>
    http().post(`/api/postal/v1/orders/${id}/attempts`).set('Authorization', bearer(user)).send(body);

  it('lists the centre’s pickups of the day and open deliveries by commune, then time window', async () => {
    const res = await worklist(postman).expect(200);
    expect(res.body).toMatchObject({ centre: CENTRE, date: tomorrow, pickups: 3, deliveries: 2 });
    expect(res.body.items.map((i: { orderId: string }) => i.orderId)).toEqual([ids.P3, ids.P2, ids.P1, ids.D1, ids.D2]);
    expect(res.body.items[1]).toMatchObject({
      task: 'PICKUP',
      contact: { name: 'Trần Thị Bích Ngọc', phone: '0987654321' },
      address: { communeCode: '14755', line: 'Số 5 ngõ 3 đường Bà Triệu' },
      window: { from: `${tomorrow}T08:00:00+07:00`, to: `${tomorrow}T10:00:00+07:00` },
    });
    expect(res.body.items[3]).toMatchObject({
      task: 'DELIVERY',
      reference: ids['D1:code'],
      contact: { name: 'Nguyễn Thị Hòa', phone: '0912345678' },
      address: { communeCode: '14755', line: 'Số 12 đường Lê Lợi, thôn Đông Hưng' },
      window: null,
    });
    const other = await worklist(otherPostman).expect(200);
    expect(other.body.items.map((i: { orderId: string }) => i.orderId)).toEqual([ids.X]);
  });

  it('is for postmen only, and rejects a date that does not exist', async () => {
    await worklist(postalClerk).expect(403);
    await http().get('/api/postal/v1/postmen/me/worklist').expect(401);
    const bad = await worklist(postman, '2026-02-30').expect(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'date', rule: 'isDate' })]);
    const malformed = await worklist(postman, '25-11-2026').expect(400);
    expect(malformed.body.error.details).toEqual([expect.objectContaining({ field: 'date' })]);
  });

  it('records a failed attempt with its reason, then the delivery, in the same timeline as MANUAL; a later failure does not undo it', async () => {
    const t0 = Date.now();
    const failed = await attempt(postman, ids.D1, {
      outcome: 'FAILED',
      reason: 'RECIPIENT_ABSENT',
      at: new Date(t0).toISOString(),
      note: 'Gọi 2 lần',
    }).expect(201);
    expect(failed.body).toMatchObject({ source: 'MANUAL', applied: true, state: 'DELIVERY_FAILED', failedAttempts: 1 });
    expect(failed.body.lastFailureReason).toBe('Người nhận vắng nhà — Gọi 2 lần');

    const delivered = await attempt(postman, ids.D1, { outcome: 'DELIVERED', at: new Date(t0 + 1000).toISOString() }).expect(201);
    expect(delivered.body).toMatchObject({ applied: true, state: 'DELIVERED' });
    await expectEventually(async () => {
      const events = postal.published.filter((e) => e.type === POSTAL_DELIVERY_DELIVERED && e.data.orderId === ids.D1);
      if (events.length !== 1) throw new Error(`delivered events: ${events.length}`);
    });

    const late = await attempt(postman, ids.D1, { outcome: 'FAILED', reason: 'REFUSED', at: new Date(t0 + 2000).toISOString() }).expect(
      201,
    );
    expect(late.body).toMatchObject({ applied: false, state: 'DELIVERED' });

    const view = (
      await http().get(`/api/postal/v1/dossiers/${ids['D1:code']}/orders`).set('Authorization', bearer(postalClerk)).expect(200)
    ).body[0];
    expect(view.state).toBe('DELIVERED');
    const manual = view.timeline.filter((e: { source: string }) => e.source === 'MANUAL');
    expect(manual.map((e: { carrierStatus: number }) => e.carrierStatus)).toEqual([15, 14, 15]);
    expect(manual[0].note).toBe('Người nhận vắng nhà — Gọi 2 lần');
    expect(view.timeline).toHaveLength(3); // the carrier reported nothing here (no webhook, no polling)
    expect((await probe.query(`SELECT recorded_by FROM delivery_order_event WHERE source = 'MANUAL' LIMIT 1`))[0].recorded_by).toBe('pm1');

    // delivered: off the worklist
    const list = await worklist(postman).expect(200);
    expect(list.body.items.map((i: { orderId: string }) => i.orderId)).not.toContain(ids.D1);
  });

  it('records a pickup collected by hand (postal receipt time) and drops it from the worklist', async () => {
    const when = new Date();
    const res = await attempt(postman, ids.P2, { outcome: 'DELIVERED', at: when.toISOString() }).expect(201);
    expect(res.body).toMatchObject({ applied: true, state: 'PICKED_UP' });
    const pickup = await http().get(`/api/postal/v1/pickups/${ids.P2}`).set('Authorization', bearer(postalClerk)).expect(200);
    expect(new Date(pickup.body.postalReceiptAt).getTime()).toBe(Math.floor(when.getTime() / 1000) * 1000);
    const list = await worklist(postman).expect(200);
    expect(list.body.items.map((i: { orderId: string }) => i.orderId)).toEqual([ids.P3, ids.P1, ids.D2]);
  });

  it('rejects bad attempts and other roles or centres; nothing is recorded', async () => {
    const count = async () => Number((await probe.query(`SELECT count(*) AS n FROM delivery_order_event WHERE source = 'MANUAL'`))[0].n);
    const before = await count();
    const now = new Date().toISOString();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ outcome: 'FAILED', at: now }, 'reason', 'requiredWhenFailed'],
      [{ outcome: 'FAILED', reason: 'LOST_IN_SPACE', at: now }, 'reason', 'isIn'],
      [{ outcome: 'DELIVERED', reason: 'REFUSED', at: now }, 'reason', 'onlyWhenFailed'],
      [{ outcome: 'MAYBE', at: now }, 'outcome', 'isIn'],
      [{ outcome: 'DELIVERED', at: new Date(Date.now() + 3_600_000).toISOString() }, 'at', 'notFuture'],
      [{ outcome: 'DELIVERED', at: '2020-01-01T00:00:00Z' }, 'at', 'notBeforeOrder'],
    ];
    for (const [body, field, rule] of cases) {
      const res = await attempt(postman, ids.D2, body).expect(400);
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    }
    await attempt(postman, 'nope', { outcome: 'DELIVERED', at: now }).expect(400);
    await attempt(postalClerk, ids.D2, { outcome: 'DELIVERED', at: now }).expect(403);
    const other = await attempt(otherPostman, ids.D2, { outcome: 'DELIVERED', at: now }).expect(404);
    expect(other.body.error.code).toBe('POSTAL.ORDER_NOT_FOUND');
    expect(await count()).toBe(before);
  });
});
