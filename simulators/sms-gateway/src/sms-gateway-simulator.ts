import express, { type NextFunction, type Request, type Response } from 'express';
import { serveSimulator, simulatorApp, sleep, type BuiltSimulator, type ServedSimulator } from '@motcua/sim-common';
import { SmsGatewayEngine, type SmsGatewayConfig, type SmsGatewayEngineOptions } from './sms-gateway-engine';

export type SmsGatewaySimulatorOptions = SmsGatewayEngineOptions;

export type SmsGatewaySimulator = BuiltSimulator<SmsGatewayEngine> & { app: express.Application };

export type RunningSmsGatewaySimulator = ServedSimulator<SmsGatewayEngine>;

/** Builds the gateway as an express app (mount it anywhere) plus its engine. */
export function createSmsGatewaySimulator(options: SmsGatewaySimulatorOptions = {}): SmsGatewaySimulator {
  const engine = new SmsGatewayEngine(options);
  const app = simulatorApp('256kb');

  app.post('/api/v1/sms/send', async (req, res) => {
    const result = engine.send(req.header('authorization'), req.body);
    const { latencyMs } = engine.getConfig();
    if (latencyMs > 0) await sleep(latencyMs);
    if (result.retryAfter !== undefined) res.set('Retry-After', String(result.retryAfter));
    if (result.replayed) res.set('Idempotent-Replayed', 'true');
    res.status(result.httpStatus).json(result.body);
  });

  app.get('/api/v1/sms/:messageId', (req, res) => {
    if (!engine.isAuthorized(req.header('authorization'))) {
      res.status(401).json({ code: '99', message: 'Sai thông tin xác thực (API key)' });
      return;
    }
    const m = engine.getMessage(req.params.messageId);
    if (!m) {
      res.status(404).json({ code: '10', message: 'Không tìm thấy tin nhắn' });
      return;
    }
    res.json({
      code: '00',
      messageId: m.messageId,
      clientRequestId: m.clientRequestId,
      phone: m.phone,
      status: m.status,
      ...(m.errorCode ? { errorCode: m.errorCode } : {}),
      ...(m.doneAt ? { doneAt: m.doneAt } : {}),
    });
  });

  app.get('/__sim/messages', (req, res) => {
    const phone = typeof req.query.phone === 'string' && req.query.phone !== '' ? req.query.phone : undefined;
    const clientRequestId =
      typeof req.query.clientRequestId === 'string' && req.query.clientRequestId !== '' ? req.query.clientRequestId : undefined;
    res.json({ items: engine.listMessages({ phone, clientRequestId }) });
  });
  app.get('/__sim/receipts', (_req, res) => {
    res.json({ items: engine.receiptAttempts() });
  });
  app.post('/__sim/reset', (_req, res) => {
    engine.reset();
    res.json({ ok: true });
  });
  app.get('/__sim/config', (_req, res) => {
    res.json(engine.getConfig());
  });
  app.post('/__sim/config', (req, res) => {
    const patch = parseConfigPatch(req.body);
    if ('errors' in patch) {
      res.status(400).json({ code: '10', message: 'Cấu hình không hợp lệ', fields: patch.errors });
      return;
    }
    res.json(engine.configure(patch.value));
  });

  app.use((req, res) => {
    res.status(404).json({ code: '10', message: `Không có đường dẫn ${req.method} ${req.path}` });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number })?.status;
    if (status !== undefined && status >= 400 && status < 500) {
      res.status(status).json({ code: '10', message: 'Nội dung yêu cầu không hợp lệ' });
      return;
    }
    options.logger?.warn(`sms-sim: unexpected error ${err instanceof Error ? err.stack : String(err)}`);
    res.status(500).json({ code: '97', message: 'Lỗi hệ thống' });
  });

  return { app, engine, close: async () => engine.close() };
}

/** Starts the gateway on `port` (0 picks a free one). */
export async function startSmsGatewaySimulator(
  options: SmsGatewaySimulatorOptions & { port: number; host?: string },
): Promise<RunningSmsGatewaySimulator> {
  const { port, host = '127.0.0.1', ...rest } = options;
  return serveSimulator(createSmsGatewaySimulator(rest), port, host);
}

const NUMBER_FIELDS = [
  'dlrDelayMs',
  'failureRate',
  'duplicateReceiptRate',
  'latencyMs',
  'rateLimitPerSecond',
  'failNext',
  'failNextAfterSend',
  'dlrMaxAttempts',
  'dlrRetryBaseMs',
  'dlrTimeoutMs',
] as const;
const RATES = new Set(['failureRate', 'duplicateReceiptRate']);
const INTEGERS = new Set(['rateLimitPerSecond', 'failNext', 'failNextAfterSend', 'dlrMaxAttempts']);

function parseConfigPatch(body: unknown): { value: Partial<SmsGatewayConfig> } | { errors: Array<{ field: string; message: string }> } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors: Array<{ field: string; message: string }> = [];
  const value: Partial<SmsGatewayConfig> = {};
  for (const field of NUMBER_FIELDS) {
    const v = b[field];
    if (v === undefined) continue;
    const ok =
      typeof v === 'number' &&
      Number.isFinite(v) &&
      v >= 0 &&
      (!RATES.has(field) || v <= 1) &&
      (!INTEGERS.has(field) || Number.isInteger(v));
    if (!ok) errors.push({ field, message: RATES.has(field) ? 'Tỉ lệ từ 0 đến 1' : 'Số không âm' });
    else value[field] = v;
  }
  if (b.dlrUrl !== undefined) {
    if (b.dlrUrl === null || b.dlrUrl === '') value.dlrUrl = '';
    else if (typeof b.dlrUrl !== 'string' || !/^https?:\/\//.test(b.dlrUrl))
      errors.push({ field: 'dlrUrl', message: 'URL http(s) hoặc null' });
    else value.dlrUrl = b.dlrUrl;
  }
  return errors.length > 0 ? { errors } : { value };
}
