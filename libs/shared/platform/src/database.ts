import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { InboxMessageEntity, MessagingTables1764000000000, OutboxMessageEntity, setAuditedDataSource } from '@motcua/messaging';
import { AuditTrail1795600000000 } from './audit/audit-trail.migration';
import { AuditTrailEntity } from './audit/audit-trail.entity';
import { attachAuditTriggers, type AuditOptions } from './audit/audit-triggers';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Constructor = Function;

export interface ServiceDatabaseOptions {
  url: string;
  entities: Constructor[];
  migrations: Constructor[];
  poolSize?: number;
  /** Which tables get the audit trigger (default: all but the messaging tables); false: none. */
  audit?: AuditOptions | false;
}

/** TypeORM options for a service database: its entities plus the outbox/inbox, migrations only. */
export function dataSourceOptions(opts: ServiceDatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: opts.url,
    entities: [...opts.entities, OutboxMessageEntity, InboxMessageEntity, AuditTrailEntity] as MixedList<
      Constructor | string | EntitySchema
    >,
    migrations: [MessagingTables1764000000000, AuditTrail1795600000000, ...opts.migrations] as MixedList<Constructor | string>,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    // uuid defaults use gen_random_uuid(), built into PostgreSQL 13+: no extension to install
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logging: ['error'],
    extra: { max: opts.poolSize ?? 20, application_name: 'motcua' },
  };
}

/** Advisory-lock key so that replicas starting together run migrations one at a time. */
const MIGRATION_LOCK = 72_026_118;

/** Initialises the data source and runs pending migrations under an advisory lock. */
export async function openDatabase(opts: ServiceDatabaseOptions): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(opts));
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await ds.runMigrations({ transaction: 'each' });
      const audited = await attachAuditTriggers(ds, opts.audit === false ? { enabled: false } : opts.audit);
      // no audited table: transactions need not record the actor (one round trip less per transaction)
      setAuditedDataSource(ds, audited.length > 0);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
  return ds;
}
