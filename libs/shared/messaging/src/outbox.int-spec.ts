import { Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { EventEnvelope } from '@motcua/contracts';
import { MessageBus } from './bus';
import { handleOnce } from './inbox';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { RabbitMqBus } from './rabbitmq-bus';
import {
  createTestDatabase,
  deleteTopology,
  dossierReceived,
  eventually,
  messagingDataSource,
  RABBITMQ_URL,
  randomSuffix,
  TestDatabase,
} from './test-utils';
import { currentEnvelope, currentManager, runInTransaction } from './transaction-context';

jest.setTimeout(20_000);
beforeAll(() => Logger.overrideLogger(false));

const data = dossierReceived().data as object;

describe('Outbox, OutboxRelay and inbox (real PostgreSQL and RabbitMQ)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let prefix: string;
  let bus: RabbitMqBus;
  const received: EventEnvelope[] = [];
  const outbox = new Outbox('intake');
  const relays: OutboxRelay[] = [];

  const startRelay = async (opts: ConstructorParameters<typeof OutboxRelay>[2] = {}, onBus: MessageBus = bus) => {
    const relay = new OutboxRelay(ds, onBus, { idlePollMs: 60_000, ...opts });
    relays.push(relay);
    await relay.start();
    return relay;
  };
  const outboxCount = async () => Number(((await ds.query('SELECT count(*) AS n FROM outbox_message')) as { n: string }[])[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await messagingDataSource(db.url, 20);
    await ds.query('CREATE TABLE note (id uuid PRIMARY KEY, text text NOT NULL)');
    prefix = `test-${randomSuffix()}`;
    bus = new RabbitMqBus({ url: RABBITMQ_URL, prefix });
    await bus.consume({ service: 'probe', bindings: ['#'], prefetch: 100 }, async (body) => void received.push(body as EventEnvelope));
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    received.length = 0;
    await ds.query('DELETE FROM outbox_message');
  });
  afterAll(async () => {
    await bus?.close();
    await ds?.destroy();
    await db?.drop();
    await deleteTopology(prefix);
  });

  it('refuses to write outside a transaction', async () => {
    await expect(outbox.add('dossier.received', 1, data, { correlationId: null })).rejects.toThrow(/runInTransaction/);
  });

  it('never publishes rows of a rolled-back transaction; publishes committed ones within ~100 ms of commit', async () => {
    await startRelay();
    let rolledBack: EventEnvelope | undefined;
    await expect(
      runInTransaction(ds, async () => {
        rolledBack = await outbox.add('dossier.received', 1, data, { correlationId: 'X' });
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');

    const committed = await runInTransaction(ds, () => outbox.add('dossier.received', 1, data, { correlationId: 'Y' }));
    const committedAt = Date.now();
    await eventually(() => expect(received.map((e) => e.id)).toContain(committed.id), 100, 2);
    const latency = Date.now() - committedAt;
    expect(latency).toBeLessThan(100);
    expect(received.map((e) => e.id)).not.toContain(rolledBack?.id);
    expect(received.find((e) => e.id === committed.id)).toEqual(committed);
    await eventually(async () => expect(await outboxCount()).toBe(0));
  });

  it('re-LISTENs after its listening connection is killed', async () => {
    await startRelay();
    const first = await runInTransaction(ds, () => outbox.add('dossier.received', 1, data, { correlationId: null }));
    await eventually(() => expect(received.map((e) => e.id)).toContain(first.id), 1000);
    const listeners = async () =>
      (
        (await ds.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN motcua_outbox'`)) as {
          pid: number;
        }[]
      ).map((r) => r.pid);
    const [old] = await listeners();
    expect(old).toBeDefined();
    await ds.query('SELECT pg_terminate_backend($1)', [old]);
    await eventually(
      async () => {
        const now = await listeners();
        expect(now).toHaveLength(1);
        expect(now[0]).not.toBe(old);
      },
      5000,
      50,
    );
    const second = await runInTransaction(ds, () => outbox.add('dossier.received', 1, data, { correlationId: null }));
    await eventually(() => expect(received.map((e) => e.id)).toContain(second.id), 500);
  });

  it('fills the envelope and joins the ambient transaction', async () => {
    const cause = dossierReceived();
    const [a, b] = await handleOnceWith(cause, async () => {
      expect(currentEnvelope()?.id).toBe(cause.id);
      return outbox.addMany([
        { type: 'dossier.received', version: 1, data, opts: { correlationId: 'C1' } },
        { type: 'dossier.resolved', version: 1, data, opts: { correlationId: 'C1', causationId: null } },
      ]);
    });
    expect(a).toMatchObject({ type: 'dossier.received', version: 1, source: 'intake', correlationId: 'C1', causationId: cause.id, data });
    expect(Date.parse(a.occurredAt)).not.toBeNaN();
    expect(b.causationId).toBeNull();
    const rows = (await ds.query('SELECT id, type, payload FROM outbox_message ORDER BY seq')) as {
      id: string;
      type: string;
      payload: unknown;
    }[];
    expect(rows).toEqual([
      { id: a.id, type: a.type, payload: a },
      { id: b.id, type: b.type, payload: b },
    ]);
  });

  async function handleOnceWith<T>(envelope: EventEnvelope, fn: () => Promise<T>): Promise<T> {
    let out!: T;
    await handleOnce(ds, 'test-consumer', envelope, async () => {
      out = await fn();
    });
    return out;
  }

  it('two relays publish each of 500 messages exactly once', async () => {
    await startRelay({ batchSize: 25 });
    await startRelay({ batchSize: 25 });
    const written: string[] = [];
    await Promise.all(
      Array.from({ length: 50 }, () =>
        runInTransaction(ds, async () => {
          const envs = await outbox.addMany(
            Array.from({ length: 10 }, () => ({ type: 'dossier.received', version: 1, data, opts: { correlationId: null } })),
          );
          written.push(...envs.map((e) => e.id));
        }),
      ),
    );
    await eventually(() => expect(received.length).toBeGreaterThanOrEqual(500), 10_000);
    await eventually(async () => expect(await outboxCount()).toBe(0));
    const ids = received.map((e) => e.id);
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
    expect(new Set(ids)).toEqual(new Set(written));
  });

  it('keeps rows and counts attempts while publishing fails, then publishes them', async () => {
    let failures = 2;
    const flaky: MessageBus = {
      publish: async (envs) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('broker unreachable');
        }
        await bus.publish(envs);
      },
      consume: () => Promise.reject(new Error('unused')),
      stopConsuming: () => Promise.resolve(),
      close: () => Promise.resolve(),
      isConnected: () => true,
      peekDeadLetters: () => Promise.resolve([]),
      replayDeadLetters: () => Promise.resolve(0),
    };
    const e = await runInTransaction(ds, () => outbox.add('dossier.received', 1, data, { correlationId: null }));
    await startRelay({ maxBackoffMs: 200 }, flaky);
    await eventually(() => expect(received.map((r) => r.id)).toContain(e.id), 5000);
    expect(failures).toBe(0);
    await eventually(async () => expect(await outboxCount()).toBe(0));
  });

  it('records the failure on the row', async () => {
    const failing: MessageBus = {
      publish: () => Promise.reject(new Error('nope')),
      consume: () => Promise.reject(new Error('unused')),
      stopConsuming: () => Promise.resolve(),
      close: () => Promise.resolve(),
      isConnected: () => false,
      peekDeadLetters: () => Promise.resolve([]),
      replayDeadLetters: () => Promise.resolve(0),
    };
    await runInTransaction(ds, () => outbox.add('dossier.received', 1, data, { correlationId: null }));
    await startRelay({ maxBackoffMs: 50 }, failing);
    await eventually(async () => {
      const [row] = (await ds.query('SELECT attempts, last_error FROM outbox_message')) as { attempts: number; last_error: string }[];
      expect(row.attempts).toBeGreaterThanOrEqual(2);
      expect(row.last_error).toBe('nope');
    });
  });

  describe('handleOnce', () => {
    it('runs fn once for the same envelope, joining its transaction', async () => {
      const envelope = dossierReceived();
      let runs = 0;
      const fn = async () => {
        runs += 1;
        await runInTransaction(ds, async (m) => {
          expect(m).toBe(currentManager());
          await m.query('INSERT INTO note (id, text) VALUES ($1, $2)', [randomUUID(), envelope.id]);
        });
      };
      expect(await handleOnce(ds, 'routing', envelope, fn)).toBe('processed');
      expect(await handleOnce(ds, 'routing', envelope, fn)).toBe('duplicate');
      expect(await handleOnce(ds, 'notification', envelope, fn)).toBe('processed');
      expect(runs).toBe(2);
      const notes = (await ds.query('SELECT text FROM note WHERE text = $1', [envelope.id])) as unknown[];
      expect(notes).toHaveLength(2);
    });

    it('runs fn once when two deliveries race', async () => {
      const envelope = dossierReceived();
      let runs = 0;
      const fn = async () => {
        runs += 1;
        await new Promise((r) => setTimeout(r, 50));
      };
      const outcomes = await Promise.all([handleOnce(ds, 'routing', envelope, fn), handleOnce(ds, 'routing', envelope, fn)]);
      expect(outcomes.sort()).toEqual(['duplicate', 'processed']);
      expect(runs).toBe(1);
    });

    it('rolls everything back when fn throws, inbox row included', async () => {
      const envelope = dossierReceived();
      await expect(
        handleOnce(ds, 'routing', envelope, async () => {
          await runInTransaction(ds, (m) => m.query('INSERT INTO note (id, text) VALUES ($1, $2)', [randomUUID(), envelope.id]));
          await outbox.add('dossier.resolved', 1, data, { correlationId: null });
          throw new Error('handler failed');
        }),
      ).rejects.toThrow('handler failed');
      expect(await ds.query('SELECT * FROM inbox_message WHERE message_id = $1', [envelope.id])).toEqual([]);
      expect(await ds.query('SELECT * FROM note WHERE text = $1', [envelope.id])).toEqual([]);
      expect(await outboxCount()).toBe(0);
      // …so the retry processes it.
      expect(await handleOnce(ds, 'routing', envelope, async () => undefined)).toBe('processed');
    });
  });
});
