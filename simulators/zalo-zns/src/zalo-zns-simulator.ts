import express, { type NextFunction, type Request, type Response } from 'express';
import { serveSimulator, simulatorApp, sleep, type BuiltSimulator, type ServedSimulator } from '@motcua/sim-common';
import { ZaloZnsEngine, type ZaloZnsConfig, type ZaloZnsEngineOptions } from './zalo-zns-engine';

export type ZaloZnsSimulatorOptions = ZaloZnsEngineOptions;

export type ZaloZnsSimulator = BuiltSimulator<ZaloZnsEngine> & { app: express.Application };

export type RunningZaloZnsSimulator = ServedSimulator<ZaloZnsEngine>;

/** Builds the ZNS API (`POST /message/template`, signed delivery events to `webhookUrl`) as an express app plus its engine. */
export function createZaloZnsSimulator(options: ZaloZnsSimulatorOptions = {}): ZaloZnsSimulator {
  const engine = new ZaloZnsEngine(options);
  const app = simulatorApp('64kb');

  app.post('/message/template', async (req, res) => {
    const result = engine.send(req.header('access_token'), req.body);
    const { latencyMs } = engine.getConfig();
    if (latencyMs > 0) await sleep(latencyMs);
    if (result.replayed) res.set('Idempotent-Replayed', 'true');
    res.status(result.httpStatus).json(result.body);
  });

  app.get('/__sim/messages', (req, res) => {
    const phone = typeof req.query.phone === 'string' && req.query.phone !== '' ? req.query.phone : undefined;
    res.json({ items: engine.listMessages({ phone }) });
  });
  app.get('/__sim/webhooks', (_req, res) => {
    res.json({ items: engine.webhookAttempts() });
  });
  app.post('/__sim/reset', (_req, res) => {
    engine.reset();
    res.json({ ok: true });
  });
  app.get('/__sim/config', (_req, res) => {
    res.json(engine.getConfig());
  });
  app.post('/__sim/config', (req, res) => {
    const b = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const patch: Partial<ZaloZnsConfig> = {};
    const errors: Array<{ field: string; message: string }> = [];
    for (const field of ['failNext', 'latencyMs', 'webhookDelayMs'] as const) {
      const v = b[field];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) errors.push({ field, message: 'Số nguyên không âm' });
      else patch[field] = v;
    }
    for (const field of ['noZaloPhones', 'undeliverablePhones', 'offlinePhones'] as const) {
      const v = b[field];
      if (v === undefined) continue;
      if (!Array.isArray(v) || !v.every((p) => typeof p === 'string')) errors.push({ field, message: 'Danh sách số điện thoại' });
      else patch[field] = v as string[];
    }
    if (b.duplicateEvents !== undefined) {
      if (typeof b.duplicateEvents !== 'boolean') errors.push({ field: 'duplicateEvents', message: 'true hoặc false' });
      else patch.duplicateEvents = b.duplicateEvents;
    }
    if (b.webhookUrl !== undefined) {
      if (typeof b.webhookUrl !== 'string' || (b.webhookUrl !== '' && !/^https?:\/\/\S+$/.test(b.webhookUrl)))
        errors.push({ field: 'webhookUrl', message: 'Đường dẫn http(s) hoặc rỗng' });
      else patch.webhookUrl = b.webhookUrl || undefined;
    }
    if (errors.length > 0) {
      res.status(400).json({ error: -108, message: 'Cấu hình không hợp lệ', fields: errors });
      return;
    }
    res.json(engine.configure(patch));
  });

  app.use((req, res) => {
    res.status(404).json({ error: -1, message: `Không có đường dẫn ${req.method} ${req.path}` });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number })?.status;
    if (status !== undefined && status >= 400 && status < 500) {
      res.status(status).json({ error: -108, message: 'Nội dung yêu cầu không hợp lệ' });
      return;
    }
    res.status(500).json({ error: -1, message: 'Lỗi hệ thống' });
  });

  return {
    app,
    engine,
    close: async () => {
      engine.close();
    },
  };
}

/** Starts the simulator on `port` (0 picks a free one). */
export async function startZaloZnsSimulator(
  options: ZaloZnsSimulatorOptions & { port: number; host?: string },
): Promise<RunningZaloZnsSimulator> {
  const { port, host = '127.0.0.1', ...rest } = options;
  return serveSimulator(createZaloZnsSimulator(rest), port, host);
}
