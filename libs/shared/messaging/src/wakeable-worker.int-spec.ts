import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { LoggerService } from '@nestjs/common';
import { sleep } from './internal';
import { createTestDatabase, eventually, TestDatabase } from './test-utils';
import { WakeableWorker } from './wakeable-worker';

const CHANNEL = 'wakeable_worker_test';

describe('WakeableWorker LISTEN wake-up (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let notifier: Client;
  const workers: WakeableWorker[] = [];
  const warnings: string[] = [];
  const logger: LoggerService = { log: () => undefined, error: () => undefined, warn: (m: unknown) => void warnings.push(String(m)) };

  /** Backends of the test database currently (or last) running a LISTEN. */
  const listeners = async (): Promise<number[]> =>
    (
      (await notifier.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()`, [
        db.name,
      ])) as {
        rows: { pid: number }[];
      }
    ).rows.map((r) => r.pid);

  const startWorker = async () => {
    let calls = 0;
    const w = new WakeableWorker({
      name: 'Test worker',
      runBatch: () => Promise.resolve((calls++, 0)),
      idlePollMs: 60_000,
      listen: { dataSource: ds, channel: CHANNEL },
      listenRetryMs: 50,
      logger,
    });
    workers.push(w);
    await w.start();
    return { w, calls: () => calls };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ type: 'postgres', url: db.url, logging: false });
    await ds.initialize();
    notifier = new Client({ connectionString: db.url });
    await notifier.connect();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    warnings.length = 0;
  });
  afterAll(async () => {
    await notifier?.end();
    await ds?.destroy();
    await db?.drop();
  });

  it('runs a batch on NOTIFY of its channel, not of another one', async () => {
    const { calls } = await startWorker();
    await eventually(() => expect(calls()).toBe(1)); // the first pass, once listening
    await notifier.query(`SELECT pg_notify($1, '')`, [CHANNEL]);
    await eventually(() => expect(calls()).toBe(2));
    await notifier.query(`SELECT pg_notify($1, '')`, ['some_other_channel']);
    await sleep(200);
    expect(calls()).toBe(2);
  });

  it('hears a notification sent at commit by another transaction', async () => {
    const { calls } = await startWorker();
    await eventually(() => expect(calls()).toBe(1));
    await notifier.query('BEGIN');
    await notifier.query(`SELECT pg_notify($1, '')`, [CHANNEL]);
    await sleep(100);
    expect(calls()).toBe(1); // not before the commit
    await notifier.query('COMMIT');
    await eventually(() => expect(calls()).toBe(2));
  });

  it('re-establishes a lost LISTEN connection (and runs a batch for what it may have missed)', async () => {
    const { calls } = await startWorker();
    await eventually(() => expect(calls()).toBe(1));
    const [pid] = await listeners();
    expect(pid).toBeDefined();
    await notifier.query('SELECT pg_terminate_backend($1)', [pid]);
    await eventually(() => expect(warnings.some((w) => /^Test worker lost its LISTEN connection/.test(w))).toBe(true));
    await eventually(async () => {
      const now = await listeners();
      expect(now).toHaveLength(1);
      expect(now[0]).not.toBe(pid);
    });
    const before = calls();
    expect(before).toBeGreaterThanOrEqual(2); // woken on the loss and again on reconnecting
    await notifier.query(`SELECT pg_notify($1, '')`, [CHANNEL]);
    await eventually(() => expect(calls()).toBeGreaterThan(before));
  });

  it('closes its LISTEN connection on stop()', async () => {
    const { w } = await startWorker();
    await eventually(async () => expect(await listeners()).toHaveLength(1));
    await w.stop();
    await eventually(async () => expect(await listeners()).toHaveLength(0));
  });
});
