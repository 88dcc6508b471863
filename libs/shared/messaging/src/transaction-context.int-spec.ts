import { DataSource } from 'typeorm';
import { createTestDatabase, messagingDataSource, TestDatabase } from './test-utils';
import { afterCommit, runAsActor, runInTransaction, setAuditedDataSource } from './transaction-context';

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

  it('afterCommit runs once the outermost transaction has committed (its writes visible to others), never after a rollback', async () => {
    await ds.query(`CREATE TABLE IF NOT EXISTS after_commit_probe (n int)`);
    const seen: number[] = [];
    const visibleCount = async () => Number((await ds.query(`SELECT count(*)::int AS n FROM after_commit_probe`))[0].n);
    let pending: Promise<number> | undefined;
    await runInTransaction(ds, async (m) => {
      await m.query(`INSERT INTO after_commit_probe VALUES (1)`);
      // nested: joins the outer transaction, so it waits for the outer commit too
      await runInTransaction(ds, async () => afterCommit(ds, () => (pending = visibleCount())));
      expect(pending).toBeUndefined();
    });
    expect(await pending).toBe(1); // another connection sees the row: the callback came after the commit
    await expect(
      runInTransaction(ds, async (m) => {
        await m.query(`INSERT INTO after_commit_probe VALUES (2)`);
        afterCommit(ds, () => seen.push(2));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(seen).toEqual([]);
    // outside any transaction: at once
    afterCommit(ds, () => seen.push(3));
    expect(seen).toEqual([3]);
  });
});
