import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  createSmsGatewaySimulator,
  startSmsGatewaySimulator,
  type SmsDeliveryReceipt,
  type SmsGatewaySimulator,
  type SmsGatewaySimulatorOptions,
} from './index';

const KEY = 'test-key';
const AUTH = `Bearer ${KEY}`;
const T0 = Date.parse('2025-07-01T08:00:00+07:00');

function makeSms(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    brandname: 'MOTCUA',
    phone: '0912345678',
    message: 'Hồ sơ 000.00.06.H56-250701-0001 đã được tiếp nhận.',
    clientRequestId: 'notif-1',
    ...overrides,
  };
}

async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

async function startReceiver(respond: (n: number) => number = () => 200) {
  const receipts: SmsDeliveryReceipt[] = [];
  let calls = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = respond(++calls);
      if (status < 300) receipts.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dlr`,
    receipts,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('SMS gateway simulator', () => {
  let sim: SmsGatewaySimulator;
  let clock: number;
  const open = (options: SmsGatewaySimulatorOptions = {}): SmsGatewaySimulator => {
    clock = T0;
    sim = createSmsGatewaySimulator({ apiKey: KEY, brandnames: ['MOTCUA', 'UBND-TH'], seed: 3, now: () => clock, ...options });
    return sim;
  };
  const send = (overrides: Record<string, unknown> = {}, auth = AUTH) =>
    request(sim.app).post('/api/v1/sms/send').set('Authorization', auth).send(makeSms(overrides));
  const messages = async (query: Record<string, string> = {}) => (await request(sim.app).get('/__sim/messages').query(query)).body.items;

  afterEach(async () => {
    await sim?.close();
  });

  it('rejects a wrong or missing API key with 401 / code 99', async () => {
    open();
    const res = await send({}, 'Bearer nope');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('99');
    expect((await request(sim.app).post('/api/v1/sms/send').send(makeSms())).status).toBe(401);
    expect(await messages()).toHaveLength(0);
  });

  it('accepts a message and reports encoding and segments', async () => {
    open();
    const res = await send();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ code: '00', messageId: 'SM0000000001', segments: 1, encoding: 'UCS2', status: 'ACCEPTED' });
    const ascii = await send({ message: 'a'.repeat(161), clientRequestId: 'notif-2' });
    expect(ascii.body).toMatchObject({ segments: 2, encoding: 'GSM7' });
    const [first] = await messages();
    expect(first).toMatchObject({
      messageId: 'SM0000000001',
      clientRequestId: 'notif-1',
      brandname: 'MOTCUA',
      phone: '0912345678',
      msisdn: '84912345678',
      message: 'Hồ sơ 000.00.06.H56-250701-0001 đã được tiếp nhận.',
      acceptedAt: '2025-07-01T08:00:00.000+07:00',
    });
  });

  it('is idempotent on clientRequestId: same answer, sent once; other content under the same id is a conflict', async () => {
    open();
    const first = await send();
    const again = await send({ phone: '84912345678' }); // same number, other form
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await messages()).toHaveLength(1);
    const conflict = await send({ message: 'khác' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('15');
    expect(await messages()).toHaveLength(1);
  });

  it('a lost response (failNextAfterSend) followed by a retry still sends exactly once', async () => {
    open();
    await request(sim.app).post('/__sim/config').send({ failNextAfterSend: 1 }).expect(200);
    const lost = await send();
    expect(lost.status).toBe(503);
    const retry = await send();
    expect(retry.status).toBe(200);
    expect(retry.body.messageId).toBe('SM0000000001');
    expect(await messages()).toHaveLength(1);
  });

  it('failNext answers 503 without sending', async () => {
    open();
    await request(sim.app).post('/__sim/config').send({ failNext: 2 });
    expect((await send()).status).toBe(503);
    expect((await send()).status).toBe(503);
    expect(await messages()).toHaveLength(0);
    expect((await send()).status).toBe(200);
    expect(await messages()).toHaveLength(1);
  });

  it.each([
    ['invalid phone', { phone: '012345' }, '11'],
    ['landline', { phone: '02373852345' }, '11'],
    ['too long (11 GSM-7 parts)', { message: 'a'.repeat(153 * 10 + 1) }, '12'],
    ['too long (11 UCS-2 parts)', { message: 'ệ'.repeat(67 * 10 + 1) }, '12'],
    ['unknown brandname', { brandname: 'OTHER' }, '13'],
    ['missing fields', { message: undefined, clientRequestId: '' }, '10'],
  ])('rejects %s with code %s', async (_name, overrides, code) => {
    open();
    const res = await send(overrides);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
    expect(typeof res.body.message).toBe('string');
    expect(await messages()).toHaveLength(0);
  });

  it('accepts exactly 10 parts and the 84 form of a number', async () => {
    open();
    const res = await send({ message: 'a'.repeat(1530), phone: '84389999999' });
    expect(res.body).toMatchObject({ code: '00', segments: 10 });
  });

  it('throttles above the configured rate per second with 429 and Retry-After', async () => {
    open({ rateLimitPerSecond: 2 });
    expect((await send({ clientRequestId: 'a' })).status).toBe(200);
    expect((await send({ clientRequestId: 'b' })).status).toBe(200);
    const throttled = await send({ clientRequestId: 'c' });
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('1');
    clock += 1001;
    expect((await send({ clientRequestId: 'c' })).status).toBe(200);
    expect(await messages()).toHaveLength(3);
  });

  it('filters /__sim/messages by phone (either form) and clientRequestId, in order', async () => {
    open();
    await send({ clientRequestId: '1', phone: '0912345678' });
    await send({ clientRequestId: '2', phone: '0987654321' });
    await send({ clientRequestId: '3', phone: '84912345678' });
    expect((await messages({ phone: '84912345678' })).map((m: { clientRequestId: string }) => m.clientRequestId)).toEqual(['1', '3']);
    expect((await messages({ phone: '0912345678' })).map((m: { clientRequestId: string }) => m.clientRequestId)).toEqual(['1', '3']);
    expect(await messages({ clientRequestId: '2' })).toHaveLength(1);
    await request(sim.app).post('/__sim/reset').expect(200);
    expect(await messages()).toHaveLength(0);
  });

  it('adds configured latency to answers', async () => {
    open({ latencyMs: 60 });
    const started = Date.now();
    await send();
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('validates /__sim/config', async () => {
    open();
    const bad = await request(sim.app).post('/__sim/config').send({ failureRate: 1.5, failNext: 1.5, dlrUrl: 'ftp://x' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['dlrUrl', 'failNext', 'failureRate']);
  });

  describe('delivery receipts', () => {
    it('POSTs DELIVERED after the delay, and the status can be looked up', async () => {
      const receiver = await startReceiver();
      try {
        open({ dlrUrl: receiver.url, dlrDelayMs: 5 });
        const { messageId } = (await send()).body;
        await eventually(() => expect(receiver.receipts).toHaveLength(1));
        expect(receiver.receipts[0]).toEqual({
          messageId,
          clientRequestId: 'notif-1',
          phone: '0912345678',
          status: 'DELIVERED',
          doneAt: '2025-07-01T08:00:00.000+07:00',
        });
        const lookup = await request(sim.app).get(`/api/v1/sms/${messageId}`).set('Authorization', AUTH);
        expect(lookup.body).toMatchObject({ code: '00', status: 'DELIVERED' });
      } finally {
        await receiver.close();
      }
    });

    it('reports FAILED with an error code at failure rate 1, and duplicates every receipt at duplicate rate 1', async () => {
      const receiver = await startReceiver();
      try {
        open({ dlrUrl: receiver.url, dlrDelayMs: 1, failureRate: 1, duplicateReceiptRate: 1 });
        await send();
        await eventually(() => expect(receiver.receipts).toHaveLength(2));
        expect(receiver.receipts[0]).toEqual(receiver.receipts[1]);
        expect(receiver.receipts[0]).toMatchObject({ status: 'FAILED', errorCode: expect.any(String) });
        expect((await messages())[0]).toMatchObject({ status: 'FAILED' });
      } finally {
        await receiver.close();
      }
    });

    it('retries a receipt the receiver refuses, bounded', async () => {
      const receiver = await startReceiver((n) => (n === 1 ? 500 : 200));
      try {
        open({ dlrUrl: receiver.url, dlrDelayMs: 1, dlrRetryBaseMs: 5 });
        await send();
        await eventually(() => expect(receiver.receipts).toHaveLength(1));
        expect(sim.engine.receiptAttempts().map((a) => a.httpStatus)).toEqual([500, 200]);
      } finally {
        await receiver.close();
      }
    });

    it('draws failures and duplicates from the seed: the same seed gives the same receipts', async () => {
      const run = async (): Promise<string[]> => {
        const receiver = await startReceiver();
        const s = createSmsGatewaySimulator({
          apiKey: KEY,
          seed: 11,
          dlrUrl: receiver.url,
          dlrDelayMs: 1,
          failureRate: 0.4,
          duplicateReceiptRate: 0.4,
        });
        for (let i = 0; i < 10; i++) {
          await request(s.app)
            .post('/api/v1/sms/send')
            .set('Authorization', AUTH)
            .send(makeSms({ clientRequestId: `r-${i}` }));
        }
        await eventually(async () => {
          await s.engine.whenReceiptsIdle();
          expect(s.engine.listMessages().every((m) => m.status !== 'ACCEPTED')).toBe(true);
        });
        await s.close();
        await receiver.close();
        return receiver.receipts.map((r) => `${r.messageId}:${r.status}`).sort();
      };
      const a = await run();
      expect(await run()).toEqual(a);
      expect(a.some((r) => r.endsWith('FAILED'))).toBe(true);
      expect(a.some((r) => r.endsWith('DELIVERED'))).toBe(true);
      expect(a.length).toBeGreaterThan(10); // some duplicates
      sim = createSmsGatewaySimulator();
    });
  });

  it('runs standalone on a port', async () => {
    const running = await startSmsGatewaySimulator({ port: 0, apiKey: KEY });
    try {
      const res = await request(running.url).post('/api/v1/sms/send').set('Authorization', AUTH).send(makeSms());
      expect(res.body.code).toBe('00');
    } finally {
      await running.close();
    }
    sim = createSmsGatewaySimulator();
  });
});
