/*
 * Notification bench (tools/bench.sh → `notification`): messages per second through the whole pipeline —
 * event in (`dossier.received` on the bus) → inbox + recipient + template rendered + message queued (one
 * transaction) → dispatcher woken by NOTIFY → provider HTTP call to the simulator → SENT + `notification.sent`
 * in the outbox → the provider's delivery receipt POSTed back over HTTP (SMS DLR with the receipt key; Zalo's
 * signed `user_received_message`) → `delivery_status` DELIVERED.
 * The notification module is booted with createServiceApp over an InProcessBus on its own
 * `bench_test_notification_*` database (dropped at the end), listening on a local port for the receipts; the SMS
 * gateway and Zalo ZNS simulators run in this process as HTTP servers. BENCH_NOTIFICATION_MESSAGES (2,000)
 * dossiers, one per phone; BENCH_NOTIFICATION_ZALO_SHARE (0.25) of the phones prefer Zalo (phone_preference
 * rows inserted beforehand). Events are published in batches of 100.
 * Run alone: node bench/dist/bench/notification.bench.js
 */
import { randomUUID } from 'crypto';
import { AddressInfo } from 'net';
import { DataSource } from 'typeorm';
import { DOSSIER_RECEIVED, EventEnvelope, NOTIFICATION_SENT } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { NOTIFICATION_SERVICE, NotificationModule, notificationConfigFromEnv } from '@motcua/notification';
import { startSmsGatewaySimulator } from '@motcua/sim-sms-gateway';
import { startZaloZnsSimulator } from '@motcua/sim-zalo-zns';
import { emit, envNumber, log, nowMs, percentiles, pollUntil, round, withBenchDatabase } from './lib';

const MESSAGES = envNumber('BENCH_NOTIFICATION_MESSAGES', 2_000);
const ZALO_SHARE = Number(process.env.BENCH_NOTIFICATION_ZALO_SHARE ?? 0.25);
const BATCH_SIZE = envNumber('BENCH_NOTIFICATION_BATCH_SIZE', 50);
const TIMEOUT_SECONDS = envNumber('BENCH_NOTIFICATION_TIMEOUT_SECONDS', 120);
/** How long after a send the simulators post its receipt (a real handset answers in seconds). */
const RECEIPT_DELAY_MS = Number(process.env.BENCH_NOTIFICATION_RECEIPT_DELAY_MS ?? 200);
const DISPATCH_BATCH = envNumber('BENCH_NOTIFICATION_DISPATCH_BATCH', 20);
const RECEIPT_KEY = 'bench-receipt-key-0123456789';
const SMS_KEY = 'bench-sms-key';
const ZALO_TOKEN = 'bench-zalo-token';
const ZALO_APP = 'bench-zalo-app';
const ZALO_SECRET = 'bench-zalo-oa-secret-0123456789';
const AGENCY = '000.00.06.H56';

function envelope(i: number, phone: string): EventEnvelope {
  const code = `${AGENCY}-251125-${String(i).padStart(6, '0')}`;
  return {
    id: randomUUID(),
    type: DOSSIER_RECEIVED,
    version: 1,
    source: 'intake',
    occurredAt: new Date().toISOString(),
    correlationId: code,
    causationId: null,
    data: {
      dossierCode: code,
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      receivingAgencyCode: AGENCY,
      competentAgencyCode: AGENCY,
      channel: 'COUNTER',
      receivedAt: new Date().toISOString(),
      appointmentAt: new Date(Date.now() + 86_400_000).toISOString(),
      resultDelivery: 'COUNTER',
      applicant: { fullName: 'Nguyễn Thị Hòa', phone },
    },
  } as EventEnvelope;
}

