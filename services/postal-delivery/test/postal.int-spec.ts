import { INestApplication } from '@nestjs/common';
import { createHmac } from 'crypto';
import request from 'supertest';
import { AuthUser } from '@motcua/auth';
import { DOSSIER_RESOLVED, EventEnvelope, POSTAL_DELIVERY_CREATED, POSTAL_DELIVERY_DELIVERED } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { pendingSchemaChanges } from '@motcua/platform';
import { RunningVnpostSimulator, startVnpostSimulator } from '@motcua/sim-vnpost';
import { createTestDatabase, expectEventually, makeEnvelope, TestDatabase } from '@motcua/testing';
import { isValidS10, POSTAL_ENTITIES, POSTAL_MIGRATIONS, s10TrackingNumber } from '../src';
import { bearer, connectWebhooks, dossier, RunningPostal, startPostal, TOKEN, WEBHOOK_SECRET } from './support';

const clerk: AuthUser = { sub: 'c1', name: 'Lê Thu', roles: ['COUNTER_CLERK'], agencyCode: '000.00.06.H56' };

function sign(body: string, ts = Math.floor(Date.now() / 1000)) {
  return {
    'x-vnpost-timestamp': String(ts),
    'x-vnpost-signature': createHmac('sha256', WEBHOOK_SECRET).update(`${ts}.${body}`).digest('hex'),
    'content-type': 'application/json',
  };
}

