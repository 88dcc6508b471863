import request from 'supertest';
import { AuthUser } from '@motcua/auth';
import { localDate } from '@motcua/calendar';
import { createTestDatabase, expectEventually, TestDatabase } from '@motcua/testing';
import {
  bearer,
  CENTRE,
  dossier,
  RecordedSimulator,
  RunningPostal,
  startPostal,
  startRecordedSimulator,
  strictlyIncreasingClock,
  WEBHOOK_SECRET,
  CENTRE_POSTMAN,
} from './support';

const OTHER_CENTRE = '000.00.07.H56';
const admin: AuthUser = { sub: 'a1', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' };
const postalClerk: AuthUser = { sub: 'p1', name: 'Trần Văn Bưu', roles: ['POSTAL_CLERK'], agencyCode: CENTRE };
const supervisor: AuthUser = { sub: 'v1', name: 'Lê Giám Sát', roles: ['SUPERVISOR'], agencyCode: CENTRE };
const otherClerk: AuthUser = { sub: 'p2', name: 'Phạm Thị Lan', roles: ['POSTAL_CLERK'], agencyCode: OTHER_CENTRE };
const counterClerk: AuthUser = { sub: 'c1', name: 'Lê Thu', roles: ['COUNTER_CLERK'], agencyCode: CENTRE };
const postman = CENTRE_POSTMAN;

const csvText = (res: request.Response, callback: (err: Error | null, body: string) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => callback(null, Buffer.concat(chunks).toString('utf8')));
};

