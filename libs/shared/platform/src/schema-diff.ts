import { DataSource } from 'typeorm';
import { dataSourceOptions, ServiceDatabaseOptions } from './database';

/**
 * Runs every migration on the given (empty) database, then asks TypeORM what it would still change
 * to match the entities. Empty lists mean entities and migrations agree.
 */
export async function pendingSchemaChanges(opts: ServiceDatabaseOptions): Promise<{ up: string[]; down: string[] }> {
  const ds = new DataSource(dataSourceOptions(opts));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const log = await ds.driver.createSchemaBuilder().log();
    return { up: log.upQueries.map((q) => q.query), down: log.downQueries.map((q) => q.query) };
  } finally {
    await ds.destroy();
  }
}
