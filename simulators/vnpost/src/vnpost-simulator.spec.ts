import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  checkVnpostWebhook,
  computeVnpostFee,
  createVnpostSimulator,
  s10ItemCode,
  signVnpostWebhook,
  startVnpostSimulator,
  verifyVnpostWebhook,
  type VnpostSimulator,
  type VnpostSimulatorOptions,
  type VnpostWebhookEvent,
} from './index';

const TOKEN = 'test-token';
const T0 = Date.parse('2025-07-01T08:00:00+07:00');

function makeOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderNumber: '000.00.06.H56-250701-0001',
    senderName: 'Nguyễn Văn An',
    senderPhone: '0912345678',
    senderAddress: 'Số 1 Lê Lợi, phường Hạc Thành',
    senderProvinceCode: '38',
    senderCommuneCode: '14758',
    receiverName: 'Bộ phận Một cửa tỉnh Thanh Hóa',
    receiverPhone: '02373852345',
    receiverAddress: '25 Đại lộ Lê Lợi',
    receiverProvinceCode: '38',
    receiverCommuneCode: '14755',
    weight: 300,
    description: 'Hồ sơ cấp giấy phép xây dựng',
    ...overrides,
  };
}

async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      lastError = err;
      if (Date.now() > deadline) throw lastError;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

interface Received {
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  event: VnpostWebhookEvent;
}

