import { randomUUID } from 'crypto';
import { Client } from 'pg';
import type { EventEnvelope } from '@motcua/contracts';

export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';

/** A fresh database named `<prefix>_test_<random>` on the test server; `drop()` removes it. */
export async function createTestDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: ADMIN_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Polls `fn` until it stops throwing (returns its value) or the timeout passes (throws its last error). */
export async function eventually<T>(fn: () => Promise<T> | T, timeoutMs = 5000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

/** An envelope as an outbox would build it. */
export function envelope<T extends object>(type: string, data: T, over: Partial<EventEnvelope<T>> = {}): EventEnvelope<T> {
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'test',
    correlationId: (data as { dossierCode?: string }).dossierCode ?? null,
    causationId: null,
    data,
    ...over,
  };
}

let serial = 0;
/** A fresh dossier code of the given agency (unique per test run). */
export function dossierCode(agency = '000.00.06.H56', day = '260105'): string {
  serial += 1;
  return `${agency}-${day}-${String(1000 + serial + Math.floor(Math.random() * 8000)).padStart(4, '0')}${serial}`;
}
