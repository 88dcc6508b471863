import { Logger } from '@nestjs/common';
import { DeliveryInfo, NonRetryableError } from './bus';
import { InProcessBus, topicMatches } from './in-process-bus';
import { dossierReceived, eventually } from './test-utils';

const quiet = new Logger('test');
beforeAll(() => Logger.overrideLogger(false));

describe('topicMatches', () => {
  it.each([
    ['dossier.received', 'dossier.received', true],
    ['dossier.*', 'dossier.received', true],
    ['dossier.*', 'dossier.received.v2', false],
    ['*.received', 'dossier.received', true],
    ['dossier.#', 'dossier', true],
    ['dossier.#', 'dossier.received.v2', true],
    ['#', 'anything.at.all', true],
    ['#.received', 'received', true],
    ['#.received', 'dossier.x.received', true],
    ['dossier.#.done', 'dossier.done', true],
    ['dossier.#.done', 'dossier.a.b.done', true],
    ['dossier.#.done', 'dossier.a.b', false],
    ['postal.*', 'dossier.received', false],
    ['a.*.c', 'a.b.c', true],
    ['a.*.c', 'a.c', false],
  ])('%s ~ %s → %s', (pattern, key, expected) => {
    expect(topicMatches(pattern, key)).toBe(expected);
  });
});

describe('InProcessBus', () => {
  let bus: InProcessBus;
  beforeEach(() => {
    bus = new InProcessBus({ delayScale: 0.01, logger: quiet });
  });
  afterEach(() => bus.close());

  it('routes by topic to one queue per service, with JSON-cloned messages', async () => {
    const got: Record<string, unknown[]> = { a: [], b: [] };
    await bus.consume({ service: 'a', bindings: ['dossier.*'] }, async (m) => void got.a.push(m));
    await bus.consume({ service: 'b', bindings: ['postal.#'] }, async (m) => void got.b.push(m));
    const e = dossierReceived();
    await bus.publish([e]);
    await eventually(() => expect(got.a).toHaveLength(1));
    expect(got.a[0]).toEqual(e);
    expect(got.a[0]).not.toBe(e);
    expect(got.b).toHaveLength(0);
  });

  it('does not deliver what was published before the service consumed, but keeps bindings', async () => {
    await bus.publish([dossierReceived()]);
    const got: unknown[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await bus.consume({ service: 'late', bindings: ['dossier.received'] }, async (m) => {
      got.push(m);
      await gate;
    });
    await bus.stopConsuming('late');
    await bus.publish([dossierReceived()]); // queued: the binding persists
    expect(bus.queueDepth('late')).toBe(1);
    await bus.consume({ service: 'late', bindings: ['dossier.received'] }, async (m) => void got.push(m));
    release();
    await eventually(() => expect(got).toHaveLength(1));
  });

  it('retries after the delays, then succeeds', async () => {
    const attempts: DeliveryInfo[] = [];
    await bus.consume({ service: 's', bindings: ['#'], retryDelaysMs: [1000, 2000] }, async (_m, info) => {
      attempts.push(info);
      if (attempts.length < 3) throw new Error('boom');
    });
    await bus.publish([dossierReceived()]);
    await eventually(() => expect(attempts.map((a) => a.attempt)).toEqual([0, 1, 2]));
    expect(await bus.peekDeadLetters('s')).toEqual([]);
  });

  it('dead-letters after the last retry, and replays', async () => {
    let fail = true;
    const seen: unknown[] = [];
    await bus.consume({ service: 's', bindings: ['#'], retryDelaysMs: [100, 200] }, async (m) => {
      seen.push(m);
      if (fail) throw new Error('still broken');
    });
    const e = dossierReceived();
    await bus.publish([e]);
    const [dl] = await eventually(async () => {
      const d = await bus.peekDeadLetters('s');
      expect(d).toHaveLength(1);
      return d;
    });
    expect(seen).toHaveLength(3);
    expect(dl).toMatchObject({ envelope: e, attempts: 3 });
    expect(dl.reason).toContain('still broken');
    fail = false;
    expect(await bus.replayDeadLetters('s')).toBe(1);
    await eventually(() => expect(seen).toHaveLength(4));
    expect(await bus.peekDeadLetters('s')).toEqual([]);
  });

  it('sends NonRetryableError and unparsable bodies straight to the DLQ', async () => {
    let calls = 0;
    await bus.consume({ service: 's', bindings: ['#'], retryDelaysMs: [100] }, async () => {
      calls += 1;
      throw new NonRetryableError('bad contract');
    });
    await bus.publish([dossierReceived()]);
    await bus.publishRaw('dossier.received', '{not json');
    const dls = await eventually(async () => {
      const d = await bus.peekDeadLetters('s');
      expect(d).toHaveLength(2);
      return d;
    });
    expect(calls).toBe(1);
    expect(dls.map((d) => d.attempts)).toEqual([1, 1]);
    expect(dls.find((d) => d.envelope === '{not json')?.reason).toMatch(/unparsable/);
  });

  it('bounds concurrency to prefetch', async () => {
    let active = 0;
    let max = 0;
    let done = 0;
    await bus.consume({ service: 's', bindings: ['#'], prefetch: 3 }, async () => {
      active += 1;
      max = Math.max(max, active);
      await new Promise((r) => setTimeout(r, 5));
      active -= 1;
      done += 1;
    });
    await bus.publish(Array.from({ length: 20 }, () => dossierReceived()));
    await eventually(() => expect(done).toBe(20));
    expect(max).toBe(3);
  });

  it('close() waits for in-flight handlers and stops delivering', async () => {
    let finished = false;
    let started = false;
    await bus.consume({ service: 's', bindings: ['#'] }, async () => {
      started = true;
      await new Promise((r) => setTimeout(r, 50));
      finished = true;
    });
    await bus.publish([dossierReceived()]);
    await eventually(() => started);
    await bus.close();
    expect(finished).toBe(true);
    expect(bus.isConnected()).toBe(false);
    await expect(bus.publish([dossierReceived()])).rejects.toThrow(/closed/);
  });
});
