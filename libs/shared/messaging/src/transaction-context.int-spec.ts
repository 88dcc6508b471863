import { DataSource } from 'typeorm';
import { createTestDatabase, messagingDataSource, TestDatabase } from './test-utils';
import { runAsActor, runInTransaction, setAuditedDataSource } from './transaction-context';

describe('runInTransaction and the audit actor', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await messagingDataSource(db.url, 2);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const actorInTransaction = () =>
    runAsActor({ actor: 'event:dossier.received', correlationId: 'HS-1' }, () =>
      runInTransaction(ds, async (m) => {
        const [row] = (await m.query(
          `SELECT current_setting('motcua.actor', true) AS actor, current_setting('motcua.correlation_id', true) AS cid`,
        )) as { actor: string | null; cid: string | null }[];
        return row;
      }),
    );

  it('records the actor on each transaction of an audited data source (the default)', async () => {
    expect(await actorInTransaction()).toEqual({ actor: 'event:dossier.received', cid: 'HS-1' });
  });

  it('skips the round trip on a data source without audited tables, and records again once audited', async () => {
    setAuditedDataSource(ds, false);
    const none = await actorInTransaction();
    expect(none.actor ?? '').toBe('');
    setAuditedDataSource(ds, true);
    expect((await actorInTransaction()).actor).toBe('event:dossier.received');
  });
});
