import type { EventEnvelope } from '@motcua/contracts';
import { PinoLogger, type Params } from 'nestjs-pino';
import { storage, Store } from 'nestjs-pino/storage';
import type pino from 'pino';
import { randomUUID } from 'crypto';

/** Masks all but the last 3 digits: 0912345678 → *******678. Personal data never reaches logs in clear. */
export function maskDigits(value: string | undefined | null): string {
  if (!value) return '';
  return value.length <= 3 ? '*'.repeat(value.length) : '*'.repeat(value.length - 3) + value.slice(-3);
}

/** JSON logs (pino) with the service name and a correlation id per request. */
export function loggerParams(service: string, level: string): Params {
  return {
    pinoHttp: {
      level,
      base: { service },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'req.headers.token'],
        censor: '[redacted]',
      },
      genReqId: (req, res) => {
        const id = (req.headers['x-correlation-id'] as string | undefined) ?? randomUUID();
        res.setHeader('x-correlation-id', id);
        return id;
      },
      customAttributeKeys: { reqId: 'correlationId' },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url }),
      },
    },
  };
}

/**
 * Runs an event handler with a logger bound to the envelope (nestjs-pino keeps the request logger in
 * AsyncLocalStorage; an event gets the same treatment as an HTTP request): every line the handler logs
 * carries `correlationId` (for dossier events, the dossier code), `eventId` and `eventType`.
 */
export function withEventLogContext<T>(envelope: EventEnvelope<object>, run: () => Promise<T>): Promise<T> {
  const root = (PinoLogger as unknown as { root?: pino.Logger }).root;
  if (!root) return run();
  const bound = root.child({ correlationId: envelope.correlationId ?? envelope.id, eventId: envelope.id, eventType: envelope.type });
  return storage.run(new Store(bound), run);
}
