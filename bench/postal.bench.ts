/*
 * Postal bench (tools/bench.sh → `postal`): carrier status updates ingested per second through the VNPost
 * webhook, i.e. over HTTP into WebhookController → ApplyCarrierUpdateUseCase (signature check, validation,
 * one transaction: order row locked, timeline event inserted, state changed, `postal.delivery.delivered`
 * written to the outbox). The postal-delivery module is booted with createServiceApp over an InProcessBus on
 * its own `bench_test_postal_*` database (dropped at the end), the carrier poller off.
 * BENCH_POSTAL_ORDERS (1,000) result-delivery orders are inserted directly in `delivery_order` (state CREATED,
 * a tracking number each); each then receives the four signed webhooks 10 → 11 → 12 → 14 (in transit → at
 * the delivery office → out for delivery → delivered) in order, BENCH_POSTAL_CONCURRENCY (16) orders in flight.
 * Run alone: node bench/dist/bench/postal.bench.js
 */
import { createHmac } from 'crypto';
import { AddressInfo } from 'net';
import { DataSource } from 'typeorm';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { POSTAL_SERVICE, PostalDeliveryModule, postalConfigFromEnv } from '@motcua/postal-delivery';
import { emit, envNumber, log, nowMs, percentiles, pollUntil, round, withBenchDatabase } from './lib';

const ORDERS = envNumber('BENCH_POSTAL_ORDERS', 1_000);
const CONCURRENCY = envNumber('BENCH_POSTAL_CONCURRENCY', 16);
const TIMEOUT_SECONDS = envNumber('BENCH_POSTAL_TIMEOUT_SECONDS', 60);
const WEBHOOK_SECRET = 'bench-webhook-secret-0123456789abcdef';
const STEPS = [10, 11, 12, 14];

async function bench(url: string): Promise<Record<string, unknown>> {
  const bus = new InProcessBus({ delayScale: 0.01 });
  let delivered = 0;
  await bus.consume({ service: 'bench-probe', bindings: ['postal.delivery.delivered'] }, async () => {
    delivered += 1;
  });
  const config = postalConfigFromEnv(
    { LOG_LEVEL: process.env.BENCH_INPROCESS_LOG_LEVEL || 'silent' },
    {
      databaseUrl: url,
      authJwtSecret: 'bench-secret-0123456789abcdef',
      bus,
      vnpostBaseUrl: 'http://127.0.0.1:9',
      vnpostToken: 'bench-token',
      vnpostWebhookSecret: WEBHOOK_SECRET,
      vnpostPollEnabled: false,
    },
  );
  const app = await createServiceApp(PostalDeliveryModule.forRoot(config), POSTAL_SERVICE);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  try {
    const ds = app.get(DataSource);
    await ds.query(
      `INSERT INTO delivery_order (dossier_code, kind, carrier, tracking_number, state, recipient_name, centre_code)
       SELECT '000.00.06.H56-251125-' || lpad(g::text, 6, '0'), 'RESULT_DELIVERY', 'VNPOST', 'EB' || lpad(g::text, 9, '0') || 'VN',
              'CREATED', 'Nguyễn Thị Hòa', '000.00.06.H56'
       FROM generate_series(1, $1::int) g`,
      [ORDERS],
    );
    const items = Array.from({ length: ORDERS }, (_, i) => `EB${String(i + 1).padStart(9, '0')}VN`);
    const statuses: Record<string, number> = {};
    const latencies: number[] = [];
    const results: Record<string, number> = {};
    const send = async (itemCode: string, statusCode: number, at: Date) => {
      const body = JSON.stringify({ eventId: `${itemCode}-${statusCode}`, itemCode, statusCode, time: at.toISOString(), note: 'bench' });
      const ts = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', WEBHOOK_SECRET).update(`${ts}.`).update(body).digest('hex');
      const s = nowMs();
      const res = await fetch(`${base}/api/postal/v1/carriers/vnpost/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-vnpost-timestamp': ts, 'x-vnpost-signature': signature },
        body,
      });
      const json = (await res.json().catch(() => ({}))) as { result?: string };
      latencies.push(nowMs() - s);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (json.result) results[json.result] = (results[json.result] ?? 0) + 1;
    };
    // warm-up (not counted): one order's status 10 through the whole stack
    const warm = items.shift()!;
    await send(warm, 10, new Date());
    latencies.length = 0;
    delete statuses['200'];
    delete results.applied;

    log(`postal: ${items.length} orders × ${STEPS.length} signed webhooks, ${CONCURRENCY} orders in flight`);
    let next = 0;
    const start = nowMs();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < items.length) {
          const item = items[next++];
          const t0 = Date.now() - 3_600_000;
          for (const [k, code] of STEPS.entries()) await send(item, code, new Date(t0 + k * 60_000));
        }
      }),
    );
    const seconds = (nowMs() - start) / 1000;
    const updates = latencies.length;
    const eventsComplete = await pollUntil(async () => delivered >= items.length, TIMEOUT_SECONDS * 1000, 20);
    const [{ n: deliveredOrders }] = (await ds.query(`SELECT count(*)::int AS n FROM delivery_order WHERE state = 'DELIVERED'`)) as Array<{
      n: number;
    }>;
    const rate = round(updates / seconds);
    log(`postal: ${updates} updates in ${round(seconds, 2)} s (${rate}/s), statuses ${JSON.stringify(statuses)}`);
    return {
      path: 'HTTP: signed VNPost webhook → WebhookController → ApplyCarrierUpdateUseCase',
      orders: items.length,
      updates,
      concurrency: CONCURRENCY,
      seconds: round(seconds, 2),
      updatesPerSec: rate,
      latencyMs: percentiles(latencies),
      statusCodes: statuses,
      results,
      ordersDelivered: deliveredOrders,
      deliveredEventsOnBus: delivered,
      eventsComplete,
    };
  } finally {
    await app.close();
    await bus.close();
  }
}

async function main(): Promise<void> {
  const started = nowMs();
  const result = await withBenchDatabase('postal', bench);
  emit({ ...result, totalSeconds: round((nowMs() - started) / 1000, 1) });
}

main().catch((err: Error) => {
  log(`postal bench failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
