import type { Params } from 'nestjs-pino';
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
