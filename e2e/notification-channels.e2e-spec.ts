/*
 * Messages per channel per dossier, the platform as separate processes (real PostgreSQL and RabbitMQ, no
 * disturbances): some citizens prefer Zalo and some do not; a Zalo simulator (this process, over HTTP) sends
 * signed delivery events to notification. Each COUNTER dossier of `1.001193` gets exactly two messages
 * (received, result ready), on the right channel: SMS by default; Zalo for a phone that prefers it; Zalo
 * then SMS for a number without a Zalo account (ZNS -118: FAILED at once) and for one whose user never
 * receives ZNS (the permanent-failure receipt). Counted at notification's API and at both simulators.
 */
import * as fs from 'fs';
import * as path from 'path';
import { expectEventually } from '@motcua/testing';
import { RunningZaloZnsSimulator, startZaloZnsSimulator, ZnsMessage } from '@motcua/sim-zalo-zns';
import {
  COMPETENT_AGENCY,
  IntakeClient,
  mintToken,
  Platform,
  RECEIVING_AGENCY,
  requestJson,
  RoutingClient,
  SmsSimClient,
  TaskView,
} from './harness';

const KEEP = process.env.E2E_KEEP === 'true';
const SETTLE_MS = Number(process.env.E2E_NOTIFICATION_SETTLE_TIMEOUT_MS ?? 30_000);
const ZALO_TOKEN = 'e2e-zalo-token';
const ZALO_APP = 'e2e-zalo-app';
const ZALO_SECRET = 'e2e-zalo-oa-secret-0123456789';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Kind = 'sms' | 'zalo' | 'noZalo' | 'undeliverable';
/** Per kind: how many citizens. */
const PLAN: Record<Kind, number> = { sms: 4, zalo: 3, noZalo: 2, undeliverable: 2 };
/** Messages per dossier and channel, as notification lists them, by kind (received + result ready). */
const EXPECTED: Record<Kind, { SMS: number; ZALO: number; znsAtSim: number; smsAtSim: number }> = {
  sms: { SMS: 2, ZALO: 0, znsAtSim: 0, smsAtSim: 2 },
  zalo: { SMS: 0, ZALO: 2, znsAtSim: 2, smsAtSim: 0 },
  noZalo: { SMS: 2, ZALO: 2, znsAtSim: 0, smsAtSim: 2 },
  undeliverable: { SMS: 2, ZALO: 2, znsAtSim: 2, smsAtSim: 2 },
};

interface ApiMessage {
  id: string;
  template: string;
  channel: 'SMS' | 'ZALO' | 'EMAIL';
  status: string;
  deliveryStatus: string | null;
  fallbackOf: string | null;
}

