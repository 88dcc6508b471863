/*
 * The walking skeleton end to end, as separate processes against real PostgreSQL and RabbitMQ, while
 * the platform is being disturbed: the broker restarts, services are SIGKILLed and restarted, and
 * poison messages arrive on the bus. See e2e/README.md.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { expectEventually, makeEnvelope } from '@motcua/testing';
import {
  COMPETENT_AGENCY,
  DossierRequest,
  findCount,
  IntakeClient,
  mintToken,
  peekQueue,
  Platform,
  publishRaw,
  queuesBoundTo,
  RECEIVING_AGENCY,
  REPO_ROOT,
  ReportingClient,
  RoutingClient,
  ServiceName,
  SmsSimClient,
  tokensFor,
  transientStats,
  VnpostSimClient,
} from './harness';

const N = Number(process.env.E2E_DOSSIERS ?? 200);
const CONCURRENCY = Number(process.env.E2E_CONCURRENCY ?? 20);
const BROKER_RESTART = process.env.E2E_BROKER_RESTART !== 'false';
const KILL = (process.env.E2E_KILL ?? 'routing,notification').split(',').filter(Boolean) as ServiceName[];
const KEEP = process.env.E2E_KEEP === 'true'; // keep databases and queues for inspection
const SETTLE_MS = Number(process.env.E2E_SETTLE_TIMEOUT_MS ?? 240_000);

/** Dossier creations per second (paced so that the disturbances hit a platform with work in flight). */
const CREATE_RATE = Number(process.env.E2E_CREATE_RATE ?? 10);
const built = (s: ServiceName) => fs.existsSync(path.join(REPO_ROOT, 'services', s, 'dist', 'main.js'));
const itIfBuilt = (s: ServiceName) => (built(s) ? it : it.skip);

