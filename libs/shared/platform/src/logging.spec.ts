import { Writable } from 'stream';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { randomUUID } from 'crypto';
import type { EventEnvelope } from '@motcua/contracts';
import { maskDigits, withEventLogContext } from './logging';

/** A pino root logger writing JSON lines into an array, installed as nestjs-pino's root for the test. */
function captureRoot(): { lines: Record<string, unknown>[]; restore: () => void } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const holder = PinoLogger as unknown as { root?: pino.Logger };
  const previous = holder.root;
  holder.root = pino({ base: { service: 'test' } }, sink);
  return { lines, restore: () => (holder.root = previous) };
}

function makeEnvelope(type: string, data: object, over: { correlationId: string | null }): EventEnvelope<object> {
  const at = new Date().toISOString();
  return { id: randomUUID(), type, version: 1, occurredAt: at, source: 'test', causationId: null, data, ...over };
}

describe('withEventLogContext', () => {
  it('binds the correlation id, event id and type to every line a handler logs', async () => {
    const { lines, restore } = captureRoot();
    try {
      const logger = new PinoLogger({ pinoHttp: { level: 'info' } });
      const envelope = makeEnvelope('dossier.received', { any: 1 }, { correlationId: '000.00.06.H56-261125-0001' });
      const answer = await withEventLogContext(envelope, async () => {
        logger.info('handled');
        return 42;
      });
      logger.info('outside');
      expect(answer).toBe(42);
      const inside = lines.find((l) => l.msg === 'handled');
      expect(inside).toMatchObject({ correlationId: '000.00.06.H56-261125-0001', eventId: envelope.id, eventType: 'dossier.received' });
      const outside = lines.find((l) => l.msg === 'outside');
      expect(outside?.correlationId).toBeUndefined();
    } finally {
      restore();
    }
  });

  it('falls back to the event id when the envelope has no correlation id', async () => {
    const { lines, restore } = captureRoot();
    try {
      const logger = new PinoLogger({ pinoHttp: { level: 'info' } });
      const envelope = makeEnvelope('calendar.year-schedule-replaced', {}, { correlationId: null });
      await withEventLogContext(envelope, async () => logger.info('x'));
      expect(lines.find((l) => l.msg === 'x')?.correlationId).toBe(envelope.id);
    } finally {
      restore();
    }
  });
});

describe('maskDigits', () => {
  it('keeps only the last three digits', () => {
    expect(maskDigits('0912345678')).toBe('*******678');
    expect(maskDigits('12')).toBe('**');
    expect(maskDigits(undefined)).toBe('');
  });
});