describe('postal-delivery with the VNPost simulator, real PostgreSQL, in-process bus', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;
  let sim: RunningVnpostSimulator;
  let postal: RunningPostal;
  let published: EventEnvelope<Record<string, unknown>>[];

  beforeAll(async () => {
    db = await createTestDatabase('postal');
    sim = await startVnpostSimulator({ port: 0, token: TOKEN, autoAdvance: false, seed: 7, webhookSecret: WEBHOOK_SECRET });
    postal = await startPostal(db.url, sim.url);
    ({ app, bus, published } = postal);
    connectWebhooks(sim, postal);
  });

  afterAll(async () => {
    await postal?.close();
    await sim?.close();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());
  const simOrder = (code: string) =>
    expectEventually(() => {
      const o = sim.engine.listOrders().find((x) => x.orderNumber === code);
      if (!o) throw new Error(`no carrier order for ${code} yet`);
      return o;
    });
  const eventsOf = (type: string, code: string) => published.filter((p) => p.type === type && p.correlationId === code);

  it('entities and migrations agree', async () => {
    const scratch = await createTestDatabase('postal_schema');
    try {
      expect(await pendingSchemaChanges({ url: scratch.url, entities: POSTAL_ENTITIES, migrations: POSTAL_MIGRATIONS })).toEqual({
        up: [],
        down: [],
      });
    } finally {
      await scratch.drop();
    }
  });

  it('delivers a result by post: order with an S10 number, signed webhooks, delivered once', async () => {
    const d = dossier('POST');
    await bus.publish([d.receivedEvent]);
    await bus.publish([d.resolvedEvent, d.resolvedEvent]);
    const order = await simOrder(d.code);
    expect(isValidS10(order.itemCode)).toBe(true);
    expect(order.receiverName).toBe('Nguyễn Thị Hòa');
    await expectEventually(() => expect(eventsOf(POSTAL_DELIVERY_CREATED, d.code)).toHaveLength(1));
    for (const status of [2, 6, 7, 10, 11, 12, 14]) sim.engine.advance(order.itemCode, status);
    await sim.engine.whenWebhooksIdle();
    const delivered = await expectEventually(() => {
      const e = eventsOf(POSTAL_DELIVERY_DELIVERED, d.code);
      if (e.length !== 1) throw new Error(`delivered events: ${e.length}`);
      return e[0];
    });
    expect(delivered.data).toMatchObject({ trackingNumber: order.itemCode, recipientName: 'Nguyễn Thị Hòa' });
    // a late "in transit" and a COD-paid after delivery never undo or repeat "delivered"
    sim.engine.advance(order.itemCode, 10);
    sim.engine.advance(order.itemCode, 21);
    await sim.engine.whenWebhooksIdle();
    const view = await http().get(`/api/postal/v1/dossiers/${d.code}/orders`).set('Authorization', bearer(clerk)).expect(200);
    expect(view.body[0]).toMatchObject({ state: 'DELIVERED', trackingNumber: order.itemCode });
    expect(view.body[0].timeline.map((t: { carrierStatus: number }) => t.carrierStatus)).toEqual(
      expect.arrayContaining([1, 12, 14, 10, 21]),
    );
    expect(eventsOf(POSTAL_DELIVERY_DELIVERED, d.code)).toHaveLength(1);
  });

  it('opens no order for a result collected at the counter', async () => {
    const d = dossier('COUNTER');
    await bus.publish([d.receivedEvent, d.resolvedEvent]);
    const post = dossier('POST'); // a later POST dossier proves the queue has moved past the COUNTER one
    await bus.publish([post.receivedEvent]);
    await bus.publish([post.resolvedEvent]);
    await simOrder(post.code);
    expect(sim.engine.listOrders().find((o) => o.orderNumber === d.code)).toBeUndefined();
  });

  it('waits for dossier.received when the resolution overtakes it', async () => {
    const d = dossier('POST');
    await bus.publish([d.resolvedEvent]);
    await new Promise((r) => setImmediate(r));
    await bus.publish([d.receivedEvent]);
    await simOrder(d.code);
  });

  it('refuses unsigned, forged, stale and replayed webhooks', async () => {
    const body = JSON.stringify({
      eventId: 'x-1',
      itemCode: s10TrackingNumber('EM', 99999999),
      statusCode: 14,
      time: new Date().toISOString(),
    });
    await http().post('/api/postal/v1/carriers/vnpost/webhook').set('content-type', 'application/json').send(body).expect(401);
    const forged = { ...sign(body), 'x-vnpost-signature': 'a'.repeat(64) };
    await http().post('/api/postal/v1/carriers/vnpost/webhook').set(forged).send(body).expect(401);
    const stale = await http()
      .post('/api/postal/v1/carriers/vnpost/webhook')
      .set(sign(body, Math.floor(Date.now() / 1000) - 3600))
      .send(body)
      .expect(401);
    expect(stale.body.error.code).toBe('POSTAL.WEBHOOK_STALE');
    const unknown = await http().post('/api/postal/v1/carriers/vnpost/webhook').set(sign(body)).send(body).expect(404);
    expect(unknown.body.error.code).toBe('POSTAL.ORDER_NOT_FOUND');
    const invalid = JSON.stringify({ eventId: 'x-2', itemCode: 'EM1', statusCode: 'fourteen', time: 'yesterday' });
    const bad = await http().post('/api/postal/v1/carriers/vnpost/webhook').set(sign(invalid)).send(invalid).expect(400);
    expect([...new Set(bad.body.error.details.map((p: { field: string }) => p.field))].sort()).toEqual(['itemCode', 'statusCode', 'time']);

    // a genuine update replayed within the window is accepted once and then recognised
    const d = dossier('POST');
    await bus.publish([d.receivedEvent]);
    await bus.publish([d.resolvedEvent]);
    const order = await simOrder(d.code);
    const genuine = JSON.stringify({
      eventId: `${order.itemCode}-manual-1`,
      itemCode: order.itemCode,
      statusCode: 6,
      time: new Date().toISOString(),
    });
    const headers = sign(genuine);
    const first = await http().post('/api/postal/v1/carriers/vnpost/webhook').set(headers).send(genuine).expect(200);
    const again = await http().post('/api/postal/v1/carriers/vnpost/webhook').set(headers).send(genuine).expect(200);
    expect([first.body.result, again.body.result]).toEqual(['applied', 'duplicate']);
  });

  it('dead-letters an event that breaks its contract', async () => {
    await bus.publish([makeEnvelope(DOSSIER_RESOLVED, { dossierCode: 'nope' }) as EventEnvelope]);
    await expectEventually(async () => {
      const dead = await bus.peekDeadLetters('postal-delivery');
      expect(dead.some((x) => (x.envelope as { data: { dossierCode: string } }).data.dossierCode === 'nope')).toBe(true);
    });
  });
});

describe('S10 tracking numbers', () => {
  it('computes the UPU check digit', () => {
    expect(s10TrackingNumber('EM', 47312482)).toBe('EM473124829VN');
    expect(isValidS10('EM473124829VN')).toBe(true);
    expect(isValidS10('EM473124828VN')).toBe(false);
  });
});
