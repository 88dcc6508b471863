import { Controller, INestMicroservice, Injectable, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { DOSSIER_RECEIVED, DOSSIER_RESOLVED, EventEnvelope } from '@motcua/contracts';
import { BatchContext } from './bus-context';
import { BatchOptions, BusExceptionFilter, BusTransport, HandlingOutcome } from './bus-transport';
import { createTestDatabase, dossierReceived, eventually, messagingDataSource, TestDatabase, Harness, harnesses } from './test-utils';
import { runInTransaction } from './transaction-context';

jest.setTimeout(20_000);
beforeAll(() => Logger.overrideLogger(false));

const SERVICE = 'batcher';
/** The handler's batch option: read by the transport at each delivery, so a test may set it before publishing. */
const BATCH: BatchOptions = { maxMessages: 5, maxWaitMs: 100 };

/** What the batch handler saw, and switches to make it fail or wait. */
@Injectable()
class Recorder {
  batches: { ids: string[]; types: string[]; at: number }[] = [];
  /** A batch holding this id fails (a poison message). */
  poisonId?: string;
  failAll = false;
  /** When set, the handler waits for it after writing (to observe the moment of the ack). */
  gate?: Promise<void>;
  dataSource!: DataSource;
}

@Controller()
class BatchController {
  constructor(private readonly recorder: Recorder) {}

  @EventPattern([DOSSIER_RECEIVED, DOSSIER_RESOLVED], { batch: BATCH })
  async onBatch(@Payload() envelopes: EventEnvelope[], @Ctx() ctx: BatchContext): Promise<void> {
    expect(ctx.getEnvelopes()).toBe(envelopes);
    expect(ctx.getDeliveryInfos()).toHaveLength(envelopes.length);
    this.recorder.batches.push({ ids: envelopes.map((e) => e.id), types: envelopes.map((e) => e.type), at: Date.now() });
    // joins the batch's transaction: every note of the batch carries the same transaction id
    await runInTransaction(this.recorder.dataSource, async (m) => {
      for (const e of envelopes) await m.query('INSERT INTO note (id, text) VALUES ($1, $2) ON CONFLICT DO NOTHING', [randomUUID(), e.id]);
    });
    if (this.recorder.failAll || envelopes.some((e) => e.id === this.recorder.poisonId)) throw new Error('poison in the batch');
    await this.recorder.gate;
  }
}

function appModule(recorder: Recorder) {
  @Module({ controllers: [BatchController], providers: [{ provide: Recorder, useValue: recorder }] })
  class AppModule {}
  return AppModule;
}

function dossierResolved(): EventEnvelope {
  return {
    ...dossierReceived(),
    type: DOSSIER_RESOLVED,
    data: {
      dossierCode: '000.00.06.H56-260105-0001',
      resolvingAgencyCode: '000.00.06.H56',
      resolvedAt: '2026-01-05T09:00:00+07:00',
      appointmentAt: '2026-01-06T09:00:00+07:00',
      timeliness: 'EARLY',
      resultSummary: 'ok',
    },
  };
}

describe.each(harnesses)('BusTransport batch handlers over the %s', (_name, makeHarness) => {
  let db: TestDatabase;
  let ds: DataSource;
  let h: Harness;
  let app: INestMicroservice | undefined;
  let transport: BusTransport;
  let recorder: Recorder;
  let outcomes: [string, HandlingOutcome][];

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await messagingDataSource(db.url);
    await ds.query('CREATE TABLE note (id uuid PRIMARY KEY, text text NOT NULL, tx bigint NOT NULL DEFAULT txid_current())');
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function start(): Promise<void> {
    recorder = new Recorder();
    recorder.dataSource = ds;
    transport = new BusTransport({
      bus: h.bus,
      service: SERVICE,
      dataSource: ds,
      retryDelaysMs: [50, 100],
      onOutcome: (type, outcome) => outcomes.push([type, outcome]),
    });
    app = await NestFactory.createMicroservice(appModule(recorder), { strategy: transport, logger: false });
    app.useGlobalFilters(new BusExceptionFilter());
    await app.listen();
  }

  beforeEach(async () => {
    Object.assign(BATCH, { maxMessages: 5, maxWaitMs: 100 });
    outcomes = [];
    await ds.query('TRUNCATE note, inbox_message');
    h = await makeHarness();
    await start();
  });
  afterEach(async () => {
    await app?.close();
    await h?.teardown();
  });

  const notesOf = async (ids: string[]) =>
    (await ds.query('SELECT text, tx FROM note WHERE text = ANY($1)', [ids])) as { text: string; tx: string }[];
  const inboxRows = async () => Number(((await ds.query('SELECT count(*)::int AS n FROM inbox_message')) as { n: number }[])[0].n);

  it('hands a full batch (across its types) to the handler at once, in one transaction, without inbox rows', async () => {
    BATCH.maxWaitMs = 60_000; // only the size can close this batch within the test
    const events = [dossierReceived(), dossierResolved(), dossierReceived(), dossierResolved(), dossierReceived()];
    await h.bus.publish(events);
    await eventually(() => expect(recorder.batches).toHaveLength(1), 5000);
    expect(new Set(recorder.batches[0].ids)).toEqual(new Set(events.map((e) => e.id)));
    expect(new Set(recorder.batches[0].types)).toEqual(new Set([DOSSIER_RECEIVED, DOSSIER_RESOLVED]));
    const notes = await eventually(async () => {
      const n = await notesOf(events.map((e) => e.id));
      expect(n).toHaveLength(5);
      return n;
    });
    expect(new Set(notes.map((n) => n.tx)).size).toBe(1);
    expect(await inboxRows()).toBe(0);
    await eventually(() => expect(outcomes).toHaveLength(5));
    expect(outcomes.every(([, o]) => o === 'processed')).toBe(true);
  });

  it('closes a batch that does not fill after maxWaitMs', async () => {
    BATCH.maxWaitMs = 300;
    const events = [dossierReceived(), dossierReceived()];
    const published = Date.now();
    await h.bus.publish(events);
    await eventually(() => expect(recorder.batches).toHaveLength(1), 5000);
    expect(recorder.batches[0].ids.sort()).toEqual(events.map((e) => e.id).sort());
    expect(recorder.batches[0].at - published).toBeGreaterThanOrEqual(290);
    await eventually(async () => expect(await notesOf(events.map((e) => e.id))).toHaveLength(2));
  });

  it('settles each delivery only after its batch committed', async () => {
    let open!: () => void;
    recorder.gate = new Promise<void>((resolve) => (open = resolve));
    const e = dossierReceived();
    let settled = false;
    const delivery = transport.handleMessage(e, { attempt: 0, redelivered: false }).then(() => (settled = true));
    await eventually(() => expect(recorder.batches).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    expect(await notesOf([e.id])).toHaveLength(0); // written, not committed
    open();
    await delivery;
    // the bus acks when this promise resolves: by then the batch's writes are visible to everyone
    expect(await notesOf([e.id])).toHaveLength(1);
  });

  it('falls back to one message at a time when a batch fails: only the poison message is retried and dead-lettered', async () => {
    const events = [dossierReceived(), dossierReceived(), dossierReceived(), dossierReceived(), dossierReceived()];
    recorder.poisonId = events[2].id;
    await h.bus.publish(events);
    const [dl] = await eventually(async () => {
      const d = await h.bus.peekDeadLetters(SERVICE);
      expect(d).toHaveLength(1);
      return d;
    });
    expect((dl.envelope as EventEnvelope).id).toBe(events[2].id);
    expect(dl.reason).toBe('retries exhausted: poison in the batch');
    expect(dl.attempts).toBe(3);
    const good = events.filter((e) => e.id !== recorder.poisonId).map((e) => e.id);
    expect((await notesOf(good)).map((n) => n.text).sort()).toEqual([...good].sort());
    expect(await notesOf([events[2].id])).toHaveLength(0);
    // the whole batch first, then each message alone (the poison one then alone on each retry)
    expect(recorder.batches[0].ids).toHaveLength(5);
    expect(recorder.batches.slice(1).every((b) => b.ids.length === 1)).toBe(true);
    const count = (o: HandlingOutcome) => outcomes.filter(([, x]) => x === o).length;
    await eventually(() => expect(count('failed')).toBe(3));
    expect(count('processed')).toBe(4);
  });

  it('dead-letters an invalid envelope on its own and batches the valid ones', async () => {
    const bad = dossierReceived({}, { dossierCode: 'ABC' });
    await h.publishRaw(DOSSIER_RECEIVED, JSON.stringify(bad));
    const good = dossierReceived();
    await h.bus.publish([good]);
    const [dl] = await eventually(async () => {
      const d = await h.bus.peekDeadLetters(SERVICE);
      expect(d).toHaveLength(1);
      return d;
    });
    expect(dl.reason).toContain('data.dossierCode: matches');
    expect(dl.attempts).toBe(1);
    await eventually(async () => expect(await notesOf([good.id])).toHaveLength(1));
    expect(recorder.batches.flatMap((b) => b.ids)).toEqual([good.id]);
    expect(outcomes).toEqual(expect.arrayContaining([[DOSSIER_RECEIVED, 'invalid']]));
  });

  it('handles a waiting batch when the transport closes instead of waiting for its time limit', async () => {
    BATCH.maxWaitMs = 60_000;
    const events = [dossierReceived(), dossierReceived()];
    await h.bus.publish(events);
    await eventually(() => expect(transport.pendingBatchedMessages()).toBe(2));
    const started = Date.now();
    await app!.close();
    app = undefined;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await notesOf(events.map((e) => e.id))).toHaveLength(2);
    expect(recorder.batches).toHaveLength(1);
  });

  it('loses nothing when a waiting batch fails as the transport closes: the next consumer gets the messages', async () => {
    BATCH.maxWaitMs = 60_000;
    const events = [dossierReceived(), dossierReceived()];
    await h.bus.publish(events);
    await eventually(() => expect(transport.pendingBatchedMessages()).toBe(2));
    recorder.failAll = true;
    await app!.close();
    expect(await notesOf(events.map((e) => e.id))).toHaveLength(0);
    BATCH.maxWaitMs = 50;
    await start(); // another replica (or this one restarted)
    await eventually(async () => expect(await notesOf(events.map((e) => e.id))).toHaveLength(2), 5000);
    expect(await h.bus.peekDeadLetters(SERVICE)).toEqual([]);
  });
});
