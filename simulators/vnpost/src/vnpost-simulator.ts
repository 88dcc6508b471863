import express, { type NextFunction, type Request, type Response } from 'express';
import { serveSimulator, simulatorApp } from '@motcua/sim-common';
import { computeVnpostFee } from './order-request';
import { VNPOST_MAX_PAGE_SIZE, VnpostEngine, VnpostSimError, type VnpostEngineOptions, type VnpostSimConfig } from './vnpost-engine';

export interface VnpostSimulatorOptions extends VnpostEngineOptions {
  /** Value the `token` header must carry (default `sim-vnpost-token`). */
  token?: string;
}

export interface VnpostSimulator {
  app: express.Application;
  engine: VnpostEngine;
  close(): Promise<void>;
}

export interface RunningVnpostSimulator {
  url: string;
  port: number;
  engine: VnpostEngine;
  close(): Promise<void>;
}

const OK = { status: '100', message: 'Thành công' } as const;

function fail(res: Response, status: number, error: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ error, message, ...extra });
}

/** Builds the simulator as an express app (mount it anywhere) plus its engine. */
export function createVnpostSimulator(options: VnpostSimulatorOptions = {}): VnpostSimulator {
  const { token = 'sim-vnpost-token', ...engineOptions } = options;
  const engine = new VnpostEngine(engineOptions);
  const app = simulatorApp('1mb');

  const api = express.Router();
  api.use((req, res, next) => {
    if (req.header('token') !== token) {
      fail(res, 401, 'UNAUTHORIZED', 'Token không hợp lệ hoặc đã hết hạn');
      return;
    }
    next();
  });

  api.post('/orders', (req, res) => {
    const order = engine.createOrder(req.body);
    res.json({
      ...OK,
      data: {
        orderId: order.orderId,
        itemCode: order.itemCode,
        orderNumber: order.orderNumber,
        statusCode: order.statusCode,
        totalFee: order.totalFee,
      },
    });
  });

  api.get('/orders/updates', (req, res) => {
    const query = parseUpdatesQuery(req.query as Record<string, unknown>);
    if ('errors' in query) {
      fail(res, 400, 'VALIDATION_FAILED', 'Tham số truy vấn không hợp lệ', { fields: query.errors });
      return;
    }
    res.json({ ...OK, data: engine.listUpdates(query.from, query.to, query.page, query.pageSize) });
  });

  api.get('/orders/:itemCode', (req, res) => {
    res.json({ ...OK, data: engine.getOrder(req.params.itemCode) });
  });

  api.get('/orders/:itemCode/history', (req, res) => {
    res.json({ ...OK, data: engine.getHistory(req.params.itemCode) });
  });

  api.post('/orders/:itemCode/cancel', (req, res) => {
    const reason = (req.body as { reason?: unknown } | undefined)?.reason;
    const note = typeof reason === 'string' ? reason : undefined;
    const order = engine.cancelOrder(req.params.itemCode, note);
    res.json({ ...OK, data: { itemCode: order.itemCode, orderNumber: order.orderNumber, statusCode: order.statusCode } });
  });

  /** Fee quote (tra cứu cước). */
  api.post('/fees', (req, res) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const errors: Array<{ field: string; message: string }> = [];
    if (typeof b.senderProvinceCode !== 'string') errors.push({ field: 'senderProvinceCode', message: 'Trường bắt buộc' });
    if (typeof b.receiverProvinceCode !== 'string') errors.push({ field: 'receiverProvinceCode', message: 'Trường bắt buộc' });
    if (!(typeof b.weight === 'number' && Number.isInteger(b.weight) && b.weight > 0)) {
      errors.push({ field: 'weight', message: 'Khối lượng (gram) phải là số nguyên dương' });
    }
    if (b.codAmount !== undefined && !(typeof b.codAmount === 'number' && Number.isInteger(b.codAmount) && b.codAmount >= 0)) {
      errors.push({ field: 'codAmount', message: 'Tiền thu hộ phải là số nguyên không âm (đồng)' });
    }
    if (errors.length > 0) {
      fail(res, 400, 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ', { fields: errors });
      return;
    }
    res.json({
      ...OK,
      data: {
        totalFee: computeVnpostFee({
          weight: b.weight as number,
          senderProvinceCode: b.senderProvinceCode as string,
          receiverProvinceCode: b.receiverProvinceCode as string,
          codAmount: b.codAmount as number | undefined,
        }),
      },
    });
  });

  const sim = express.Router();
  sim.get('/orders', (_req, res) => {
    res.json({ items: engine.listOrders() });
  });
  sim.post('/orders/:itemCode/advance', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const order = engine.advance(req.params.itemCode, body.statusCode, typeof body.note === 'string' ? body.note : undefined);
    res.json({ data: order, history: engine.getHistory(order.itemCode) });
  });
  sim.post('/orders/by-number/:orderNumber/delivery-failures', (req, res) => {
    const attempts = ((req.body ?? {}) as Record<string, unknown>).attempts;
    if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 0 || attempts > 100) {
      fail(res, 400, 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ', { fields: [{ field: 'attempts', message: 'Số nguyên từ 0 đến 100' }] });
      return;
    }
    engine.failDeliveries(req.params.orderNumber, attempts);
    res.json({ orderNumber: req.params.orderNumber, attempts });
  });
  sim.get('/webhooks', (_req, res) => {
    res.json({ items: engine.webhookAttempts() });
  });
  sim.post('/reset', (_req, res) => {
    engine.reset();
    res.json({ ok: true });
  });
  sim.get('/config', (_req, res) => {
    res.json(publicConfig(engine.getConfig()));
  });
  sim.post('/config', (req, res) => {
    const patch = parseConfigPatch(req.body);
    if ('errors' in patch) {
      fail(res, 400, 'VALIDATION_FAILED', 'Cấu hình không hợp lệ', { fields: patch.errors });
      return;
    }
    res.json(publicConfig(engine.configure(patch.value)));
  });

  app.use('/api/v1', api);
  app.use('/__sim', sim);
  app.use((req, res) => fail(res, 404, 'NOT_FOUND', `Không có đường dẫn ${req.method} ${req.path}`));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof VnpostSimError) {
      fail(res, err.httpStatus, err.code, err.message, err.details);
      return;
    }
    const status = (err as { status?: number; type?: string })?.status;
    if (status === 400 || (err as { type?: string })?.type === 'entity.parse.failed') {
      fail(res, 400, 'INVALID_JSON', 'Nội dung không phải JSON hợp lệ');
      return;
    }
    if (status === 413) {
      fail(res, 413, 'PAYLOAD_TOO_LARGE', 'Nội dung quá lớn');
      return;
    }
    engineOptions.logger?.warn(`vnpost-sim: unexpected error ${err instanceof Error ? err.stack : String(err)}`);
    fail(res, 500, 'INTERNAL_ERROR', 'Lỗi hệ thống');
  });

  return {
    app,
    engine,
    close: async () => engine.close(),
  };
}

