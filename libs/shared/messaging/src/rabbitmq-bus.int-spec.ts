import { Logger } from '@nestjs/common';
import * as amqplib from 'amqplib';
import { topology, NonRetryableError } from './bus';
import { RabbitMqBus } from './rabbitmq-bus';
import {
  closeConnectionsNamed,
  deleteTopology,
  dropConnection,
  dossierReceived,
  eventually,
  queueDepth,
  RABBITMQ_URL,
  randomSuffix,
} from './test-utils';

jest.setTimeout(20_000);
beforeAll(() => Logger.overrideLogger(false));

describe('RabbitMqBus (real broker)', () => {
  let prefix: string;
  let connectionName: string;
  let bus: RabbitMqBus;

  beforeEach(() => {
    prefix = `test-${randomSuffix()}`;
    connectionName = `${prefix}-bus`;
    bus = new RabbitMqBus({ url: RABBITMQ_URL, prefix, connectionName, reconnectTimeInSeconds: 0.2 });
  });
  afterEach(async () => {
    await bus.close();
    await deleteTopology(prefix);
  });

  it('publishes with confirms and consumes', async () => {
    const got: { body: unknown; attempt: number }[] = [];
    await bus.consume({ service: 'svc', bindings: ['dossier.*'] }, async (body, info) => void got.push({ body, attempt: info.attempt }));
    const events = Array.from({ length: 50 }, () => dossierReceived());
    await bus.publish(events);
    await eventually(() => expect(got).toHaveLength(50));
    expect(got.map((g) => g.body)).toEqual(events);
    expect(got.every((g) => g.attempt === 0)).toBe(true);
    expect(bus.isConnected()).toBe(true);
  });

  it('retries with growing delays, then acks', async () => {
    const at: number[] = [];
    const attempts: number[] = [];
    await bus.consume({ service: 'svc', bindings: ['#'], retryDelaysMs: [100, 400] }, async (_b, info) => {
      at.push(Date.now());
      attempts.push(info.attempt);
      if (attempts.length < 3) throw new Error('transient');
    });
    await bus.publish([dossierReceived()]);
    await eventually(() => expect(attempts).toEqual([0, 1, 2]));
    const gaps = [at[1] - at[0], at[2] - at[1]];
    expect(gaps[0]).toBeGreaterThanOrEqual(90);
    expect(gaps[1]).toBeGreaterThanOrEqual(390);
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    const t = topology(prefix, 'svc');
    await eventually(async () => expect(await queueDepth(t.queue)).toBe(0));
    expect(await queueDepth(t.deadLetterQueue)).toBe(0);
    expect(await bus.peekDeadLetters('svc')).toEqual([]);
  });

  it('dead-letters after the last retry; peek preserves order and count; replay moves them back', async () => {
    let fail = true;
    const seen: string[] = [];
    await bus.consume({ service: 'svc', bindings: ['#'], retryDelaysMs: [100, 200] }, async (body) => {
      seen.push((body as { id: string }).id);
      if (fail) throw new Error('permanent-ish');
    });
    const events = [dossierReceived(), dossierReceived(), dossierReceived()];
    for (const e of events) await bus.publish([e]);
    const dlq = topology(prefix, 'svc').deadLetterQueue;
    await eventually(async () => expect(await queueDepth(dlq)).toBe(3), 10_000, 20);
    expect(seen).toHaveLength(9);

    const first = await bus.peekDeadLetters('svc');
    const again = await bus.peekDeadLetters('svc');
    expect(first.map((d) => (d.envelope as { id: string }).id)).toEqual(events.map((e) => e.id));
    expect(again).toEqual(first);
    expect(first[0]).toMatchObject({ attempts: 3 });
    expect(first[0].reason).toContain('retries exhausted: permanent-ish');
    expect(Date.parse(first[0].failedAt)).not.toBeNaN();
    expect(await bus.peekDeadLetters('svc', 2)).toHaveLength(2);
    expect(await queueDepth(dlq)).toBe(3);

    fail = false;
    expect(await bus.replayDeadLetters('svc')).toBe(3);
    await eventually(() => expect(seen).toHaveLength(12));
    expect(await bus.peekDeadLetters('svc')).toEqual([]);
  });

  it('sends NonRetryableError and non-JSON bodies published by hand straight to the DLQ', async () => {
    let calls = 0;
    await bus.consume({ service: 'svc', bindings: ['#'], retryDelaysMs: [100, 200] }, async () => {
      calls += 1;
      throw new NonRetryableError('contract violated');
    });
    await bus.publish([dossierReceived()]);
    const conn = await amqplib.connect(RABBITMQ_URL);
    try {
      const ch = await conn.createConfirmChannel();
      ch.publish(`${prefix}.events`, 'dossier.received', Buffer.from('this is { not json'), { messageId: 'garbage-1', persistent: true });
      await ch.waitForConfirms();
    } finally {
      await conn.close();
    }
    const dls = await eventually(async () => {
      const d = await bus.peekDeadLetters('svc');
      expect(d).toHaveLength(2);
      return d;
    });
    expect(calls).toBe(1);
    expect(dls.map((d) => d.attempts)).toEqual([1, 1]);
    expect(dls.map((d) => d.reason).sort()).toEqual([
      expect.stringMatching(/^non-retryable: contract violated/),
      expect.stringMatching(/^unparsable JSON/),
    ]);
  });

  it('re-establishes consumers after the connection is force-closed', async () => {
    const got: string[] = [];
    await bus.consume({ service: 'svc', bindings: ['#'] }, async (body) => void got.push((body as { id: string }).id));
    await bus.publish([dossierReceived()]);
    await eventually(() => expect(got).toHaveLength(1));

    await eventually(async () => expect(await closeConnectionsNamed(connectionName)).toBe(1), 10_000, 200);
    await eventually(() => expect(bus.isConnected()).toBe(false), 2000, 5).catch(() => undefined);
    // The relay's contract: a publish either is confirmed or rejects; retry until it goes through.
    const e = dossierReceived();
    await eventually(() => bus.publish([e]), 10_000, 100);
    await eventually(() => expect(got).toContain(e.id), 10_000);
    expect(bus.isConnected()).toBe(true);
  });

  it('rejects a publish in flight when the connection drops, and publishes again after reconnecting', async () => {
    await bus.waitUntilReady();
    const pending = bus.publish(Array.from({ length: 2000 }, () => dossierReceived()));
    dropConnection(bus);
    await expect(pending).rejects.toThrow();
    await eventually(() => bus.publish([dossierReceived()]), 10_000, 100);
  });

  it('close() waits for in-flight handlers', async () => {
    let finished = false;
    let started = false;
    await bus.consume({ service: 'svc', bindings: ['#'] }, async () => {
      started = true;
      await new Promise((r) => setTimeout(r, 300));
      finished = true;
    });
    await bus.publish([dossierReceived()]);
    await eventually(() => started);
    await bus.close();
    expect(finished).toBe(true);
    expect(await queueDepth(topology(prefix, 'svc').queue)).toBe(0);
  });
});
