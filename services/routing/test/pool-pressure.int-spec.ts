/*
 * More events in flight than database connections: every handler holds a pooled connection for its
 * transaction (inbox + effects), so a handler that takes a second connection (querying through
 * `dataSource.manager` instead of the ambient transaction) deadlocks the pool. Four connections, sixteen
 * postal-transfer events handled at once: all must land.
 */
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { POSTAL_TRANSFER_HANDED_OVER } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createTestDatabase, expectEventually, makeEnvelope, TestDatabase } from '@motcua/testing';
import { bootRouting, CENTRE, COMMUNE, received } from './routing-test-kit';

describe('routing handlers under pool pressure (prefetch 16, 4 connections)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;

  beforeAll(async () => {
    db = await createTestDatabase('routing_pool');
    bus = new InProcessBus({ delayScale: 0.01 });
    app = await bootRouting(db.url, bus, { DB_POOL_SIZE: '4', BUS_PREFETCH: '16' });
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.drop();
  });

  it('handles sixteen postal legs at once without exhausting the pool', async () => {
    const dossiers = Array.from({ length: 4 }, () => received());
    await bus.publish(dossiers);
    const sql = (q: string, p: unknown[] = []) => app.get(DataSource).query(q, p) as Promise<{ n: number }[]>;
    await expectEventually(async () => expect((await sql(`SELECT count(*)::int AS n FROM workflow_instance`))[0].n).toBe(4), 15_000);
    const legs = dossiers.flatMap((d) =>
      Array.from({ length: 4 }, (_, i) =>
        makeEnvelope(
          POSTAL_TRANSFER_HANDED_OVER,
          {
            dossierCode: d.data.dossierCode,
            transferId: randomUUID(),
            purpose: 'STEP',
            fromAgencyCode: CENTRE,
            toAgencyCode: COMMUNE,
            trackingNumber: `EE${String(100000000 + i)}VN`,
            at: new Date().toISOString(),
          },
          { source: 'postal-delivery' },
        ),
      ),
    );
    await bus.publish(legs);
    await expectEventually(
      async () => expect((await sql(`SELECT count(*)::int AS n FROM control_slip_entry WHERE kind = 'POSTAL_HANDED_OVER'`))[0].n).toBe(16),
      15_000,
    );
  });
});