/** Starts the simulator on `port` (0 picks a free one). */
export async function startVnpostSimulator(
  options: VnpostSimulatorOptions & { port: number; host?: string },
): Promise<RunningVnpostSimulator> {
  const { port, host = '127.0.0.1', ...rest } = options;
  return serveSimulator(createVnpostSimulator(rest), port, host);
}

function publicConfig(config: VnpostSimConfig): Omit<VnpostSimConfig, 'webhookSecret'> & { webhookSecretSet: boolean } {
  const { webhookSecret, ...rest } = config;
  return { ...rest, webhookSecretSet: Boolean(webhookSecret) };
}

function parseUpdatesQuery(
  q: Record<string, unknown>,
): { from: number; to: number; page: number; pageSize: number } | { errors: Array<{ field: string; message: string }> } {
  const errors: Array<{ field: string; message: string }> = [];
  const time = (field: 'from' | 'to'): number => {
    const raw = q[field];
    const ms = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : NaN;
    if (!Number.isFinite(ms)) errors.push({ field, message: 'Phải là thời điểm ISO-8601, ví dụ 2025-07-01T00:00:00+07:00' });
    return ms;
  };
  const int = (field: 'page' | 'pageSize', fallback: number, max: number): number => {
    const raw = q[field];
    if (raw === undefined) return fallback;
    const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > max) errors.push({ field, message: `Phải là số nguyên từ 1 đến ${max}` });
    return n;
  };
  const from = time('from');
  const to = time('to');
  const page = int('page', 1, 1_000_000);
  const pageSize = int('pageSize', 100, VNPOST_MAX_PAGE_SIZE);
  if (Number.isFinite(from) && Number.isFinite(to) && from > to) errors.push({ field: 'from', message: 'from phải trước to' });
  return errors.length > 0 ? { errors } : { from, to, page, pageSize };
}

const NUMBER_FIELDS = [
  'stepDelayMs',
  'deliveryFailureRate',
  'maxDeliveryAttempts',
  'duplicateRate',
  'reorderRate',
  'reorderMaxHoldMs',
  'webhookMaxAttempts',
  'webhookRetryBaseMs',
  'webhookTimeoutMs',
] as const;
const RATE_FIELDS = new Set(['deliveryFailureRate', 'duplicateRate', 'reorderRate']);

function parseConfigPatch(body: unknown): { value: Partial<VnpostSimConfig> } | { errors: Array<{ field: string; message: string }> } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors: Array<{ field: string; message: string }> = [];
  const value: Partial<VnpostSimConfig> = {};
  for (const field of NUMBER_FIELDS) {
    const v = b[field];
    if (v === undefined) continue;
    const ok = typeof v === 'number' && Number.isFinite(v) && v >= 0 && (!RATE_FIELDS.has(field) || v <= 1);
    if (!ok) errors.push({ field, message: RATE_FIELDS.has(field) ? 'Tỉ lệ từ 0 đến 1' : 'Số không âm' });
    else value[field] = v;
  }
  if (b.autoAdvance !== undefined) {
    if (typeof b.autoAdvance !== 'boolean') errors.push({ field: 'autoAdvance', message: 'true hoặc false' });
    else value.autoAdvance = b.autoAdvance;
  }
  for (const field of ['webhookUrl', 'webhookSecret'] as const) {
    const v = b[field];
    if (v === undefined) continue;
    if (v === null || v === '') value[field] = '';
    else if (typeof v !== 'string') errors.push({ field, message: 'Chuỗi hoặc null' });
    else if (field === 'webhookUrl' && !/^https?:\/\//.test(v)) errors.push({ field, message: 'URL http(s)' });
    else value[field] = v;
  }
  return errors.length > 0 ? { errors } : { value };
}