const PROCEDURE = '1.001193';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Planned {
  i: number;
  request: DossierRequest;
  phone: string;
  delivery: 'POST' | 'COUNTER';
  idempotencyKey: string;
  code?: string;
  secret?: string;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

function localDate(offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

const expectedFinal = (p: Planned) => (p.delivery === 'POST' ? 10 : 9);
/** received + resolved, + out for delivery and delivered when the result goes by post. */
const expectedSms = (p: Planned) => (p.delivery === 'POST' ? 4 : 2);
/** Which of the four messages a text is (for readable failures). */
const smsKind = (text: string) =>
  /Bưu điện đã phát/.test(text)
    ? 'delivered'
    : /Bưu tá đang phát/.test(text)
      ? 'out'
      : /đã có kết quả/.test(text)
        ? 'resolved'
        : /được tiếp nhận/.test(text)
          ? 'received'
          : 'other';
const normalizePhone = (phone: string) => phone.replace(/^84/, '0');

describe('walking skeleton: 200 dossiers through five services under broker restart, SIGKILL and poison messages', () => {
  const platform = new Platform({ vnpostStepDelayMs: Number(process.env.E2E_VNPOST_STEP_DELAY_MS ?? 100) });
  const timings: Record<string, number> = {};
  const notes: string[] = [];
  const note = (msg: string) => {
    notes.push(msg);
    fs.appendFileSync(path.join(platform.logDir, 'harness.log'), `${new Date().toISOString()} [spec] ${msg}\n`);
  };
  const timed = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await fn();
    } finally {
      timings[label] = Date.now() - t0;
    }
  };

  let intake: IntakeClient;
  let routing: RoutingClient;
  let sms: SmsSimClient;
  const planned: Planned[] = [];
  const poisonId = makeEnvelope('dossier.received', {}).id;
  const poisonMarker = `e2e-not-json-${Math.random().toString(36).slice(2)}`;

  beforeAll(async () => {
    await timed('start platform', () => platform.start());
    const tokens = tokensFor(platform);
    intake = new IntakeClient(platform.url('intake'), tokens.clerk);
    routing = new RoutingClient(platform.url('routing'), tokens.specialist);
    sms = new SmsSimClient(platform.url('sms-gateway'));
    for (let i = 0; i < N; i++) {
      const delivery = i % 2 === 0 ? 'POST' : 'COUNTER';
      const phone = `09${String(12_000_000 + i)}`;
      planned.push({
        i,
        phone,
        delivery,
        idempotencyKey: `${platform.runId}-dossier-${i}`,
        request: {
          procedureCode: PROCEDURE,
          channel: 'COUNTER',
          applicant: { fullName: 'Nguyễn Văn Thử', idNumber: `038${String(100_000_000 + i)}`, phone },
          resultDelivery: delivery,
          ...(delivery === 'POST'
            ? {
                deliveryAddress: {
                  recipientName: 'Nguyễn Văn Thử',
                  phone,
                  line: `Số ${i + 1} đường Lê Lợi`,
                  communeCode: '14755',
                  provinceCode: '38',
                },
              }
            : {}),
        },
      });
    }
  }, 240_000);

  afterAll(async () => {
    await platform.stopAll();
    if (!KEEP) await platform.cleanup();
    const summary = [
      `run ${platform.runId} (logs: ${path.relative(REPO_ROOT, platform.logDir)})`,
      `services: ${platform.running.join(', ')}${platform.skipped.length ? ` — NOT BUILT, skipped: ${platform.skipped.join(', ')}` : ''}`,
      `timings (ms): ${JSON.stringify(timings)}`,
      `transient client retries: ${JSON.stringify(transientStats)}`,
      ...notes,
    ].join('\n  ');
    console.log(`e2e summary:\n  ${summary}`);
  }, 60_000);

  it(`receives ${N} dossiers and resolves each while the platform is disturbed`, async () => {
    let created = 0;
    const completed = new Set<string>();
    const codes = new Map<string, Planned>();
    let creating = true;
    const reached = (fraction: number) =>
      expectEventually(() => expect(created >= Math.ceil(N * fraction) || !creating).toBe(true), 600_000, 50);

    // chaos, in sequence, while dossiers flow
    const chaos = (async () => {
      await reached(0.2);
      await timed('publish poison messages', async () => {
        await publishRaw(platform.busPrefix, 'dossier.received', [
          {
            messageId: poisonId,
            content: Buffer.from(
              JSON.stringify(makeEnvelope('dossier.received', { dossierCode: 'E2E-POISON' }, { id: poisonId, source: 'e2e' })),
            ),
          },
          { messageId: poisonMarker, content: Buffer.from(`${poisonMarker} {this is not json`), contentType: 'text/plain' },
        ]);
      });
      note(
        `published a contract-violating envelope (id ${poisonId}) and a non-JSON body (${poisonMarker}) to ${platform.busPrefix}.events / dossier.received`,
      );
      if (BROKER_RESTART) {
        await reached(0.35);
        await timed('rabbitmq restart', () => restartBroker());
        note(`RabbitMQ restarted at ${created} dossiers created`);
        await timed('services healthy after broker restart', () => platform.waitAllHealthy(120_000));
      }
      for (const [k, service] of KILL.entries()) {
        if (!platform.has(service)) continue;
        await reached(0.55 + 0.2 * k);
        await timed(`SIGKILL+restart ${service}`, async () => {
          await platform.kill(service, 'SIGKILL');
          note(`${service} SIGKILLed at ${created} dossiers created, ${completed.size} tasks completed`);
          await platform.startAgain(service);
        });
        note(`${service} healthy again at ${created} dossiers created`);
      }
    })();

    // the specialist at the competent agency works through the inbox
    const specialist = (async () => {
      const deadline = Date.now() + SETTLE_MS + 300_000;
      while ((creating || completed.size < codes.size) && Date.now() < deadline) {
        let tasks: { id: string; dossierCode: string }[] = [];
        try {
          tasks = (await routing.openTasks(500)).filter((t) => codes.has(t.dossierCode) && !completed.has(t.dossierCode));
        } catch {
          await sleep(500); // routing down or restarting
          continue;
        }
        await pool(tasks, 10, async (t) => {
          try {
            await routing.completeTask(t.id, `Đã cấp kết quả cho hồ sơ ${t.dossierCode}`);
            completed.add(t.dossierCode);
          } catch {
            /* picked up again on the next round */
          }
        });
        if (!tasks.length && completed.size < codes.size) {
          // a completion whose answer was lost (routing SIGKILLed right after the commit) is DONE, not OPEN
          await routing
            .tasks('DONE', 500)
            .then((done) => done.filter((t) => codes.has(t.dossierCode)).forEach((t) => completed.add(t.dossierCode)))
            .catch(() => undefined);
          await sleep(250);
        }
      }
    })();

    const t0 = Date.now();
    await timed('receive dossiers', () =>
      pool(planned, CONCURRENCY, async (p) => {
        const due = t0 + (p.i * 1000) / CREATE_RATE;
        if (due > Date.now()) await sleep(due - Date.now());
        const { dossier } = await intake.createDossier(p.request, p.idempotencyKey);
        p.code = dossier.code;
        p.secret = dossier.lookupSecret;
        expect(dossier.nationalStatus).toBe(2);
        codes.set(dossier.code, p);
        created++;
      }),
    ).finally(() => {
      creating = false;
    });
    await timed('chaos (remainder after the last creation)', () => chaos);
    await timed('resolve all tasks', () => specialist);

    // a client retry with the same Idempotency-Key answers the same dossier (200) and creates nothing
    const replay = await intake.createDossier(planned[0].request, planned[0].idempotencyKey);
    expect(replay).toEqual({ replayed: true, dossier: expect.objectContaining({ code: planned[0].code }) });
    expect(replay.dossier.lookupSecret).toBe(planned[0].secret); // the receipt can be reprinted

    expect(codes.size).toBe(N); // one dossier per request, retries included
    expect(completed.size).toBe(N);
    expect(planned.filter((p) => !p.secret)).toHaveLength(0); // replays return the receipt's secret too
  });

  it('brings every dossier to its final status (10 returned by post, 9 resolved for counter pick-up)', async () => {
    const pending = new Set(planned);
    await timed('settle statuses', () =>
      expectEventually(
        async () => {
          await pool([...pending], 20, async (p) => {
            const d = await intake.getDossier(p.code!);
            if (d.nationalStatus === expectedFinal(p)) pending.delete(p);
          });
          expect([...pending].map((p) => p.code)).toEqual([]);
        },
        SETTLE_MS,
        1000,
      ),
    );
    // COUNTER dossiers stay at 9: nothing moved them on
    for (const p of planned) expect((await intake.getDossier(p.code!)).nationalStatus).toBe(expectedFinal(p));
  });

  itIfBuilt('notification')(
    'sends each citizen exactly the expected SMS: received, resolved, and out for delivery + delivered for POST',
    async () => {
      await timed('settle SMS', () =>
        expectEventually(
          async () => {
            const byPhone = new Map<string, string[]>();
            for (const m of await sms.messages()) {
              const key = normalizePhone(m.phone);
              byPhone.set(key, [...(byPhone.get(key) ?? []), smsKind(m.message ?? m.text ?? '')]);
            }
            const short = planned.filter((p) => (byPhone.get(p.phone)?.length ?? 0) < expectedSms(p));
            expect(
              short.map((p) => `${p.code} (${p.delivery}): got [${(byPhone.get(p.phone) ?? []).join('+')}], want ${expectedSms(p)}`),
            ).toEqual([]);
          },
          Math.min(SETTLE_MS, 90_000),
          1000,
        ),
      );
      const wrong: string[] = [];
      await pool(planned, 20, async (p) => {
        const msgs = await sms.messages(p.phone);
        const ids = new Set(msgs.map((m) => m.clientRequestId));
        const kinds = msgs.map((m) => smsKind(m.message ?? m.text ?? ''));
        const wanted = p.delivery === 'POST' ? ['delivered', 'out', 'received', 'resolved'] : ['received', 'resolved'];
        if (msgs.length !== expectedSms(p) || ids.size !== msgs.length || [...kinds].sort().join('+') !== wanted.join('+'))
          wrong.push(`${p.code} (${p.delivery}) ${p.phone}: ${msgs.length} SMS [${kinds.join('+')}], ${ids.size} distinct ids`);
      });
      expect(wrong).toEqual([]);
    },
  );

  it('parks both malformed messages in the dead-letter queue of every consumer of dossier.received', async () => {
    const consumers = (await queuesBoundTo(platform.busPrefix, 'dossier.received')).filter((q) => !q.endsWith('.dlq'));
    note(`consumers of dossier.received: ${consumers.join(', ')}`);
    expect(consumers).toEqual(expect.arrayContaining([`${platform.busPrefix}.routing`, `${platform.busPrefix}.postal-delivery`]));
    for (const s of ['notification', 'reporting'] as ServiceName[])
      if (platform.has(s)) expect(consumers).toContain(`${platform.busPrefix}.${s}`);
    await timed('settle DLQ', () =>
      expectEventually(
        async () => {
          const missing: string[] = [];
          for (const q of consumers) {
            const dead = await peekQueue(`${q}.dlq`, 50);
            if (!dead.some((m) => m.payload.includes(poisonId) || m.messageId === poisonId))
              missing.push(`${q}.dlq lacks the invalid envelope`);
            if (!dead.some((m) => m.payload.includes(poisonMarker))) missing.push(`${q}.dlq lacks the non-JSON body`);
            // nothing else was dead-lettered: the 200 real dossiers all went through
            const others = dead.filter((m) => !m.payload.includes(poisonId) && !m.payload.includes(poisonMarker));
            if (others.length)
              missing.push(
                `${q}.dlq has ${others.length} unexpected message(s): ${others.map((m) => String(m.headers['x-death-reason'] ?? m.payload.slice(0, 200))).join(' | ')}`,
              );
          }
          expect(missing).toEqual([]);
        },
        60_000,
        1000,
      ),
    );
  });

  it('creates exactly one VNPost order per POST dossier, and delivers it', async () => {
    const orders = await new VnpostSimClient(platform.url('vnpost')).orders();
    const byCode = new Map<string, number>();
    for (const o of orders) byCode.set(o.orderNumber, (byCode.get(o.orderNumber) ?? 0) + 1);
    const post = planned.filter((p) => p.delivery === 'POST');
    expect(post.filter((p) => byCode.get(p.code!) !== 1).map((p) => `${p.code}: ${byCode.get(p.code!) ?? 0} orders`)).toEqual([]);
    expect(planned.filter((p) => p.delivery === 'COUNTER' && byCode.has(p.code!)).map((p) => p.code)).toEqual([]);
    expect(orders.filter((o) => o.statusCode !== 14).map((o) => `${o.itemCode} ${o.statusCode}`)).toEqual([]);
  });

  it('opened and completed exactly one routing task per dossier', async () => {
    const tasks = await routing.tasks('DONE', 500);
    const perCode = new Map<string, number>();
    for (const t of tasks) perCode.set(t.dossierCode, (perCode.get(t.dossierCode) ?? 0) + 1);
    expect(planned.filter((p) => perCode.get(p.code!) !== 1).map((p) => `${p.code}: ${perCode.get(p.code!) ?? 0}`)).toEqual([]);
    expect(await routing.openTasks(500)).toEqual([]);
  });

  itIfBuilt('reporting')('reports the received and resolved counts', async () => {
    // intake is counted by the receiving agency, resolution by the competent agency (reporting README)
    const atReceiving = new ReportingClient(platform.url('reporting'), mintToken(platform, 'e2e-sup-1', ['SUPERVISOR'], RECEIVING_AGENCY));
    const atCompetent = new ReportingClient(platform.url('reporting'), mintToken(platform, 'e2e-sup-2', ['SUPERVISOR'], COMPETENT_AGENCY));
    const from = localDate(-1);
    const to = localDate(1);
    await timed('settle reporting', () =>
      expectEventually(
        async () => {
          const receiving = await atReceiving.summary(RECEIVING_AGENCY, from, to);
          const competent = await atCompetent.summary(COMPETENT_AGENCY, from, to);
          expect({
            received: findCount(receiving, 'received'),
            resolved: findCount(competent, 'resolved'),
            inProgress: findCount(competent, 'inProgress'),
          }).toEqual({
            received: N,
            resolved: N,
            inProgress: 0,
          });
        },
        SETTLE_MS,
        1000,
      ),
    );
    // the indicators of the competent agency count every dossier's working time (legal clock, from the counts) and
    // digitization (nothing scanned here); the 766 index scores from the same counts
    const indicators = (await atCompetent.report('indicators', COMPETENT_AGENCY, from, to)) as {
      averageProcessingTime: { dossiers: number; byProcedure: Array<{ dossiers: number }> };
      digitization: { dossiers: { numerator: number; denominator: number } };
    };
    expect(indicators.averageProcessingTime.dossiers).toBe(N);
    expect(indicators.averageProcessingTime.byProcedure.reduce((n, p) => n + p.dossiers, 0)).toBe(N);
    expect(indicators.digitization.dossiers).toMatchObject({ numerator: 0, denominator: N });
    const index = (await atCompetent.report('index-766', COMPETENT_AGENCY, from, to)) as {
      groups: Array<{ code: string; score: number | null; lostPoints: Array<{ reason: string; total: number }> }>;
    };
    expect(index.groups.find((g) => g.code === 'DIGITIZATION')?.lostPoints).toContainEqual({
      reason: 'NOT_DIGITIZED',
      total: N,
      nextCursor: null,
    });
    // a supervisor sees only their own agency
    await expect(atReceiving.summary(COMPETENT_AGENCY, from, to)).rejects.toThrow(/HTTP 403/);
  });

  it('shows the citizen a complete timeline on lookup', async () => {
    const problems: string[] = [];
    await pool(planned, 20, async (p) => {
      const view = await intake.lookup(p.code!, p.secret!);
      const statuses = view.timeline.map((t) => t.nationalStatus);
      const want = p.delivery === 'POST' ? [2, 4, 9, 10] : [2, 4, 9];
      if (view.nationalStatus !== expectedFinal(p) || JSON.stringify(statuses) !== JSON.stringify(want)) {
        problems.push(`${p.code} (${p.delivery}): status ${view.nationalStatus}, timeline ${statuses.join('→')}, want ${want.join('→')}`);
      }
      const times = view.timeline.map((t) => Date.parse(t.at));
      if (times.some((t, k) => k > 0 && t < times[k - 1]))
        problems.push(`${p.code}: timeline not in time order: ${view.timeline.map((t) => t.at).join(', ')}`);
    });
    expect(problems).toEqual([]);
    // a wrong secret reveals nothing
    const p = planned.find((x) => x.secret)!;
    await expect(intake.lookup(p.code!, 'WRONGSECRET')).rejects.toThrow(/HTTP 404/);
  });

  it('kept every process alive (no crash besides the deliberate kills)', () => {
    const dead = [...platform.running, 'vnpost', 'sms-gateway'].filter((n) => !platform.isRunning(n as ServiceName));
    expect(dead).toEqual([]);
  });

  async function restartBroker(): Promise<void> {
    const log = fs.openSync(path.join(platform.logDir, 'rabbitmq-restart.log'), 'a');
    try {
      await new Promise<void>((resolve, reject) => {
        const child = execFile(
          'bash',
          [path.join(REPO_ROOT, 'tools/infra/rabbitmq-restart.sh')],
          { cwd: REPO_ROOT, env: process.env, timeout: 180_000 },
          (err) => (err ? reject(err) : resolve()),
        );
        child.stdout?.on('data', (d: Buffer) => fs.writeSync(log, d));
        child.stderr?.on('data', (d: Buffer) => fs.writeSync(log, d));
      });
    } finally {
      fs.closeSync(log);
    }
  }
});
