import type { LoggerService } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { sleep } from './internal';
import { eventually } from './test-utils';
import { WakeableWorker, WakeableWorkerOptions } from './wakeable-worker';

/** A logger that remembers its warnings. */
function recordingLogger(): LoggerService & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, log: () => undefined, error: () => undefined, warn: (m: unknown) => void warnings.push(String(m)) };
}

/** A promise with its resolve function, to hold a batch open. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

describe('WakeableWorker', () => {
  const workers: WakeableWorker[] = [];
  const make = (opts: Partial<WakeableWorkerOptions> & Pick<WakeableWorkerOptions, 'runBatch'>) => {
    const w = new WakeableWorker({ name: 'Test worker', idlePollMs: 60_000, logger: recordingLogger(), ...opts });
    workers.push(w);
    return w;
  };
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });

  it('runs batches back to back while they handle items, then waits', async () => {
    const counts = [3, 2, 1, 0];
    let calls = 0;
    const w = make({ runBatch: () => Promise.resolve(counts[calls++] ?? 0) });
    await w.start();
    await eventually(() => expect(calls).toBe(4));
    await sleep(50);
    expect(calls).toBe(4); // idle: the poll is a minute away
  });

  it('wakes at once on kick()', async () => {
    let calls = 0;
    const w = make({ runBatch: () => Promise.resolve((calls++, 0)) });
    await w.start();
    await eventually(() => expect(calls).toBe(1));
    w.kick();
    await eventually(() => expect(calls).toBe(2));
    w.kick();
    await eventually(() => expect(calls).toBe(3));
  });

  it('polls every idlePollMs when nothing wakes it', async () => {
    let calls = 0;
    const w = make({ idlePollMs: 20, runBatch: () => Promise.resolve((calls++, 0)) });
    await w.start();
    await eventually(() => expect(calls).toBeGreaterThanOrEqual(4));
  });

  it('does not lose a kick that arrives while a batch runs', async () => {
    const held = gate();
    let calls = 0;
    const w = make({
      runBatch: async () => {
        calls += 1;
        if (calls === 1) await held.promise;
        return 0;
      },
    });
    await w.start();
    await eventually(() => expect(calls).toBe(1));
    w.kick(); // mid-batch
    held.open();
    await eventually(() => expect(calls).toBe(2));
    await sleep(50);
    expect(calls).toBe(2);
  });

  it('follows a batch result: again at once, or wait at most waitMs', async () => {
    const times: number[] = [];
    const results = [{ again: true }, { again: false, waitMs: 30 }, { again: false }];
    const w = make({
      runBatch: () => {
        times.push(Date.now());
        return Promise.resolve(results[times.length - 1] ?? { again: false });
      },
    });
    await w.start();
    await eventually(() => expect(times).toHaveLength(3));
    expect(times[1] - times[0]).toBeLessThan(25);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(25);
    await sleep(50);
    expect(times).toHaveLength(3); // { again: false } without waitMs: idlePollMs
  });

  it('backs off after failures (100 ms doubling, capped), unmoved by kicks, and resets after a success', async () => {
    const logger = recordingLogger();
    const times: number[] = [];
    let failures = 4;
    const w = make({
      logger,
      maxBackoffMs: 250,
      runBatch: () => {
        times.push(Date.now());
        if (failures > 0) {
          failures -= 1;
          return Promise.reject(new Error('database unreachable'));
        }
        return Promise.resolve(0);
      },
    });
    await w.start();
    await eventually(() => expect(times).toHaveLength(2));
    w.kick(); // during the 200 ms back-off: does not cut it short
    await eventually(() => expect(times).toHaveLength(5), 3000);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[1]).toBeGreaterThanOrEqual(195);
    expect(gaps[2]).toBeGreaterThanOrEqual(245); // 400, capped at 250
    expect(gaps[3]).toBeGreaterThanOrEqual(245);
    expect(logger.warnings).toEqual([
      'Test worker batch failed: database unreachable; retrying in 100 ms',
      'Test worker batch failed: database unreachable; retrying in 200 ms',
      'Test worker batch failed: database unreachable; retrying in 250 ms',
      'Test worker batch failed: database unreachable; retrying in 250 ms',
    ]);
    // healthy again: a kick runs the next batch at once
    w.kick();
    await eventually(() => expect(times).toHaveLength(6));
  });

  it('stop() lets the current batch finish, then runs no more', async () => {
    const held = gate();
    let calls = 0;
    let finished = false;
    const w = make({
      runBatch: async () => {
        calls += 1;
        await held.promise;
        finished = true;
        return 5; // "more to do": stop must win anyway
      },
    });
    await w.start();
    await eventually(() => expect(calls).toBe(1));
    let stopped = false;
    const stopping = w.stop().then(() => (stopped = true));
    await sleep(30);
    expect(stopped).toBe(false);
    held.open();
    await stopping;
    expect(finished).toBe(true);
    expect(calls).toBe(1);
    expect(w.isRunning).toBe(false);
  });

  it('stop() ends an idle wait and a back-off at once', async () => {
    const idle = make({ runBatch: () => Promise.resolve(0) });
    const failing = make({ maxBackoffMs: 60_000, runBatch: () => Promise.reject(new Error('nope')) });
    await idle.start();
    await failing.start();
    await sleep(20);
    const t0 = Date.now();
    await Promise.all([idle.stop(), failing.stop()]);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('start() and stop() are idempotent; a stopped worker can start again', async () => {
    let calls = 0;
    const w = make({ runBatch: () => Promise.resolve((calls++, 0)) });
    await w.stop();
    await w.start();
    await w.start();
    await eventually(() => expect(calls).toBe(1));
    await sleep(20);
    expect(calls).toBe(1); // one loop, not two
    await w.stop();
    await w.stop();
    await w.start();
    await eventually(() => expect(calls).toBe(2));
  });

  it('falls back to the idle poll when the DataSource has no PostgreSQL pool', async () => {
    const logger = recordingLogger();
    let calls = 0;
    const w = make({
      logger,
      idlePollMs: 20,
      listen: { dataSource: { driver: {} } as unknown as DataSource, channel: 'some_channel' },
      runBatch: () => Promise.resolve((calls++, 0)),
    });
    await w.start();
    await eventually(() => expect(calls).toBeGreaterThanOrEqual(3));
    expect(logger.warnings).toEqual(['Test worker: no PostgreSQL pool found; relying on the idle poll']);
  });

  it('refuses a channel name that is not a plain identifier', () => {
    expect(() =>
      make({ runBatch: () => Promise.resolve(0), listen: { dataSource: {} as DataSource, channel: 'x; DROP TABLE y' } }),
    ).toThrow(/Invalid LISTEN channel/);
  });
});
