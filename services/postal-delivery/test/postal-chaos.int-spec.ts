import request from 'supertest';
import { POSTAL_DELIVERY_DELIVERED, POSTAL_DELIVERY_RETURNED } from '@motcua/contracts';
import { createTestDatabase, expectEventually, TestDatabase } from '@motcua/testing';
import {
  AUTO_ADVANCING_WITH_FAILURES,
  bearer,
  connectWebhooks,
  FAST_POLLING,
  CENTRE,
  dossier,
  RecordedSimulator,
  RunningPostal,
  startPostal,
  startRecordedSimulator,
  strictlyIncreasingClock,
  CENTRE_CLERK,
} from './support';

const clerk = CENTRE_CLERK;

interface OrderView {
  id: string;
  trackingNumber: string;
  state: string;
  carrierStatus: number;
  failedAttempts: number;
  failures: Array<{ at: string; reason: string | null }>;
  returnedAt: string | null;
  timeline: Array<{ carrierStatus: number; label: string; note: string | null }>;
}

describe('postal-delivery with webhooks and polling together, over a duplicating and reordering simulator', () => {
  let db: TestDatabase;
  let vnpost: RecordedSimulator;
  let postal: RunningPostal;

  beforeAll(async () => {
    db = await createTestDatabase('postal_chaos');
    vnpost = await startRecordedSimulator({
      ...AUTO_ADVANCING_WITH_FAILURES,
      seed: 5,
      duplicateRate: 0.4,
      reorderRate: 0.4,
      reorderMaxHoldMs: 40,
      webhookRetryBaseMs: 10,
      now: strictlyIncreasingClock(),
    });
    postal = await startPostal(db.url, vnpost.url, FAST_POLLING);
    connectWebhooks(vnpost.sim, postal);
  });

  afterAll(async () => {
    await postal?.close();
    await vnpost?.close();
    await db?.drop();
  });

  const view = async (code: string): Promise<OrderView> => {
    const res = await request(postal.app.getHttpServer())
      .get(`/api/postal/v1/dossiers/${code}/orders`)
      .set('Authorization', bearer(clerk))
      .expect(200);
    return res.body[0] as OrderView;
  };
  const published = (type: string, code: string) => postal.published.filter((e) => e.type === type && e.correlationId === code);

  it('records each status change once and ends in the carrier’s final state, whatever path and order updates take', async () => {
    const dossiers = Array.from({ length: 8 }, () => dossier('POST'));
    for (const d of dossiers) await postal.bus.publish([d.receivedEvent]);
    for (const d of dossiers) await postal.bus.publish([d.resolvedEvent]);
    const engine = vnpost.sim.engine;
    const finals = await expectEventually(() => {
      const orders = dossiers.map((d) => engine.listOrders().find((o) => o.orderNumber === d.code));
      if (orders.some((o) => !o || ![14, 19].includes(o.statusCode))) throw new Error('carrier orders still moving');
      return orders.map((o) => o!);
    }, 10_000);
    await engine.whenWebhooksIdle();
    const history = finals.map((o) => engine.getHistory(o.itemCode));
    // the chaos really happened: more webhook deliveries than status changes, and both outcomes
    expect(engine.webhookAttempts().filter((a) => a.httpStatus === 200).length).toBeGreaterThan(history.flat().length);
    expect(new Set(finals.map((o) => o.statusCode))).toEqual(new Set([14, 19]));
    for (const [i, d] of dossiers.entries()) {
      const mine = await expectEventually(async () => {
        const v = await view(d.code);
        // exactly the carrier's changes, each once (timeline is ordered by carrier time)
        expect(v.timeline.map((t) => t.carrierStatus)).toEqual(history[i].map((h) => h.statusCode));
        return v;
      });
      expect(mine.state).toBe(finals[i].statusCode === 14 ? 'DELIVERED' : 'RETURNED');
      expect(mine.carrierStatus).toBe(finals[i].statusCode);
      expect(mine.failedAttempts).toBe(history[i].filter((h) => h.statusCode === 15).length);
    }
    await expectEventually(() => {
      for (const [i, d] of dossiers.entries()) {
        expect(published(POSTAL_DELIVERY_DELIVERED, d.code)).toHaveLength(finals[i].statusCode === 14 ? 1 : 0);
        expect(published(POSTAL_DELIVERY_RETURNED, d.code)).toHaveLength(finals[i].statusCode === 19 ? 1 : 0);
      }
    });
  });

  it('shows failed attempts with reasons, re-attempts and the return to the centre, and tells intake once', async () => {
    const engine = vnpost.sim.engine;
    engine.configure({ autoAdvance: false });
    const d = dossier('POST');
    await postal.bus.publish([d.receivedEvent]);
    await postal.bus.publish([d.resolvedEvent]);
    const order = await expectEventually(() => {
      const o = engine.listOrders().find((x) => x.orderNumber === d.code);
      if (!o) throw new Error('no carrier order yet');
      return o;
    });
    for (const status of [2, 6, 7, 10, 11, 12]) engine.advance(order.itemCode, status);
    engine.advance(order.itemCode, 15, 'Người nhận vắng nhà');
    await engine.whenWebhooksIdle();
    const failed = await expectEventually(async () => {
      const v = await view(d.code);
      expect(v.state).toBe('DELIVERY_FAILED');
      return v;
    });
    expect(failed.failures).toEqual([{ at: expect.stringMatching(/\+07:00$/), reason: 'Người nhận vắng nhà' }]);
    engine.advance(order.itemCode, 12); // re-attempt
    await engine.whenWebhooksIdle();
    await expectEventually(async () => expect((await view(d.code)).state).toBe('OUT_FOR_DELIVERY'));
    engine.advance(order.itemCode, 15, 'Không liên lạc được với người nhận');
    for (const status of [16, 17, 18, 19]) engine.advance(order.itemCode, status);
    await engine.whenWebhooksIdle();
    const returned = await expectEventually(async () => {
      const v = await view(d.code);
      expect(v.state).toBe('RETURNED');
      return v;
    });
    expect(returned).toMatchObject({ failedAttempts: 2, carrierStatus: 19, returnedAt: expect.stringMatching(/\+07:00$/) });
    expect(returned.failures.map((f) => f.reason)).toEqual(['Người nhận vắng nhà', 'Không liên lạc được với người nhận']);
    expect(returned.timeline.map((t) => t.carrierStatus)).toEqual([1, 2, 6, 7, 10, 11, 12, 15, 12, 15, 16, 17, 18, 19]);
    expect(returned.timeline.at(-1)!.label).toBe('Đã chuyển hoàn về trung tâm');
    const event = await expectEventually(() => {
      const e = published(POSTAL_DELIVERY_RETURNED, d.code);
      if (e.length !== 1) throw new Error(`returned events: ${e.length}`);
      return e[0];
    });
    expect(event).toMatchObject({ version: 1, source: 'postal-delivery' });
    expect(event.data).toEqual({
      dossierCode: d.code,
      orderId: returned.id,
      trackingNumber: order.itemCode,
      centreCode: CENTRE,
      returnedAt: expect.any(String),
      failedAttempts: 2,
      lastFailureReason: 'Không liên lạc được với người nhận',
    });
    // a late, reordered "out for delivery" neither undoes the return nor publishes again
    engine.advance(order.itemCode, 12);
    await engine.whenWebhooksIdle();
    await expectEventually(async () => expect((await view(d.code)).timeline).toHaveLength(15));
    expect((await view(d.code)).state).toBe('RETURNED');
    expect(published(POSTAL_DELIVERY_RETURNED, d.code)).toHaveLength(1);
    expect(published(POSTAL_DELIVERY_DELIVERED, d.code)).toHaveLength(0);
  });
});
