import { pendingSchemaChanges } from '@motcua/platform';
import { REPORTING_ENTITIES, REPORTING_MIGRATIONS } from '../src/database';
import { createTestDatabase } from '@motcua/testing';

describe('reporting schema', () => {
  it('entities and migrations agree (nothing left to generate on a fresh database)', async () => {
    const db = await createTestDatabase('reporting_schema');
    try {
      const { up } = await pendingSchemaChanges({ url: db.url, entities: REPORTING_ENTITIES, migrations: REPORTING_MIGRATIONS });
      expect(up).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