describe('postage and COD: per-procedure settings, sent to VNPost, reconciled per centre and day', () => {
  let db: TestDatabase;
  let vnpost: RecordedSimulator;
  let postal: RunningPostal;
  const today = localDate(new Date());
  const orders: Array<{ id: string; trackingNumber: string }> = [];
  const http = () => request(postal.app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase('postal_cod');
    vnpost = await startRecordedSimulator({ autoAdvance: false, seed: 17, now: strictlyIncreasingClock() });
    postal = await startPostal(db.url, vnpost.url, { vnpostPollEnabled: false });
    vnpost.sim.engine.configure({ webhookUrl: `${postal.url}/api/postal/v1/carriers/vnpost/webhook`, webhookSecret: WEBHOOK_SECRET });
  });

  afterAll(async () => {
    await postal?.close();
    await vnpost?.close();
    await db?.drop();
  });

  it('lets only ADMIN set a procedure’s postage and COD, with validation', async () => {
    const body = { postage: 25_000, codAmount: 50_000 };
    await http().put('/api/postal/v1/procedure-configs/1.001193').set('Authorization', bearer(postalClerk)).send(body).expect(403);
    const bad = await http()
      .put('/api/postal/v1/procedure-configs/1.001193')
      .set('Authorization', bearer(admin))
      .send({ postage: -1, codAmount: 1.5 })
      .expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['codAmount', 'postage']);
    const ok = await http().put('/api/postal/v1/procedure-configs/1.001193').set('Authorization', bearer(admin)).send(body).expect(200);
    expect(ok.body).toMatchObject({ procedureCode: '1.001193', postage: 25_000, codAmount: 50_000, paperTransfer: false, updatedBy: 'a1' });
    const list = await http().get('/api/postal/v1/procedure-configs').set('Authorization', bearer(supervisor)).expect(200);
    expect(list.body).toHaveLength(1);
  });

  it('opens orders with the procedure’s COD, sends it to VNPost and records the COD paid report', async () => {
    for (let i = 0; i < 3; i++) {
      const d = dossier('POST');
      await postal.bus.publish([d.receivedEvent]);
      await postal.bus.publish([d.resolvedEvent]);
      const order = await expectEventually(async () => {
        const res = await http().get(`/api/postal/v1/dossiers/${d.code}/orders`).set('Authorization', bearer(postalClerk)).expect(200);
        if (res.body.length !== 1 || res.body[0].state === 'PENDING') throw new Error('not with the carrier yet');
        return res.body[0] as { id: string; trackingNumber: string; postage: number; codAmount: number };
      });
      expect(order).toMatchObject({ postage: 25_000, codAmount: 50_000 });
      orders.push(order);
    }
    const engine = vnpost.sim.engine;
    for (const o of orders) expect(engine.getOrder(o.trackingNumber).codAmount).toBe(50_000);

    engine.advance(orders[0].trackingNumber, 14);
    engine.advance(orders[0].trackingNumber, 21); // default note: "Đã trả 50.000 đồng cho người gửi"
    engine.advance(orders[1].trackingNumber, 14);
    engine.advance(orders[1].trackingNumber, 21, 'Đã trả 40.000 đồng cho người gửi');
    engine.advance(orders[2].trackingNumber, 14);
    await engine.whenWebhooksIdle();
    await expectEventually(async () => {
      const res = await http()
        .get(`/api/postal/v1/reconciliation?centre=${CENTRE}&date=${today}`)
        .set('Authorization', bearer(postalClerk))
        .expect(200);
      if (res.body.lines.filter((l: { codReported: number | null }) => l.codReported !== null).length !== 2)
        throw new Error('reports not in yet');
    });
  });

  it('reconciles expected against reported COD with totals and discrepancies', async () => {
    const res = await http()
      .get(`/api/postal/v1/reconciliation?centre=${CENTRE}&date=${today}`)
      .set('Authorization', bearer(supervisor))
      .expect(200);
    expect(res.body.totals).toEqual({ orders: 3, postage: 75_000, codExpected: 150_000, codReported: 90_000, discrepancies: 2 });
    expect(res.body.lines.map((l: { trackingNumber: string; status: string }) => [l.trackingNumber, l.status])).toEqual([
      [orders[0].trackingNumber, 'MATCHED'],
      [orders[1].trackingNumber, 'AMOUNT_MISMATCH'],
      [orders[2].trackingNumber, 'NOT_REPORTED'],
    ]);
    expect(res.body.discrepancies).toEqual([
      expect.objectContaining({ trackingNumber: orders[1].trackingNumber, codExpected: 50_000, codReported: 40_000 }),
      expect.objectContaining({ trackingNumber: orders[2].trackingNumber, codExpected: 50_000, codReported: null }),
    ]);
    const yesterday = localDate(new Date(Date.now() - 86_400_000));
    const empty = await http()
      .get(`/api/postal/v1/reconciliation?centre=${CENTRE}&date=${yesterday}`)
      .set('Authorization', bearer(postalClerk))
      .expect(200);
    expect(empty.body.totals.orders).toBe(0);
  });

  it('exports the reconciliation as CSV', async () => {
    const res = await http()
      .get(`/api/postal/v1/reconciliation.csv?centre=${CENTRE}&date=${today}`)
      .set('Authorization', bearer(postalClerk))
      .buffer(true)
      .parse(csvText)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const text = res.body as string;
    expect(text.startsWith('\ufeff')).toBe(true);
    const rows = text.slice(1).trim().split('\r\n');
    expect(rows[0]).toBe('STT,Số hiệu,Mã hồ sơ,Loại,Trạng thái,Cước,Thu hộ dự kiến,Thu hộ VNPost báo,Thời điểm trả,Đối soát');
    expect(rows).toHaveLength(5);
    expect(rows[2]).toContain(`${orders[1].trackingNumber},`);
    expect(rows[2]).toMatch(/,25000,50000,40000,.*,AMOUNT_MISMATCH$/);
    expect(rows[4]).toBe(',,,,Tổng,75000,150000,90000,,2 chênh lệch');
  });

  it('is for the centre’s postal clerks and supervisors only, and checks its query', async () => {
    const q = `centre=${CENTRE}&date=${today}`;
    for (const user of [counterClerk, postman])
      await http().get(`/api/postal/v1/reconciliation?${q}`).set('Authorization', bearer(user)).expect(403);
    const other = await http().get(`/api/postal/v1/reconciliation?${q}`).set('Authorization', bearer(otherClerk)).expect(403);
    expect(other.body.error.code).toBe('POSTAL.CENTRE_FORBIDDEN');
    await http().get(`/api/postal/v1/reconciliation.csv?${q}`).set('Authorization', bearer(otherClerk)).expect(403);
    await http().get(`/api/postal/v1/reconciliation?${q}`).set('Authorization', bearer(admin)).expect(200);
    const bad = await http()
      .get(`/api/postal/v1/reconciliation?centre=${CENTRE}&date=2026-13-01`)
      .set('Authorization', bearer(postalClerk))
      .expect(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'date' })]);
  });
});
