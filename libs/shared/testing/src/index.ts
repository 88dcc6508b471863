import type { EventEnvelope } from '@motcua/contracts';
import { randomUUID } from 'crypto';
import { Client } from 'pg';

/** Test infrastructure URLs (tools/infra/ensure.sh exports them; defaults match a local setup). */
export function testDatabaseAdminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';
}

export function testRabbitMqUrl(): string {
  return process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates an empty database named `<prefix>_test_<random>` and returns its URL. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const adminUrl = testDatabaseAdminUrl();
  const name = `${prefix.replace(/[^a-z0-9_]/g, '_')}_test_${randomUUID().slice(0, 8)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export { expectEventually } from './eventually';
export { lateBound } from './late-bound';
export { binaryBody } from './binary-body';
export { THIRD_PARTY_RABBITMQ_URL, ThirdPartyBroker } from './third-party-broker';

/** The shape of `EventEnvelope` from @motcua/contracts (restated here: this library depends on no other). */
/** Kept as an alias for tests that name it. */
export type TestEnvelope<T> = EventEnvelope<T>;

/** An envelope as a producer's outbox would build it: the correlation id defaults to the data's `dossierCode`, if any. */
export function makeEnvelope<T extends object>(
  type: string,
  data: T,
  over: Partial<Omit<TestEnvelope<T>, 'type' | 'data'>> = {},
): TestEnvelope<T> {
  const dossierCode = (data as { dossierCode?: unknown }).dossierCode;
  return {
    id: over.id ?? randomUUID(),
    type,
    version: over.version ?? 1,
    occurredAt: over.occurredAt ?? new Date().toISOString(),
    source: over.source ?? 'test',
    correlationId: over.correlationId !== undefined ? over.correlationId : typeof dossierCode === 'string' ? dossierCode : null,
    causationId: over.causationId ?? null,
    data,
  };
}

export { flat, pdfImageData, pdfImages, pdfText, pngSize } from './pdf-text';
