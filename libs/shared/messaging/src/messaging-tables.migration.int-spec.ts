import { DataSource } from 'typeorm';
import { InboxMessageEntity } from './inbox-message.entity';
import { MessagingTables1764000000000 } from './messaging-tables.migration';
import { OutboxMessageEntity } from './outbox-message.entity';
import { createTestDatabase, TestDatabase } from './test-utils';

describe('MessagingTables1764000000000', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({
      type: 'postgres',
      url: db.url,
      entities: [OutboxMessageEntity, InboxMessageEntity],
      migrations: [MessagingTables1764000000000],
      synchronize: false,
      logging: false,
    });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('creates exactly what the entities describe', async () => {
    await ds.runMigrations();
    const sql = await ds.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('names every constraint and index explicitly', async () => {
    const rows = (await ds.query(
      `SELECT conname AS name FROM pg_constraint WHERE conrelid IN ('outbox_message'::regclass, 'inbox_message'::regclass)
       UNION SELECT indexname FROM pg_indexes WHERE tablename IN ('outbox_message', 'inbox_message') ORDER BY 1`,
    )) as { name: string }[];
    expect(rows.map((r) => r.name)).toEqual([
      'ix_inbox_message_processed_at',
      'pk_inbox_message',
      'pk_outbox_message',
      'uq_outbox_message_id',
    ]);
  });

  it('reverts cleanly', async () => {
    await ds.undoLastMigration();
    const tables = (await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_name IN ('outbox_message', 'inbox_message')`,
    )) as unknown[];
    expect(tables).toEqual([]);
  });
});
