import { Controller, INestMicroservice, Injectable, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { DOSSIER_RECEIVED, DOSSIER_RESOLVED, DossierReceivedV1 } from '@motcua/contracts';
import { NonRetryableError } from './bus';
import { BusContext } from './bus-context';
import { BusExceptionFilter, BusTransport } from './bus-transport';
import { Outbox } from './outbox';
import { createTestDatabase, dossierReceived, eventually, messagingDataSource, TestDatabase, Harness, harnesses } from './test-utils';
import { runInTransaction } from './transaction-context';

jest.setTimeout(20_000);
beforeAll(() => Logger.overrideLogger(false));

/** What the handler saw, and a switch to make it fail. */
@Injectable()
class Recorder {
  calls: { payload: unknown; envelopeId: string; attempt: number }[] = [];
  failWith?: () => Error;
  dataSource!: DataSource;
}

const outbox = new Outbox('routing');

@Controller()
class DossierController {
  constructor(private readonly recorder: Recorder) {}

  @EventPattern(DOSSIER_RECEIVED)
  async onDossierReceived(@Payload() event: DossierReceivedV1, @Ctx() ctx: BusContext): Promise<void> {
    this.recorder.calls.push({ payload: event, envelopeId: ctx.getEnvelope().id, attempt: ctx.getAttempt() });
    // Joins the transaction handleOnce opened: the note, the outbox row and the inbox row commit together.
    await runInTransaction(this.recorder.dataSource, async (m) => {
      await m.query('INSERT INTO note (id, text) VALUES ($1, $2)', [randomUUID(), ctx.getEnvelope().id]);
      await outbox.add(DOSSIER_RESOLVED, 1, { dossierCode: event.dossierCode }, { correlationId: event.dossierCode });
    });
    const failure = this.recorder.failWith?.();
    if (failure) throw failure;
  }
}

function appModule(recorder: Recorder) {
  @Module({ controllers: [DossierController], providers: [{ provide: Recorder, useValue: recorder }] })
  class AppModule {}
  return AppModule;
}

describe.each(harnesses)('BusTransport in a Nest microservice over the %s', (_name, makeHarness) => {
  let db: TestDatabase;
  let ds: DataSource;
  let h: Harness;
  let app: INestMicroservice;
  let recorder: Recorder;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await messagingDataSource(db.url);
    await ds.query('CREATE TABLE note (id uuid PRIMARY KEY, text text NOT NULL)');
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });
  beforeEach(async () => {
    h = await makeHarness();
    recorder = new Recorder();
    recorder.dataSource = ds;
    app = await NestFactory.createMicroservice(appModule(recorder), {
      strategy: new BusTransport({ bus: h.bus, service: 'routing', dataSource: ds, retryDelaysMs: [50, 100] }),
      logger: false,
    });
    app.useGlobalFilters(new BusExceptionFilter());
    await app.listen();
  });
  afterEach(async () => {
    await app?.close();
    await h?.teardown();
  });

  const notes = async (id: string) => ((await ds.query('SELECT 1 FROM note WHERE text = $1', [id])) as unknown[]).length;
  const inbox = async (id: string) => ((await ds.query('SELECT 1 FROM inbox_message WHERE message_id = $1', [id])) as unknown[]).length;
  const outboxFor = async (id: string) =>
    ((await ds.query(`SELECT 1 FROM outbox_message WHERE payload->>'causationId' = $1`, [id])) as unknown[]).length;

  it('handles a valid event once even if it is published twice', async () => {
    const e = dossierReceived();
    await h.bus.publish([e]);
    await h.bus.publish([e]);
    await eventually(() => expect(recorder.calls).toHaveLength(1));
    await eventually(async () => expect(await inbox(e.id)).toBe(1));
    const [call] = recorder.calls;
    expect(call.payload).toBeInstanceOf(DossierReceivedV1);
    expect(call).toMatchObject({ envelopeId: e.id, attempt: 0, payload: e.data });
    expect(await notes(e.id)).toBe(1);
    // The handler's outbox event carries the handled message as its cause.
    expect(await outboxFor(e.id)).toBe(1);
    // The duplicate is acknowledged, not dead-lettered.
    await eventually(async () => expect(await h.bus.peekDeadLetters('routing')).toEqual([]));
    expect(recorder.calls).toHaveLength(1);
  });

  it('sends an invalid event (contract violation, by hand) straight to the DLQ', async () => {
    const bad = dossierReceived({}, { dossierCode: 'ABC' });
    await h.publishRaw(DOSSIER_RECEIVED, JSON.stringify(bad));
    const [dl] = await eventually(async () => {
      const d = await h.bus.peekDeadLetters('routing');
      expect(d).toHaveLength(1);
      return d;
    });
    expect(dl.reason).toContain('data.dossierCode: matches');
    expect(dl.attempts).toBe(1);
    expect(dl.envelope).toEqual(bad);
    expect(recorder.calls).toHaveLength(0);
    expect(await inbox(bad.id)).toBe(0);
  });

  it('sends a non-JSON body straight to the DLQ', async () => {
    await h.publishRaw(DOSSIER_RECEIVED, '<xml>nope</xml>');
    const [dl] = await eventually(async () => {
      const d = await h.bus.peekDeadLetters('routing');
      expect(d).toHaveLength(1);
      return d;
    });
    expect(dl.reason).toMatch(/^unparsable JSON/);
  });

  it('retries a failing handler with its writes rolled back, then succeeds', async () => {
    let failures = 2;
    recorder.failWith = () => (failures-- > 0 ? new Error('database hiccup') : (undefined as unknown as Error));
    const e = dossierReceived();
    await h.bus.publish([e]);
    await eventually(() => expect(recorder.calls.map((c) => c.attempt)).toEqual([0, 1, 2]));
    await eventually(async () => expect(await inbox(e.id)).toBe(1));
    expect(await notes(e.id)).toBe(1);
    expect(await outboxFor(e.id)).toBe(1);
  });

  it('dead-letters at once when the handler throws NonRetryableError', async () => {
    recorder.failWith = () => new NonRetryableError('procedure withdrawn');
    const e = dossierReceived();
    await h.bus.publish([e]);
    const [dl] = await eventually(async () => {
      const d = await h.bus.peekDeadLetters('routing');
      expect(d).toHaveLength(1);
      return d;
    });
    expect(dl.reason).toBe('non-retryable: procedure withdrawn');
    expect(recorder.calls).toHaveLength(1);
    expect(await inbox(e.id)).toBe(0);
    expect(await notes(e.id)).toBe(0);
  });

  it('acknowledges events it has no handler for', async () => {
    // Bound through a wildcard elsewhere, or an older binding: no handler → ack, not DLQ.
    const transport = new BusTransport({ bus: h.bus, service: 'routing', dataSource: ds });
    await transport.handleMessage(
      {
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
      },
      { attempt: 0, redelivered: false },
    );
    expect(recorder.calls).toHaveLength(0);
  });
});