async function bench(url: string): Promise<Record<string, unknown>> {
  const bus = new InProcessBus({ delayScale: 0.01 });
  let sentEvents = 0;
  await bus.consume({ service: 'bench-probe', bindings: [NOTIFICATION_SENT] }, async () => {
    sentEvents += 1;
  });
  const sms = await startSmsGatewaySimulator({ port: 0, apiKey: SMS_KEY, brandnames: ['MOTCUA'], dlrDelayMs: RECEIPT_DELAY_MS });
  const zalo = await startZaloZnsSimulator({
    port: 0,
    accessToken: ZALO_TOKEN,
    appId: ZALO_APP,
    oaSecretKey: ZALO_SECRET,
    webhookDelayMs: RECEIPT_DELAY_MS,
  });
  const config = notificationConfigFromEnv(
    { LOG_LEVEL: process.env.BENCH_INPROCESS_LOG_LEVEL || 'silent' },
    {
      databaseUrl: url,
      authJwtSecret: 'bench-secret-0123456789abcdef',
      bus,
      smsGatewayUrl: sms.url,
      smsGatewayApiKey: SMS_KEY,
      zaloZnsUrl: zalo.url,
      zaloZnsAccessToken: ZALO_TOKEN,
      zaloAppId: ZALO_APP,
      zaloOaSecretKey: ZALO_SECRET,
      smsReceiptKey: RECEIPT_KEY,
      dispatchBatchSize: DISPATCH_BATCH,
    },
  );
  const app = await createServiceApp(NotificationModule.forRoot(config), NOTIFICATION_SERVICE);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/notification/v1/receipts`;
  sms.engine.configure({ dlrUrl: `${base}/sms?key=${RECEIPT_KEY}` });
  zalo.engine.configure({ webhookUrl: `${base}/zalo` });
  try {
    const ds = app.get(DataSource);
    const phones = Array.from({ length: MESSAGES + 1 }, (_, i) => `09${String(10_000_000 + i).padStart(8, '0')}`);
    const zaloPhones = phones.filter((_, i) => i % Math.max(1, Math.round(1 / ZALO_SHARE)) === 0 && ZALO_SHARE > 0);
    await ds.query(
      `INSERT INTO phone_preference (phone, opted_out, channels, updated_by, updated_at)
       SELECT p, false, ARRAY['ZALO'], 'bench', now() FROM unnest($1::text[]) p`,
      [zaloPhones],
    );
    // warm-up (not counted): one dossier through the whole pipeline
    await bus.publish([envelope(0, phones[0])]);
    await pollUntil(
      async () =>
        ((await ds.query(`SELECT count(*)::int AS n FROM message WHERE delivery_status = 'DELIVERED'`)) as Array<{ n: number }>)[0].n >= 1,
      10_000,
      20,
    );
    const warmSent = sentEvents;

    log(`notification: ${MESSAGES} dossier.received (${zaloPhones.length - 1} prefer Zalo), batches of ${BATCH_SIZE}`);
    const publishedAt = new Map<string, number>();
    const start = nowMs();
    for (let i = 1; i <= MESSAGES; i += BATCH_SIZE) {
      const batch = [];
      for (let j = i; j < Math.min(i + BATCH_SIZE, MESSAGES + 1); j++) {
        const e = envelope(j, phones[j]);
        publishedAt.set((e.data as { dossierCode: string }).dossierCode, Date.now());
        batch.push(e);
      }
      await bus.publish(batch);
    }
    const warmCode = `${AGENCY}-251125-000000`;
    const count = async (where: string) =>
      (
        (await ds.query(`SELECT count(*)::int AS n FROM message WHERE dossier_code <> $1 AND ${where}`, [warmCode])) as Array<{
          n: number;
        }>
      )[0].n;
    let queuedSeconds = 0;
    await pollUntil(
      async () => {
        const done = (await count('true')) >= MESSAGES;
        if (done) queuedSeconds = (nowMs() - start) / 1000;
        return done;
      },
      TIMEOUT_SECONDS * 1000,
      20,
    );
    let sentSeconds = 0;
    const allSent = await pollUntil(
      async () => {
        const done = (await count(`status = 'SENT'`)) >= MESSAGES;
        if (done) sentSeconds = (nowMs() - start) / 1000;
        return done;
      },
      TIMEOUT_SECONDS * 1000,
      20,
    );
    const allDelivered = await pollUntil(
      async () => (await count(`delivery_status = 'DELIVERED'`)) >= MESSAGES,
      TIMEOUT_SECONDS * 1000,
      20,
    );
    const deliveredSeconds = (nowMs() - start) / 1000;
    await pollUntil(async () => sentEvents - warmSent >= MESSAGES, 10_000, 20);
    const rows = (await ds.query(
      `SELECT dossier_code, channel, status, delivery_status, sent_at, delivery_reported_at FROM message WHERE dossier_code <> $1`,
      [warmCode],
    )) as Array<{
      dossier_code: string;
      channel: string;
      status: string;
      delivery_status: string | null;
      sent_at: Date | null;
      delivery_reported_at: Date | null;
    }>;
    const toSent: number[] = [];
    const toDelivered: number[] = [];
    const byChannel: Record<string, number> = {};
    for (const r of rows) {
      byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
      const t0 = publishedAt.get(r.dossier_code);
      if (t0 === undefined) continue;
      if (r.sent_at) toSent.push(r.sent_at.getTime() - t0);
      if (r.delivery_reported_at && r.delivery_status === 'DELIVERED') toDelivered.push(r.delivery_reported_at.getTime() - t0);
    }
    const result = {
      path: 'bus: dossier.received → inbox, template, queue (1 tx) → NOTIFY → dispatcher → provider HTTP (SMS gateway / Zalo ZNS simulator) → SENT + outbox → receipt HTTP (SMS DLR / signed Zalo event) → DELIVERED',
      messages: MESSAGES,
      byChannel,
      batchSize: BATCH_SIZE,
      dispatchBatchSize: config.dispatchBatchSize,
      receiptDelayMs: RECEIPT_DELAY_MS,
      // ingest alone: every event handled and its message queued (the dispatcher sends meanwhile)
      queuedSeconds: round(queuedSeconds, 2),
      queuedPerSec: round(MESSAGES / queuedSeconds),
      sentSeconds: round(sentSeconds, 2),
      sentPerSec: round(MESSAGES / sentSeconds),
      deliveredSeconds: round(deliveredSeconds, 2),
      deliveredPerSec: round(MESSAGES / deliveredSeconds),
      eventToSentMs: percentiles(toSent),
      eventToDeliveredMs: percentiles(toDelivered),
      allSent,
      allDelivered,
      notificationSentOnBus: sentEvents - warmSent,
      // messages the simulators accepted, the warm-up's included
      providerMessages: { sms: sms.engine.listMessages().length, zalo: zalo.engine.listMessages().length },
    };
    log(
      `notification: ${MESSAGES} sent in ${result.sentSeconds} s (${result.sentPerSec}/s), delivered in ${result.deliveredSeconds} s (${result.deliveredPerSec}/s)`,
    );
    return result;
  } finally {
    await app.close();
    await bus.close();
    await sms.close();
    await zalo.close();
  }
}

async function main(): Promise<void> {
  const started = nowMs();
  const result = await withBenchDatabase('notification', bench);
  emit({ ...result, totalSeconds: round((nowMs() - started) / 1000, 1) });
}

main().catch((err: Error) => {
  log(`notification bench failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
