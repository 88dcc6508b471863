import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { POSTAL_DELIVERY_DELIVERED, POSTAL_DELIVERY_RETURNED } from '@motcua/contracts';
import { createTestDatabase, expectEventually, TestDatabase } from '@motcua/testing';
import {
  AUTO_ADVANCING_WITH_FAILURES,
  bearer,
  CENTRE,
  dossier,
  RecordedSimulator,
  RunningPostal,
  startPostal,
  startRecordedSimulator,
  strictlyIncreasingClock,
} from './support';

const clerk: AuthUser = { sub: 'c1', name: 'Lê Thu', roles: ['POSTAL_CLERK'], agencyCode: CENTRE };
const FINAL = [14, 19];
const POLL = { vnpostPollIntervalMs: 50, vnpostPollLagMs: 0, vnpostPollOverlapMs: 1000, vnpostPollPageSize: 2 };

interface OrderView {
  trackingNumber: string;
  state: string;
  failedAttempts: number;
  failures: Array<{ reason: string | null }>;
  timeline: Array<{ carrierStatus: number; note: string | null }>;
}

describe('postal-delivery polls VNPost (webhooks off): update list by time window, paging, watermark', () => {
  let db: TestDatabase;
  let vnpost: RecordedSimulator;
  let postal: RunningPostal;

  beforeAll(async () => {
    db = await createTestDatabase('postal_poll');
    // no webhookUrl: the only way updates reach us is the poller
    vnpost = await startRecordedSimulator({
      ...AUTO_ADVANCING_WITH_FAILURES,
      seed: 11,
      now: strictlyIncreasingClock(),
    });
    postal = await startPostal(db.url, vnpost.url, POLL);
  });

  afterAll(async () => {
    await postal?.close();
    await vnpost?.close();
    await db?.drop();
  });

  const view = async (p: RunningPostal, code: string): Promise<OrderView> => {
    const res = await request(p.app.getHttpServer())
      .get(`/api/postal/v1/dossiers/${code}/orders`)
      .set('Authorization', bearer(clerk))
      .expect(200);
    return res.body[0] as OrderView;
  };

  it('follows every order to its end through polling alone, pages of the update list included, nothing twice', async () => {
    const dossiers = Array.from({ length: 6 }, () => dossier('POST'));
    for (const d of dossiers) await postal.bus.publish([d.receivedEvent]);
    for (const d of dossiers) await postal.bus.publish([d.resolvedEvent]);
    const engine = vnpost.sim.engine;
    const finals = await expectEventually(() => {
      const orders = dossiers.map((d) => engine.listOrders().find((o) => o.orderNumber === d.code));
      if (orders.some((o) => !o || !FINAL.includes(o.statusCode))) throw new Error('carrier orders still moving');
      return orders.map((o) => o!);
    }, 30_000);
    // the seed gives both outcomes: delivered, and returned after two failed attempts
    expect(new Set(finals.map((o) => o.statusCode))).toEqual(new Set([14, 19]));
    for (const [i, d] of dossiers.entries()) {
      const history = engine.getHistory(finals[i].itemCode);
      const mine = await expectEventually(async () => {
        const v = await view(postal, d.code);
        expect(v.timeline.map((t) => t.carrierStatus)).toEqual(history.map((h) => h.statusCode));
        // the view reads the order and its timeline in two statements: the last update may sit between them
        expect(v.state).toBe(finals[i].statusCode === 14 ? 'DELIVERED' : 'RETURNED');
        return v;
      });
      expect(mine.failedAttempts).toBe(history.filter((h) => h.statusCode === 15).length);
      expect(mine.failures.map((f) => f.reason)).toEqual(history.filter((h) => h.statusCode === 15).map((h) => h.note));
    }
    await expectEventually(() => {
      const d = postal.published.filter((e) => e.type === POSTAL_DELIVERY_DELIVERED).map((e) => e.correlationId);
      const r = postal.published.filter((e) => e.type === POSTAL_DELIVERY_RETURNED).map((e) => e.correlationId);
      expect(d.sort()).toEqual(
        dossiers
          .filter((_, i) => finals[i].statusCode === 14)
          .map((x) => x.code)
          .sort(),
      );
      expect(r.sort()).toEqual(
        dossiers
          .filter((_, i) => finals[i].statusCode === 19)
          .map((x) => x.code)
          .sort(),
      );
    });
    const returnedEvent = postal.published.find((e) => e.type === POSTAL_DELIVERY_RETURNED)!;
    expect(returnedEvent.data).toMatchObject({ centreCode: CENTRE, failedAttempts: 2 });
    expect(['Người nhận vắng nhà', 'Không liên lạc được với người nhận', 'Người nhận hẹn phát lại']).toContain(
      returnedEvent.data.lastFailureReason,
    );
    // six orders in pages of two: the poller asked for later pages, never more than 500 a page
    const updates = vnpost.requests.filter((u) => u.startsWith('/api/v1/orders/updates'));
    expect(updates.some((u) => /[?&]page=[2-9]/.test(u))).toBe(true);
    expect(updates.every((u) => Number(new URL(u, 'http://x').searchParams.get('pageSize')) <= 500)).toBe(true);
  }, 90_000);

  it('keeps its watermark in the database: after a restart it reads on from where it stopped', async () => {
    vnpost.sim.engine.configure({ autoAdvance: false });
    const d = dossier('POST');
    await postal.bus.publish([d.receivedEvent]);
    await postal.bus.publish([d.resolvedEvent]);
    const order = await expectEventually(() => {
      const o = vnpost.sim.engine.listOrders().find((x) => x.orderNumber === d.code);
      if (!o) throw new Error('no carrier order yet');
      return o;
    });
    await expectEventually(async () => expect((await view(postal, d.code)).timeline.map((t) => t.carrierStatus)).toEqual([1]));
    await postal.close();

    // while the service is down the parcel moves on
    for (const status of [2, 6, 7, 10]) vnpost.sim.engine.advance(order.itemCode, status);
    const probe = new DataSource({ type: 'postgres', url: db.url });
    await probe.initialize();
    try {
      const [{ watermark }] = (await probe.query(`SELECT watermark FROM carrier_poll_state WHERE carrier = 'VNPOST'`)) as Array<{
        watermark: Date;
      }>;
      const before = vnpost.requests.length;
      postal = await startPostal(db.url, vnpost.url, POLL);
      await expectEventually(async () => {
        const v = await view(postal, d.code);
        expect(v.state).toBe('IN_TRANSIT');
        expect(v.timeline.map((t) => t.carrierStatus)).toEqual([1, 2, 6, 7, 10]);
      });
      const firstPoll = vnpost.requests.slice(before).find((u) => u.startsWith('/api/v1/orders/updates'))!;
      const from = new URL(firstPoll, 'http://x').searchParams.get('from')!;
      expect(Date.parse(from)).toBe(watermark.getTime() - POLL.vnpostPollOverlapMs);
      const [{ watermark: later }] = (await probe.query(`SELECT watermark FROM carrier_poll_state WHERE carrier = 'VNPOST'`)) as Array<{
        watermark: Date;
      }>;
      expect(later.getTime()).toBeGreaterThan(watermark.getTime());
    } finally {
      await probe.destroy();
    }
  });
});