async function startReceiver(respond: (n: number) => number = () => 200) {
  const received: Received[] = [];
  let calls = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const status = respond(++calls);
      if (status >= 200 && status < 300) received.push({ headers: req.headers, rawBody, event: JSON.parse(rawBody) });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/vnpost`;
  return {
    url,
    received,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('VNPost simulator', () => {
  let sim: VnpostSimulator;
  let clock: number;
  const open = (options: VnpostSimulatorOptions = {}): VnpostSimulator => {
    clock = T0;
    sim = createVnpostSimulator({ token: TOKEN, autoAdvance: false, seed: 42, now: () => clock, ...options });
    return sim;
  };
  const api = () => request(sim.app);
  const create = (overrides: Record<string, unknown> = {}) => api().post('/api/v1/orders').set('token', TOKEN).send(makeOrder(overrides));

  afterEach(async () => {
    await sim?.close();
  });

  describe('auth', () => {
    it('rejects a missing or wrong token with 401 UNAUTHORIZED', async () => {
      open();
      const missing = await api().post('/api/v1/orders').send(makeOrder());
      expect(missing.status).toBe(401);
      expect(missing.body.error).toBe('UNAUTHORIZED');
      const wrong = await api().get('/api/v1/orders/EB100000015VN').set('token', 'nope');
      expect(wrong.status).toBe(401);
    });
  });

  describe('create order', () => {
    it('answers status "100" with an allocated S10 tracking number and the fee', async () => {
      open();
      const res = await create();
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: '100',
        message: 'Thành công',
        data: {
          orderId: expect.any(String),
          itemCode: s10ItemCode('EB', 10_000_001),
          orderNumber: '000.00.06.H56-250701-0001',
          statusCode: 1,
          totalFee: 16_500,
        },
      });
      expect(res.body.data.itemCode).toMatch(/^EB\d{9}VN$/);
    });

    it('uses a pre-allocated item code and charges more between provinces and for COD', async () => {
      open();
      const res = await create({
        itemCode: 'EB123456785VN',
        receiverProvinceCode: '01',
        weight: 1200,
        addonServices: [{ code: 'GTG021', propValue: [{ propCode: 'PROP0018', propValue: '500000' }] }],
      });
      expect(res.status).toBe(200);
      expect(res.body.data.itemCode).toBe('EB123456785VN');
      expect(res.body.data.totalFee).toBe(32_000 + 2 * 5_000 + 10_000);
      const lookup = await api().get('/api/v1/orders/EB123456785VN').set('token', TOKEN);
      expect(lookup.body.data).toMatchObject({ codAmount: 500_000, statusCode: 1, statusName: 'Đã tạo đơn' });
    });

    it('reports every invalid field with 400', async () => {
      open();
      const res = await api()
        .post('/api/v1/orders')
        .set('token', TOKEN)
        .send({ orderNumber: '', senderPhone: '12345', weight: -1, itemCode: 'bad', receiverProvinceCode: 38 });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('VALIDATION_FAILED');
      const fields = res.body.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'orderNumber',
          'itemCode',
          'senderName',
          'senderPhone',
          'senderProvinceCode',
          'receiverProvinceCode',
          'receiverCommuneCode',
          'weight',
          'description',
        ]),
      );
    });

    it('rejects a COD amount that disagrees with GTG021/PROP0018, and malformed JSON', async () => {
      open();
      const res = await create({
        codAmount: 1000,
        addonServices: [{ code: 'GTG021', propValue: [{ propCode: 'PROP0018', propValue: '2000' }] }],
      });
      expect(res.status).toBe(400);
      expect(res.body.fields[0].field).toBe('codAmount');
      const junk = await api().post('/api/v1/orders').set('token', TOKEN).set('content-type', 'application/json').send('{');
      expect(junk.status).toBe(400);
      expect(junk.body.error).toBe('INVALID_JSON');
    });

    it('accepts old three-level addresses with a district code', async () => {
      open();
      expect((await create({ receiverDistrictCode: '380' })).status).toBe(200);
    });

    it('rejects a second active order with the same order number (409, naming the existing one)', async () => {
      open();
      const first = await create();
      const again = await create();
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('DUPLICATE_ORDER_NUMBER');
      expect(again.body.existing).toMatchObject({ itemCode: first.body.data.itemCode, statusCode: 1 });
      const sameItem = await create({ orderNumber: 'other', itemCode: first.body.data.itemCode });
      expect(sameItem.status).toBe(409);
      expect(sameItem.body.error).toBe('DUPLICATE_ITEM_CODE');
      // once the first is cancelled (or finished) the order number is free again
      await api().post(`/api/v1/orders/${first.body.data.itemCode}/cancel`).set('token', TOKEN).expect(200);
      const third = await create();
      expect(third.status).toBe(200);
      expect(third.body.data.itemCode).not.toBe(first.body.data.itemCode);
    });
  });

  describe('cancel, lookup, history', () => {
    it('cancels before pickup only', async () => {
      open();
      const a = (await create()).body.data.itemCode;
      const cancelled = await api().post(`/api/v1/orders/${a}/cancel`).set('token', TOKEN);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.data.statusCode).toBe(9);
      // cancelling twice is harmless
      expect((await api().post(`/api/v1/orders/${a}/cancel`).set('token', TOKEN)).status).toBe(200);

      const b = (await create({ orderNumber: 'B' })).body.data.itemCode;
      await request(sim.app).post(`/__sim/orders/${b}/advance`).send({ statusCode: 6 }).expect(200);
      const late = await api().post(`/api/v1/orders/${b}/cancel`).set('token', TOKEN);
      expect(late.status).toBe(409);
      expect(late.body.error).toBe('ORDER_NOT_CANCELLABLE');
    });

    it('answers 404 for an unknown item code', async () => {
      open();
      const res = await api().get('/api/v1/orders/EB999999999VN').set('token', TOKEN);
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('ORDER_NOT_FOUND');
    });

    it('keeps a status history with Vietnamese names and +07:00 times', async () => {
      open();
      const itemCode = (await create()).body.data.itemCode;
      clock += 60_000;
      await request(sim.app).post(`/__sim/orders/${itemCode}/advance`).send({}).expect(200);
      const res = await api().get(`/api/v1/orders/${itemCode}/history`).set('token', TOKEN);
      expect(res.body.data).toEqual([
        {
          statusCode: 1,
          statusName: 'Đã tạo đơn',
          time: '2025-07-01T08:00:00.000+07:00',
          postOfficeCode: '380100',
          note: expect.any(String),
        },
        {
          statusCode: 2,
          statusName: 'Bưu tá đã nhận yêu cầu thu gom',
          time: '2025-07-01T08:01:00.000+07:00',
          postOfficeCode: '380100',
          note: '',
        },
      ]);
    });
  });

  describe('progression', () => {
    it('manual mode: stays put until advanced, follows the happy path, or jumps to any status', async () => {
      open();
      const itemCode = (await create({ codAmount: 100_000 })).body.data.itemCode;
      const seen: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await request(sim.app).post(`/__sim/orders/${itemCode}/advance`).send({});
        seen.push(res.body.data.statusCode);
      }
      expect(seen).toEqual([2, 6, 7, 10, 11, 12, 14, 21]);
      const final = await request(sim.app).post(`/__sim/orders/${itemCode}/advance`).send({});
      expect(final.status).toBe(400);
      const jump = await request(sim.app).post(`/__sim/orders/${itemCode}/advance`).send({ statusCode: 22, note: 'Hủy phát' });
      expect(jump.body.data.statusName).toBe('Đã hủy phát');
      const bad = await request(sim.app).post(`/__sim/orders/${itemCode}/advance`).send({ statusCode: 3 });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe('INVALID_STATUS');
    });

    it('auto mode: walks 1 → 2 → 6 → 7 → 10 → 11 → 12 → 14 → 21 (COD)', async () => {
      open({ autoAdvance: true, stepDelayMs: 2, now: undefined });
      const itemCode = (await create({ codAmount: 50_000 })).body.data.itemCode;
      await eventually(() => expect(sim.engine.getOrder(itemCode).statusCode).toBe(21));
      expect(sim.engine.getHistory(itemCode).map((h) => h.statusCode)).toEqual([1, 2, 6, 7, 10, 11, 12, 14, 21]);
    });

    it('auto mode: failed deliveries are retried, then the parcel returns to the sender', async () => {
      open({ autoAdvance: true, stepDelayMs: 1, deliveryFailureRate: 1, maxDeliveryAttempts: 2, now: undefined });
      const itemCode = (await create()).body.data.itemCode;
      await eventually(() => expect(sim.engine.getOrder(itemCode).statusCode).toBe(19));
      expect(sim.engine.getHistory(itemCode).map((h) => h.statusCode)).toEqual([1, 2, 6, 7, 10, 11, 12, 15, 12, 15, 16, 17, 18, 19]);
      expect(sim.engine.getOrder(itemCode).deliveryAttempts).toBe(2);
    });

    it('a forced failure of one order number: its next attempts fail, then it returns; other orders are delivered', async () => {
      open({ autoAdvance: true, stepDelayMs: 1, deliveryFailureRate: 0, maxDeliveryAttempts: 2, now: undefined });
      const bad = await api().post('/__sim/orders/by-number/X/delivery-failures').send({ attempts: -1 });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['attempts']);
      // set before the order exists (the dossier code is known before the result delivery is created)
      await api().post('/__sim/orders/by-number/000.00.06.H56-250701-0009/delivery-failures').send({ attempts: 2 }).expect(200);
      const failing = (await create({ orderNumber: '000.00.06.H56-250701-0009' })).body.data.itemCode;
      const fine = (await create({ orderNumber: '000.00.06.H56-250701-0010' })).body.data.itemCode;
      await eventually(() => expect(sim.engine.getOrder(failing).statusCode).toBe(19));
      await eventually(() => expect(sim.engine.getOrder(fine).statusCode).toBe(14));
      expect(sim.engine.getHistory(failing).map((h) => h.statusCode)).toEqual([1, 2, 6, 7, 10, 11, 12, 15, 12, 15, 16, 17, 18, 19]);
      expect(sim.engine.getHistory(fine).map((h) => h.statusCode)).toEqual([1, 2, 6, 7, 10, 11, 12, 14]);
    });

    it('auto mode is deterministic for a seed, whatever the timing', async () => {
      const run = async (seed: number): Promise<number[][]> => {
        const s = createVnpostSimulator({ token: TOKEN, seed, stepDelayMs: 1, deliveryFailureRate: 0.5, maxDeliveryAttempts: 3 });
        const codes: string[] = [];
        for (let i = 0; i < 6; i++) {
          const res = await request(s.app)
            .post('/api/v1/orders')
            .set('token', TOKEN)
            .send(makeOrder({ orderNumber: `H-${i}` }));
          codes.push(res.body.data.itemCode);
        }
        const final = new Set([14, 19]);
        await eventually(() => codes.forEach((c) => expect(final.has(s.engine.getOrder(c).statusCode)).toBe(true)));
        const paths = codes.map((c) => s.engine.getHistory(c).map((h) => h.statusCode));
        await s.close();
        return paths;
      };
      const a = await run(7);
      const b = await run(7);
      expect(a).toEqual(b);
      expect(a.some((p) => p.includes(15))).toBe(true);
      sim = createVnpostSimulator(); // for afterEach
    });

    it('can be switched between manual and auto through /__sim/config', async () => {
      open({ now: undefined });
      const itemCode = (await create()).body.data.itemCode;
      const cfg = await request(sim.app).post('/__sim/config').send({ autoAdvance: true, stepDelayMs: 1 });
      expect(cfg.body).toMatchObject({ autoAdvance: true, stepDelayMs: 1, webhookSecretSet: false });
      await eventually(() => expect(sim.engine.getOrder(itemCode).statusCode).toBe(14));
      const bad = await request(sim.app).post('/__sim/config').send({ deliveryFailureRate: 2, stepDelayMs: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['deliveryFailureRate', 'stepDelayMs']);
    });

    it('lists and resets orders through /__sim', async () => {
      open();
      await create();
      await create({ orderNumber: 'X' });
      expect((await request(sim.app).get('/__sim/orders')).body.items).toHaveLength(2);
      await request(sim.app).post('/__sim/reset').expect(200);
      expect((await request(sim.app).get('/__sim/orders')).body.items).toHaveLength(0);
      expect((await create()).body.data.itemCode).toBe(s10ItemCode('EB', 10_000_001));
    });
  });

  describe('updates by time window', () => {
    it('pages orders whose status changed in [from, to)', async () => {
      open();
      const codes: string[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push((await create({ orderNumber: `P-${i}` })).body.data.itemCode);
        clock += 60_000; // one per minute from 08:00
      }
      clock = T0 + 10 * 60_000;
      await request(sim.app).post(`/__sim/orders/${codes[0]}/advance`).send({}); // 08:10

      const page = (from: string, to: string, p: number, size: number) =>
        api().get('/api/v1/orders/updates').set('token', TOKEN).query({ from, to, page: p, pageSize: size });
      const first = await page('2025-07-01T08:01:00+07:00', '2025-07-01T09:00:00+07:00', 1, 2);
      expect(first.status).toBe(200);
      expect(first.body.data).toMatchObject({ page: 1, pageSize: 2, totalItems: 5, totalPages: 3 });
      expect(first.body.data.items.map((o: { itemCode: string }) => o.itemCode)).toEqual([codes[1], codes[2]]);
      const last = await page('2025-07-01T08:01:00+07:00', '2025-07-01T09:00:00+07:00', 3, 2);
      expect(last.body.data.items.map((o: { itemCode: string }) => o.itemCode)).toEqual([codes[0]]);
      const narrow = await page('2025-07-01T01:00:00Z', '2025-07-01T01:02:00Z', 1, 500); // 08:00–08:02 local, end exclusive
      expect(narrow.body.data.items.map((o: { itemCode: string }) => o.itemCode)).toEqual([codes[0], codes[1]]);
      expect(narrow.body.data.items[0].statusCode).toBe(2);
    });

    it('limits pages to 500 and validates the window', async () => {
      open();
      const q = { from: '2025-07-01T00:00:00+07:00', to: '2025-07-02T00:00:00+07:00' };
      const get = (extra: Record<string, unknown>) =>
        api()
          .get('/api/v1/orders/updates')
          .set('token', TOKEN)
          .query({ ...q, ...extra });
      expect((await get({ pageSize: 500 })).status).toBe(200);
      const tooBig = await get({ pageSize: 501 });
      expect(tooBig.status).toBe(400);
      expect(tooBig.body.fields[0].field).toBe('pageSize');
      expect((await get({ page: 0 })).status).toBe(400);
      expect((await get({ from: 'yesterday' })).status).toBe(400);
      expect((await get({ from: q.to, to: q.from })).status).toBe(400);
      const empty = await get({});
      expect(empty.body.data).toEqual({ items: [], page: 1, pageSize: 100, totalItems: 0, totalPages: 0 });
    });
  });

  describe('webhooks', () => {
    const SECRET = 'whsec-test';

    it('signs every status change; the exported verifier accepts it and rejects tampering', async () => {
      const receiver = await startReceiver();
      try {
        open({ webhookUrl: receiver.url, webhookSecret: SECRET });
        const itemCode = (await create()).body.data.itemCode;
        await request(sim.app).post(`/__sim/orders/${itemCode}/advance`).send({});
        await eventually(() => expect(receiver.received).toHaveLength(2));
        const [first, second] = receiver.received;
        expect(first.event).toEqual({
          eventId: `${itemCode}-001`,
          itemCode,
          orderNumber: '000.00.06.H56-250701-0001',
          statusCode: 1,
          statusName: 'Đã tạo đơn',
          time: '2025-07-01T08:00:00.000+07:00',
          note: expect.any(String),
        });
        expect(second.event.statusCode).toBe(2);
        const now = Math.floor(clock / 1000);
        expect(first.headers['x-vnpost-timestamp']).toBe(String(now));
        expect(first.headers['x-vnpost-signature']).toBe(signVnpostWebhook(SECRET, now, first.rawBody));
        expect(verifyVnpostWebhook(SECRET, first.headers, first.rawBody, now, 300)).toBe(true);
        expect(verifyVnpostWebhook(SECRET, first.headers, Buffer.from(first.rawBody), now + 299, 300)).toBe(true);
        expect(checkVnpostWebhook(SECRET, first.headers, first.rawBody.replace('"statusCode":1', '"statusCode":14'), now, 300)).toEqual({
          valid: false,
          reason: 'BAD_SIGNATURE',
        });
        expect(checkVnpostWebhook('other', first.headers, first.rawBody, now, 300).valid).toBe(false);
        expect(checkVnpostWebhook(SECRET, first.headers, first.rawBody, now + 301, 300)).toEqual({
          valid: false,
          reason: 'STALE_TIMESTAMP',
        });
        expect(checkVnpostWebhook(SECRET, {}, first.rawBody, now, 300)).toEqual({ valid: false, reason: 'MISSING_HEADERS' });
        expect(verifyVnpostWebhook(SECRET, { ...first.headers, 'x-vnpost-signature': 'abc' }, first.rawBody, now, 300)).toBe(false);
      } finally {
        await receiver.close();
      }
    });

    it('retries a non-2xx answer with backoff, bounded', async () => {
      const receiver = await startReceiver((n) => (n <= 2 ? 503 : 200));
      try {
        open({ webhookUrl: receiver.url, webhookSecret: SECRET, webhookRetryBaseMs: 5 });
        await create();
        await eventually(() => expect(receiver.received).toHaveLength(1));
        expect(sim.engine.webhookAttempts().map((a) => a.httpStatus)).toEqual([503, 503, 200]);

        await sim.engine.whenWebhooksIdle();
        sim.engine.configure({ webhookMaxAttempts: 2 });
        const failing = await startReceiver(() => 500);
        try {
          sim.engine.configure({ webhookUrl: failing.url });
          await create({ orderNumber: 'R-2' });
          await eventually(() => expect(failing.calls()).toBe(2));
          await sim.engine.whenWebhooksIdle();
          expect(failing.calls()).toBe(2);
        } finally {
          await failing.close();
        }
      } finally {
        await receiver.close();
      }
    });

    it('chaos: duplicateRate 1 delivers every event twice with the same eventId', async () => {
      const receiver = await startReceiver();
      try {
        open({ webhookUrl: receiver.url, webhookSecret: SECRET, duplicateRate: 1 });
        const itemCode = (await create()).body.data.itemCode;
        await request(sim.app).post(`/__sim/orders/${itemCode}/advance`).send({});
        await eventually(() => expect(receiver.received).toHaveLength(4));
        expect(receiver.received.map((r) => r.event.statusCode)).toEqual([1, 1, 2, 2]);
        expect(receiver.received[0].rawBody).toBe(receiver.received[1].rawBody);
      } finally {
        await receiver.close();
      }
    });

    it('chaos: reorderRate 1 delivers each held event after the next one', async () => {
      const receiver = await startReceiver();
      try {
        open({ webhookUrl: receiver.url, webhookSecret: SECRET, reorderRate: 1, reorderMaxHoldMs: 50 });
        const itemCode = (await create()).body.data.itemCode; // 1 (held)
        for (let i = 0; i < 4; i++) await request(sim.app).post(`/__sim/orders/${itemCode}/advance`).send({}); // 2 6 7 10
        // 10 is held, then released alone after reorderMaxHoldMs
        await eventually(() => expect(receiver.received).toHaveLength(5));
        expect(receiver.received.map((r) => r.event.statusCode)).toEqual([2, 1, 7, 6, 10]);
      } finally {
        await receiver.close();
      }
    });

    it('chaos at intermediate rates is reproducible from the seed', async () => {
      const run = async (): Promise<number[]> => {
        const receiver = await startReceiver();
        const s = createVnpostSimulator({
          token: TOKEN,
          seed: 99,
          autoAdvance: false,
          webhookUrl: receiver.url,
          webhookSecret: SECRET,
          duplicateRate: 0.3,
          reorderRate: 0.3,
          reorderMaxHoldMs: 20,
        });
        const itemCode = (await request(s.app).post('/api/v1/orders').set('token', TOKEN).send(makeOrder())).body.data.itemCode;
        for (let i = 0; i < 7; i++) await request(s.app).post(`/__sim/orders/${itemCode}/advance`).send({});
        await eventually(async () => {
          await s.engine.whenWebhooksIdle();
          expect(receiver.received.length).toBeGreaterThanOrEqual(8);
        });
        await s.close();
        await receiver.close();
        return receiver.received.map((r) => r.event.statusCode);
      };
      const a = await run();
      expect(await run()).toEqual(a);
      expect(a).not.toEqual([1, 2, 6, 7, 10, 11, 12, 14]);
      sim = createVnpostSimulator();
    });
  });

  it('runs standalone on a port', async () => {
    const running = await startVnpostSimulator({ port: 0, token: TOKEN, autoAdvance: false });
    try {
      const res = await request(running.url).post('/api/v1/orders').set('token', TOKEN).send(makeOrder());
      expect(res.body.status).toBe('100');
      expect(running.engine.listOrders()).toHaveLength(1);
    } finally {
      await running.close();
    }
    sim = createVnpostSimulator();
  });

  it('fee formula is deterministic', () => {
    expect(computeVnpostFee({ weight: 500, senderProvinceCode: '01', receiverProvinceCode: '01' })).toBe(16_500);
    expect(computeVnpostFee({ weight: 501, senderProvinceCode: '01', receiverProvinceCode: '79' })).toBe(37_000);
    expect(computeVnpostFee({ weight: 100, senderProvinceCode: '01', receiverProvinceCode: '01', codAmount: 2_000_000 })).toBe(32_500);
  });
});