describe('notification: messages per channel per dossier (Zalo for some citizens, SMS for the others)', () => {
  let zalo: RunningZaloZnsSimulator;
  let platform: Platform;
  let intake: IntakeClient;
  let commune: RoutingClient;
  let sms: SmsSimClient;
  let clerk: string;
  const citizens: Array<{ kind: Kind; phone: string; code?: string }> = [];
  let working = true;
  let worker: Promise<void> | undefined;

  beforeAll(async () => {
    zalo = await startZaloZnsSimulator({ port: 0, accessToken: ZALO_TOKEN, appId: ZALO_APP, oaSecretKey: ZALO_SECRET, webhookDelayMs: 50 });
    platform = new Platform({
      vnpostStepDelayMs: 50,
      extraEnv: {
        notification: {
          ZALO_ZNS_URL: zalo.url,
          ZALO_ZNS_ACCESS_TOKEN: ZALO_TOKEN,
          ZALO_APP_ID: ZALO_APP,
          ZALO_OA_SECRET_KEY: ZALO_SECRET,
          SMS_RETRY_BASE_MS: '200',
        },
      },
    });
    await platform.start();
    zalo.engine.configure({ webhookUrl: `${platform.url('notification')}/api/notification/v1/receipts/zalo` });
    clerk = mintToken(platform, 'e2e-clerk', ['COUNTER_CLERK'], RECEIVING_AGENCY);
    intake = new IntakeClient(platform.url('intake'), clerk);
    commune = new RoutingClient(platform.url('routing'), mintToken(platform, 'e2e-specialist', ['SPECIALIST'], COMPETENT_AGENCY));
    sms = new SmsSimClient(platform.url('sms-gateway'));
    let n = 0;
    for (const kind of Object.keys(PLAN) as Kind[])
      for (let i = 0; i < PLAN[kind]; i++) citizens.push({ kind, phone: `09${String(41_000_000 + n++)}` });
    zalo.engine.configure({
      noZaloPhones: citizens.filter((c) => c.kind === 'noZalo').map((c) => c.phone),
      undeliverablePhones: citizens.filter((c) => c.kind === 'undeliverable').map((c) => c.phone),
    });
    worker = (async () => {
      while (working) {
        const codes = new Set(citizens.map((c) => c.code));
        const tasks = await commune.openTasks(500).catch(() => [] as TaskView[]);
        for (const t of tasks.filter((x) => codes.has(x.dossierCode)))
          await commune.completeTask(t.id, 'Đã cấp Giấy khai sinh').catch(() => undefined); // retried next round
        await sleep(200);
      }
    })();
  }, 120_000);

  afterAll(async () => {
    working = false;
    await worker?.catch(() => undefined);
    await platform?.stopAll();
    if (!KEEP) await platform?.cleanup();
    await zalo?.close();
    if (platform) fs.appendFileSync(path.join(platform.logDir, 'harness.log'), `${new Date().toISOString()} [spec] done\n`);
  }, 60_000);

  it('sends each dossier exactly its messages on the citizen’s channels: SMS, Zalo, or Zalo then SMS when Zalo cannot reach them', async () => {
    // the clerk records the Zalo preference of every citizen but the SMS ones
    for (const c of citizens.filter((x) => x.kind !== 'sms')) {
      const r = await requestJson('PUT', `${platform.url('notification')}/api/notification/v1/preferences/${c.phone}`, {
        token: clerk,
        body: { optedOut: false, channels: ['ZALO'] },
      });
      expect(r.status).toBe(200);
    }
    for (const [i, c] of citizens.entries()) {
      const { dossier } = await intake.createDossier({
        procedureCode: '1.001193',
        channel: 'COUNTER',
        applicant: { fullName: 'Hoàng Thị Kênh', idNumber: `038${String(185_000_000 + i)}`, phone: c.phone },
        resultDelivery: 'COUNTER',
      });
      c.code = dossier.code;
    }
    // every dossier resolved by the commune (9), then every message settled
    await expectEventually(
      async () => {
        const got = await Promise.all(citizens.map(async (c) => (await intake.getDossier(c.code!)).nationalStatus));
        expect(got).toEqual(citizens.map(() => 9));
      },
      SETTLE_MS,
      250,
    );
    const messagesOf = async (code: string) => {
      const r = await requestJson<{ messages: ApiMessage[] }>(
        'GET',
        `${platform.url('notification')}/api/notification/v1/dossiers/${code}/messages`,
        {
          token: clerk,
        },
      );
      expect(r.status).toBe(200);
      return r.body.messages;
    };
    const count = (list: ApiMessage[], channel: string) => list.filter((m) => m.channel === channel).length;
    await expectEventually(
      async () => {
        const wrong: string[] = [];
        for (const c of citizens) {
          const list = await messagesOf(c.code!);
          const want = EXPECTED[c.kind];
          const settled = list.every(
            (m) => m.status !== 'PENDING' && (m.channel !== 'ZALO' || m.status === 'FAILED' || m.deliveryStatus !== null),
          );
          if (count(list, 'SMS') !== want.SMS || count(list, 'ZALO') !== want.ZALO || !settled)
            wrong.push(`${c.kind} ${c.code}: ${list.map((m) => `${m.channel}/${m.template}/${m.status}/${m.deliveryStatus}`).join(', ')}`);
        }
        expect(wrong).toEqual([]);
      },
      SETTLE_MS,
      500,
    );
    await zalo.engine.whenWebhooksIdle();

    // exactly: per dossier and channel at the API, per phone at each simulator
    const wrong: string[] = [];
    for (const c of citizens) {
      const list = await messagesOf(c.code!);
      const want = EXPECTED[c.kind];
      const atSms = await sms.messages(c.phone);
      const atZalo: ZnsMessage[] = zalo.engine.listMessages({ phone: c.phone });
      const got = { SMS: count(list, 'SMS'), ZALO: count(list, 'ZALO'), znsAtSim: atZalo.length, smsAtSim: atSms.length };
      if (JSON.stringify(got) !== JSON.stringify(want))
        wrong.push(`${c.kind} ${c.code}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      for (const template of ['DOSSIER_RECEIVED', 'RESULT_READY']) {
        const zaloMsg = list.find((m) => m.channel === 'ZALO' && m.template === template);
        const smsMsg = list.find((m) => m.channel === 'SMS' && m.template === template);
        if (c.kind === 'zalo' && zaloMsg?.deliveryStatus !== 'DELIVERED') wrong.push(`${c.code} ${template}: Zalo not DELIVERED`);
        if (c.kind === 'noZalo' && (zaloMsg?.status !== 'FAILED' || smsMsg?.fallbackOf !== zaloMsg.id))
          wrong.push(`${c.code} ${template}: no Zalo account, expected FAILED Zalo and its fallback SMS`);
        if (c.kind === 'undeliverable' && (zaloMsg?.deliveryStatus !== 'PERMANENT_FAILURE' || smsMsg?.fallbackOf !== zaloMsg.id))
          wrong.push(`${c.code} ${template}: undeliverable Zalo, expected PERMANENT_FAILURE and its fallback SMS`);
      }
    }
    expect(wrong).toEqual([]);
    // every SMS distinct (no resend): one clientRequestId each
    const all = (await Promise.all(citizens.map((c) => sms.messages(c.phone)))).flat();
    expect(new Set(all.map((m) => m.clientRequestId)).size).toBe(all.length);
  });
});
