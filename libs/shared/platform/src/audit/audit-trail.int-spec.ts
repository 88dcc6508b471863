import { Column, DataSource, Entity, MigrationInterface, PrimaryColumn, QueryRunner } from 'typeorm';
import { currentActor, runAsActor, runInTransaction } from '@motcua/messaging';
import { randomBytes } from 'crypto';
import { Client } from 'pg';
import { openDatabase } from '../database';
import { pendingSchemaChanges } from '../schema-diff';
import { AuditTrailEntity } from './audit-trail.entity';

@Entity({ name: 'widget' })
class Widget {
  @PrimaryColumn({ name: 'shop', type: 'text', primaryKeyConstraintName: 'pk_widget' }) shop!: string;
  @PrimaryColumn({ name: 'code', type: 'text', primaryKeyConstraintName: 'pk_widget' }) code!: string;
  @Column({ name: 'label', type: 'text' }) label!: string;
  @Column({ name: 'stock', type: 'int' }) stock!: number;
  @Column({ name: 'photo', type: 'bytea', nullable: true }) photo!: Buffer | null;
}

@Entity({ name: 'tally' })
class Tally {
  @PrimaryColumn({ name: 'id', type: 'int', primaryKeyConstraintName: 'pk_tally' }) id!: number;
  @Column({ name: 'n', type: 'int' }) n!: number;
}

class Widgets1795600000001 implements MigrationInterface {
  name = 'Widgets1795600000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "widget" ("shop" text NOT NULL, "code" text NOT NULL, "label" text NOT NULL, "stock" integer NOT NULL, "photo" bytea, CONSTRAINT "pk_widget" PRIMARY KEY ("shop", "code"))`,
    );
    await q.query(`CREATE TABLE "tally" ("id" integer NOT NULL, "n" integer NOT NULL, CONSTRAINT "pk_tally" PRIMARY KEY ("id"))`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "tally"`);
    await q.query(`DROP TABLE "widget"`);
  }
}

const OPTS = { entities: [Widget, Tally], migrations: [Widgets1795600000001] };

interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** A scratch database on the test cluster (this library may not use @motcua/testing). */
async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const admin = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';
  const name = `${prefix}_test_${randomBytes(4).toString('hex')}`;
  const run = async (sql: string) => {
    const c = new Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function trail(ds: DataSource): Promise<AuditTrailEntity[]> {
  return ds.getRepository(AuditTrailEntity).find({ order: { id: 'ASC' } });
}

describe('audit trail (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('audit');
    ds = await openDatabase({ url: db.url, ...OPTS, audit: { exclude: ['tally'] } });
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('the entity and its migration agree', async () => {
    const pending = await pendingSchemaChanges({ url: db.url, ...OPTS });
    expect(pending.up).toEqual([]);
  });

  it('records every insert, update and delete with the actor, the correlation id and only the changed columns', async () => {
    await runAsActor({ actor: 'user:clerk-7', correlationId: 'req-1' }, async () => {
      expect(currentActor()?.actor).toBe('user:clerk-7');
      await runInTransaction(ds, async (m) => {
        await m.query(`INSERT INTO widget VALUES ('HN', 'w-1', 'Hồ sơ', 3, '\\xdeadbeef')`);
        await m.query(`UPDATE widget SET stock = 2 WHERE code = 'w-1'`);
        await m.query(`UPDATE widget SET photo = '\\xcafe' WHERE code = 'w-1'`); // binary only: left out
        await m.query(`UPDATE widget SET stock = 2 WHERE code = 'w-1'`); // no change: no row
      });
    });
    await runAsActor({ actor: 'event:dossier.resolved', correlationId: '000.00.06.H56-261125-0001' }, () =>
      runInTransaction(ds, (m) => m.query(`DELETE FROM widget WHERE code = 'w-1'`)),
    );
    await ds.query(`INSERT INTO widget VALUES ('HN', 'w-2', 'x', 1, NULL)`); // outside any actor: background work

    const rows = await trail(ds);
    expect(rows.map((r) => [r.tableName, r.operation, r.rowKey, r.actor, r.correlationId])).toEqual([
      ['widget', 'INSERT', 'HN/w-1', 'user:clerk-7', 'req-1'],
      ['widget', 'UPDATE', 'HN/w-1', 'user:clerk-7', 'req-1'],
      ['widget', 'DELETE', 'HN/w-1', 'event:dossier.resolved', '000.00.06.H56-261125-0001'],
      ['widget', 'INSERT', 'HN/w-2', null, null],
    ]);
    expect(rows[0].changes).toEqual({ shop: 'HN', code: 'w-1', label: 'Hồ sơ', stock: 3 });
    expect(rows[1].changes).toEqual({ stock: [3, 2] });
    expect(rows[0].txId).toBe(rows[1].txId);
    expect(rows[2].txId).not.toBe(rows[1].txId);
  });

  it('leaves excluded tables out', async () => {
    const before = (await trail(ds)).length;
    await ds.query(`INSERT INTO tally VALUES (1, 1)`);
    expect((await trail(ds)).length).toBe(before);
  });

  it('refuses to update, delete or truncate the trail, and a refused change leaves nothing behind', async () => {
    await expect(ds.query(`UPDATE audit_trail SET actor = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM audit_trail`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`TRUNCATE audit_trail`)).rejects.toThrow(/append-only/);
    const before = (await trail(ds)).length;
    await expect(
      runInTransaction(ds, async (m) => {
        await m.query(`INSERT INTO widget VALUES ('HN', 'w-3', 'rolled back', 1, NULL)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await trail(ds)).length).toBe(before);
  });

  it('attaching is idempotent, and a service that turns auditing off loses the triggers', async () => {
    const second = await openDatabase({ url: db.url, ...OPTS, audit: { exclude: ['tally'] } });
    await second.destroy();
    const triggers = async () =>
      (await ds.query(`SELECT tgrelid::regclass::text AS t FROM pg_trigger WHERE tgname = 'motcua_audit' ORDER BY 1`)).map(
        (r: { t: string }) => r.t,
      );
    expect(await triggers()).toEqual(['widget']);
    const off = await openDatabase({ url: db.url, ...OPTS, audit: false });
    await off.destroy();
    expect(await triggers()).toEqual([]);
  });
});
