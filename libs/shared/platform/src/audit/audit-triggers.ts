import { DataSource } from 'typeorm';

/** Tables never audited: the trail itself, the outbox and inbox (their rows are messages, not state), migrations. */
export const NEVER_AUDITED = ['audit_trail', 'outbox_message', 'inbox_message', 'typeorm_migrations'];

export interface AuditOptions {
  /** false: no table is audited (read models rebuilt from events, e.g. reporting). Default true. */
  enabled?: boolean;
  /** Further tables to leave out (counters, caches, read models rebuilt from events). */
  exclude?: string[];
}

const TRIGGER = 'motcua_audit';

/**
 * Attaches the audit row trigger to every table of the service's schema except the excluded ones, and
 * removes it from tables newly excluded. Idempotent; run at start-up after the migrations, under the
 * migration lock. Tables without a primary key are audited with a null row key; binary (bytea) columns
 * are left out of the rows.
 */
export async function attachAuditTriggers(ds: DataSource, opts: AuditOptions = {}): Promise<string[]> {
  const excluded = new Set([...NEVER_AUDITED, ...(opts.exclude ?? [])]);
  const tables: { table_name: string; pk: string[] | null; binary: string[] | null; has_trigger: boolean }[] = await ds.query(
    `SELECT c.relname AS table_name,
            (SELECT array_agg(a.attname::text ORDER BY k.ord)
               FROM pg_index i
               CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              WHERE i.indrelid = c.oid AND i.indisprimary) AS pk,
            (SELECT array_agg(a.attname::text ORDER BY a.attnum)
               FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 'bytea'::regtype) AS binary,
            EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = $1) AS has_trigger
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
    [TRIGGER],
  );
  const audited: string[] = [];
  for (const t of tables) {
    const name = quoteIdent(t.table_name);
    if (opts.enabled === false || excluded.has(t.table_name)) {
      if (t.has_trigger) await ds.query(`DROP TRIGGER ${TRIGGER} ON ${name}`);
      continue;
    }
    const args = [...(t.pk ?? []).map((c) => `k:${c}`), ...(t.binary ?? []).map((c) => `o:${c}`)].map(quoteLiteral).join(', ');
    await ds.query(
      `CREATE OR REPLACE TRIGGER ${TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON ${name}
       FOR EACH ROW EXECUTE FUNCTION motcua_audit_row(${args})`,
    );
    audited.push(t.table_name);
  }
  return audited;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
