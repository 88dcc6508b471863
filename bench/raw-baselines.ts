/**
 * Raw infrastructure baselines, measured on this machine in the same run as the platform numbers:
 *
 * - PostgreSQL: transactions/s of N concurrent clients, each transaction = one business row + one
 *   outbox-like row + `pg_notify` (what `runInTransaction` + `Outbox.add` do), in a throwaway
 *   `bench_test_*` database created and dropped here;
 * - RabbitMQ: confirmed persistent publishes/s on one confirm channel, publishing batches of k
 *   messages and waiting for the broker's confirms after each batch (the outbox relay publishes
 *   batches of up to 200), to a throwaway durable exchange and queue.
 *
 * Env: TEST_DATABASE_URL, TEST_RABBITMQ_URL (from tools/infra/ensure.sh);
 *      BENCH_PG_CLIENTS (16), BENCH_PG_SECONDS (5), BENCH_MQ_SECONDS (3 per batch size), BENCH_MQ_BATCHES (1,20,200).
 * Prints one JSON document on stdout.
 */
import { randomUUID } from 'crypto';
import amqp from 'amqplib';
import { Client, Pool } from 'pg';
import { emit, envNumber, log, nowMs, percentiles, randomSuffix, round } from './lib';

const WARMUP_MS = 1000;

function envelope(code: string): Record<string, unknown> {
  return {
    id: randomUUID(),
    type: 'dossier.received',
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'intake',
    correlationId: code,
    causationId: null,
    data: {
      dossierCode: code,
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      receivingAgencyCode: '000.00.06.H56',
      competentAgencyCode: '000.00.06.H56',
      channel: 'POSTAL',
      receivedAt: '2026-01-05T09:00:00+07:00',
      appointmentAt: '2026-01-07T09:00:00+07:00',
      resultDelivery: 'POST',
      applicant: { fullName: 'Nguyễn Văn An', phone: '0912345678' },
      deliveryAddress: {
        recipientName: 'Nguyễn Văn An',
        phone: '0912345678',
        line: 'Số 1 Đường Trần Phú',
        communeCode: '00004',
        provinceCode: '01',
      },
    },
  };
}

// ------------------------------------------------------------------ PostgreSQL

