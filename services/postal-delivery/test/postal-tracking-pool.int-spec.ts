import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { createTestDatabase, expectEventually, TestDatabase } from '@motcua/testing';
import { isValidS10, s10TrackingNumber } from '../src';
import { bearer, CENTRE, dossier, RecordedSimulator, RunningPostal, startPostal, startRecordedSimulator, pickupRequest } from './support';

const admin: AuthUser = { sub: 'a1', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' };
const postalClerk: AuthUser = { sub: 'p1', name: 'Trần Văn Bưu', roles: ['POSTAL_CLERK'], agencyCode: CENTRE };
const supervisor: AuthUser = { sub: 'v1', name: 'Lê Giám Sát', roles: ['SUPERVISOR'], agencyCode: CENTRE };

const pickupBody = () => pickupRequest({ channel: 'COUNTER' }, 2);

describe('tracking-number pool: ranges assigned by VNPost, allocated without duplicates', () => {
  let db: TestDatabase;
  let vnpost: RecordedSimulator;
  let postal: RunningPostal;
  let probe: DataSource;
  const http = () => request(postal.app.getHttpServer());
  const count = async (table: string) => Number((await probe.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase('postal_pool');
    vnpost = await startRecordedSimulator({ autoAdvance: false, seed: 5 });
    postal = await startPostal(db.url, vnpost.url, { vnpostPollEnabled: false, trackingPoolFallback: false });
    probe = new DataSource({ type: 'postgres', url: db.url });
    await probe.initialize();
  });

  afterAll(async () => {
    await probe?.destroy();
    await postal?.close();
    await vnpost?.close();
    await db?.drop();
  });

  it('refuses an order with 409 when the pool is empty and the sequence fallback is off; nothing is stored', async () => {
    const res = await http().post('/api/postal/v1/pickups').set('Authorization', bearer(postalClerk)).send(pickupBody()).expect(409);
    expect(res.body.error.code).toBe('POSTAL.TRACKING_POOL_EMPTY');
    expect(res.body.error.message).toContain('Đã hết dải số hiệu bưu gửi');
    expect(await count('delivery_order')).toBe(0);
    expect(await count('pickup_request')).toBe(0);
  });

  it('lets only ADMIN load and list ranges, and rejects bad or overlapping ranges', async () => {
    const range = { prefix: 'EB', serialFrom: 20_000_000, serialTo: 20_000_024 };
    for (const user of [postalClerk, supervisor]) {
      await http().post('/api/postal/v1/tracking-ranges').set('Authorization', bearer(user)).send(range).expect(403);
      await http().get('/api/postal/v1/tracking-ranges').set('Authorization', bearer(user)).expect(403);
    }
    await http().post('/api/postal/v1/tracking-ranges').send(range).expect(401);

    const lower = await http()
      .post('/api/postal/v1/tracking-ranges')
      .set('Authorization', bearer(admin))
      .send({ ...range, prefix: 'eb' })
      .expect(400);
    expect(lower.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'prefix' })]));
    const big = await http()
      .post('/api/postal/v1/tracking-ranges')
      .set('Authorization', bearer(admin))
      .send({ ...range, serialTo: 100_000_000 })
      .expect(400);
    expect(big.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'serialTo' })]));
    const backwards = await http()
      .post('/api/postal/v1/tracking-ranges')
      .set('Authorization', bearer(admin))
      .send({ ...range, serialFrom: 20_000_030 })
      .expect(400);
    expect(backwards.body.error.details).toEqual([expect.objectContaining({ field: 'serialTo', rule: 'isNotBefore' })]);
    expect(await count('tracking_range')).toBe(0);

    const loaded = await http().post('/api/postal/v1/tracking-ranges').set('Authorization', bearer(admin)).send(range).expect(201);
    expect(loaded.body).toMatchObject({
      prefix: 'EB',
      first: s10TrackingNumber('EB', 20_000_000),
      last: s10TrackingNumber('EB', 20_000_024),
      used: 0,
      remaining: 25,
      loadedBy: 'a1',
    });
    const overlap = await http()
      .post('/api/postal/v1/tracking-ranges')
      .set('Authorization', bearer(admin))
      .send({ prefix: 'EB', serialFrom: 20_000_020, serialTo: 20_000_040 })
      .expect(409);
    expect(overlap.body.error.code).toBe('POSTAL.TRACKING_RANGE_OVERLAP');
    // the same serials under another prefix are other numbers
    await http()
      .post('/api/postal/v1/tracking-ranges')
      .set('Authorization', bearer(admin))
      .send({ prefix: 'RR', serialFrom: 20_000_000, serialTo: 20_000_004 })
      .expect(201);
    expect(await count('tracking_range')).toBe(2);
  });

  it('hands out every number of the ranges exactly once under 40 parallel orders, then answers 409', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, () => http().post('/api/postal/v1/pickups').set('Authorization', bearer(postalClerk)).send(pickupBody())),
    );
    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    expect(ok).toHaveLength(30);
    expect(refused).toHaveLength(10);
    for (const r of refused) expect(r.body.error.code).toBe('POSTAL.TRACKING_POOL_EMPTY');
    const numbers = ok.map((r) => r.body.trackingNumber as string);
    expect(new Set(numbers).size).toBe(30);
    const expected = [
      ...Array.from({ length: 25 }, (_, i) => s10TrackingNumber('EB', 20_000_000 + i)),
      ...Array.from({ length: 5 }, (_, i) => s10TrackingNumber('RR', 20_000_000 + i)),
    ];
    expect([...numbers].sort()).toEqual([...expected].sort());
    expect(numbers.every(isValidS10)).toBe(true);
    expect(await count('delivery_order')).toBe(30);

    const ranges = await http().get('/api/postal/v1/tracking-ranges').set('Authorization', bearer(admin)).expect(200);
    expect(ranges.body.map((r: { remaining: number; used: number }) => [r.used, r.remaining])).toEqual([
      [25, 0],
      [5, 0],
    ]);
  });

  it('opens result deliveries from a newly loaded range (oldest range with numbers left first)', async () => {
    await http()
      .post('/api/postal/v1/tracking-ranges')
      .set('Authorization', bearer(admin))
      .send({ prefix: 'EB', serialFrom: 20_000_100, serialTo: 20_000_199 })
      .expect(201);
    const d = dossier('POST');
    await postal.bus.publish([d.receivedEvent]);
    await postal.bus.publish([d.resolvedEvent]);
    const order = await expectEventually(async () => {
      const res = await http().get(`/api/postal/v1/dossiers/${d.code}/orders`).set('Authorization', bearer(postalClerk)).expect(200);
      if (res.body.length !== 1) throw new Error('no order yet');
      return res.body[0] as { trackingNumber: string };
    });
    expect(order.trackingNumber).toBe(s10TrackingNumber('EB', 20_000_100));
  });

  it('falls back to the service’s own sequence when configured to', async () => {
    await probe.query(`UPDATE tracking_range SET next_serial = serial_to + 1`);
    const fallback = await startPostal(db.url, vnpost.url, { vnpostPollEnabled: false, trackingPoolFallback: true });
    try {
      const res = await request(fallback.app.getHttpServer())
        .post('/api/postal/v1/pickups')
        .set('Authorization', bearer(postalClerk))
        .send(pickupBody())
        .expect(201);
      const serial = Number((await probe.query(`SELECT serial FROM delivery_order WHERE id = $1`, [res.body.id]))[0].serial);
      expect(res.body.trackingNumber).toBe(s10TrackingNumber('EM', serial));
    } finally {
      await fallback.close();
    }
  });
});
