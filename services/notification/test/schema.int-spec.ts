import { pendingSchemaChanges } from '@motcua/platform';
import { NOTIFICATION_ENTITIES, NOTIFICATION_MIGRATIONS } from '../src/database';
import { createTestDatabase } from '@motcua/testing';

describe('notification schema', () => {
  it('entities and migrations agree (nothing left to generate on a fresh database)', async () => {
    const db = await createTestDatabase('notification_schema');
    try {
      const { up } = await pendingSchemaChanges({ url: db.url, entities: NOTIFICATION_ENTITIES, migrations: NOTIFICATION_MIGRATIONS });
      expect(up).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