async function postgres(url: string) {
  const clients = envNumber('BENCH_PG_CLIENTS', 16);
  const seconds = envNumber('BENCH_PG_SECONDS', 5);
  const db = `bench_test_${randomSuffix()}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${db}`;
  const pool = new Pool({ connectionString: dbUrl.toString(), max: clients });
  // An idle client still closing when DROP DATABASE … WITH (FORCE) terminates it must not crash the process.
  pool.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') log(`postgres pool: ${err.message}`);
  });
  try {
    await pool.query(`
      CREATE TABLE dossier (
        id uuid PRIMARY KEY, code text NOT NULL UNIQUE, status text NOT NULL, payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE outbox_message (
        seq bigserial PRIMARY KEY, id uuid NOT NULL UNIQUE, type text NOT NULL, version int NOT NULL, payload jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}', attempts int NOT NULL DEFAULT 0, last_error text,
        created_at timestamptz NOT NULL DEFAULT now());`);
    const settings = await pool.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'full_page_writes')`,
    );
    const server = Object.fromEntries(settings.rows.map((r) => [r.name, r.setting]));
    log(`postgres ${server.server_version}: ${clients} clients × ${seconds}s (+${WARMUP_MS / 1000}s warm-up), database ${db}`);

    const start = nowMs();
    const measureFrom = start + WARMUP_MS;
    const end = measureFrom + seconds * 1000;
    const latencies: number[] = [];
    let errors = 0;
    let seq = 0;
    const worker = async (w: number) => {
      const c = await pool.connect();
      try {
        for (;;) {
          const t0 = nowMs();
          if (t0 >= end) return;
          const code = `000.00.06.H56-260105-${w}${String(seq++).padStart(7, '0')}`;
          const env = envelope(code);
          try {
            await c.query('BEGIN');
            await c.query('INSERT INTO dossier (id, code, status, payload) VALUES ($1, $2, $3, $4)', [
              randomUUID(),
              code,
              'RECEIVED',
              JSON.stringify(env.data),
            ]);
            await c.query('INSERT INTO outbox_message (id, type, version, payload, headers) VALUES ($1, $2, $3, $4, $5)', [
              env.id,
              env.type,
              env.version,
              JSON.stringify(env),
              JSON.stringify({ 'x-correlation-id': code }),
            ]);
            await c.query(`SELECT pg_notify('bench_outbox', '')`);
            await c.query('COMMIT');
          } catch (err) {
            errors++;
            await c.query('ROLLBACK').catch(() => undefined);
            if (errors === 1) log(`postgres transaction failed: ${(err as Error).message}`);
            continue;
          }
          const t1 = nowMs();
          if (t0 >= measureFrom && t1 <= end) latencies.push(t1 - t0);
        }
      } finally {
        c.release();
      }
    };
    await Promise.all(Array.from({ length: clients }, (_, w) => worker(w)));
    const rows = await pool.query<{ n: string }>('SELECT count(*) AS n FROM outbox_message');
    return {
      server: {
        version: server.server_version,
        fsync: server.fsync,
        synchronousCommit: server.synchronous_commit,
        fullPageWrites: server.full_page_writes,
      },
      transaction: 'BEGIN; INSERT dossier; INSERT outbox_message; SELECT pg_notify; COMMIT',
      clients,
      durationSeconds: seconds,
      transactions: latencies.length,
      transactionsPerSec: round(latencies.length / seconds),
      latencyMs: percentiles(latencies),
      errors,
      rowsWrittenIncludingWarmup: Number(rows.rows[0].n) * 2,
    };
  } finally {
    await pool.end();
    // pool.end() resolves before the sockets are closed: let the sessions go away before dropping.
    for (let i = 0; i < 50; i++) {
      const r = await admin.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [db]);
      if (r.rows[0].n === '0') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
    log(`postgres: dropped ${db}`);
  }
}

// ------------------------------------------------------------------ RabbitMQ

async function rabbitmq(url: string) {
  const seconds = envNumber('BENCH_MQ_SECONDS', 3);
  const batches = (process.env.BENCH_MQ_BATCHES ?? '1,20,200').split(',').map((s) => Number(s.trim()));
  if (batches.some((b) => !Number.isInteger(b) || b < 1)) throw new Error('BENCH_MQ_BATCHES must be positive integers, e.g. 1,20,200');
  const conn = await amqp.connect(url);
  const name = `bench_test.${randomSuffix()}`;
  const version = String(conn.connection.serverProperties.version ?? 'unknown');
  const ch = await conn.createConfirmChannel();
  try {
    await ch.assertExchange(name, 'topic', { durable: true, autoDelete: false });
    await ch.assertQueue(name, { durable: true, autoDelete: false });
    await ch.bindQueue(name, name, '#');
    const body = Buffer.from(JSON.stringify(envelope('000.00.06.H56-260105-0001')));
    const runs = [];
    for (const batch of batches) {
      log(
        `rabbitmq ${version}: confirmed persistent publishes, batch ${batch}, ${seconds}s (+${WARMUP_MS / 1000}s warm-up), ${body.length} B`,
      );
      const start = nowMs();
      const measureFrom = start + WARMUP_MS;
      const end = measureFrom + seconds * 1000;
      const latencies: number[] = [];
      let published = 0;
      for (;;) {
        const t0 = nowMs();
        if (t0 >= end) break;
        for (let i = 0; i < batch; i++) {
          ch.publish(name, 'dossier.received', body, {
            persistent: true,
            contentType: 'application/json',
            messageId: randomUUID(),
            type: 'dossier.received',
            headers: { 'x-correlation-id': '000.00.06.H56-260105-0001' },
          });
        }
        await ch.waitForConfirms();
        const t1 = nowMs();
        if (t0 >= measureFrom && t1 <= end) {
          latencies.push(t1 - t0);
          published += batch;
        }
      }
      const purged = await ch.purgeQueue(name);
      runs.push({
        batch,
        durationSeconds: seconds,
        messages: published,
        messagesPerSec: round(published / seconds),
        batchConfirmLatencyMs: percentiles(latencies),
        queuedThenPurged: purged.messageCount,
      });
    }
    return {
      server: { version },
      publish: 'confirm channel, persistent, durable topic exchange → durable queue; waitForConfirms after each batch',
      messageBytes: body.length,
      runs,
      bestMessagesPerSec: Math.max(...runs.map((r) => r.messagesPerSec)),
    };
  } finally {
    await ch.deleteQueue(name).catch(() => undefined);
    await ch.deleteExchange(name).catch(() => undefined);
    await ch.close().catch(() => undefined);
    await conn.close().catch(() => undefined);
    log(`rabbitmq: deleted ${name}`);
  }
}

async function main() {
  const pgUrl = process.env.TEST_DATABASE_URL;
  const mqUrl = process.env.TEST_RABBITMQ_URL;
  if (!pgUrl || !mqUrl) throw new Error('TEST_DATABASE_URL and TEST_RABBITMQ_URL must be set: eval "$(bash tools/infra/ensure.sh)"');
  const postgresResult = await postgres(pgUrl);
  const rabbitmqResult = await rabbitmq(mqUrl);
  emit({ postgres: postgresResult, rabbitmq: rabbitmqResult });
}

main().catch((err: unknown) => {
  log(`raw baselines failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
