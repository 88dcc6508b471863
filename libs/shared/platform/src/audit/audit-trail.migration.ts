import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates `audit_trail` (AuditTrailEntity), the row trigger function that fills it and the triggers that
 * keep it append-only. Which tables are audited is decided at start-up (`attachAuditTriggers`), so
 * tables added by later migrations are covered without a migration of their own.
 */
export class AuditTrail1795600000000 implements MigrationInterface {
  name = 'AuditTrail1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_trail" (
        "id" BIGSERIAL NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        "tx_id" bigint NOT NULL DEFAULT txid_current(),
        "table_name" text NOT NULL,
        "operation" text NOT NULL,
        "row_key" text,
        "changes" jsonb NOT NULL,
        "actor" text,
        "correlation_id" text,
        CONSTRAINT "pk_audit_trail" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_audit_trail_row" ON "audit_trail" ("table_name", "row_key", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_trail_correlation" ON "audit_trail" ("correlation_id", "id") `);
    // TG_ARGV: 'k:<column>' for the primary key columns in order, 'o:<column>' for columns left out
    // of the trail (binary content: a photo is not copied into every audit row).
    await queryRunner.query(`
      CREATE FUNCTION motcua_audit_row() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        omit text[] := ARRAY(SELECT substr(a, 3) FROM unnest(TG_ARGV) a WHERE a LIKE 'o:%');
        src jsonb;
        diff jsonb;
        key text;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          src := to_jsonb(OLD) - omit;
          diff := src;
        ELSIF TG_OP = 'INSERT' THEN
          src := to_jsonb(NEW) - omit;
          diff := src;
        ELSE
          src := to_jsonb(NEW) - omit;
          SELECT coalesce(jsonb_object_agg(n.key, jsonb_build_array(o.value, n.value)), '{}'::jsonb) INTO diff
            FROM jsonb_each(src) n JOIN jsonb_each(to_jsonb(OLD) - omit) o ON o.key = n.key
           WHERE n.value IS DISTINCT FROM o.value;
          IF diff = '{}'::jsonb THEN
            RETURN NULL;
          END IF;
        END IF;
        SELECT string_agg(src ->> substr(c.arg, 3), '/' ORDER BY c.ord) INTO key
          FROM unnest(TG_ARGV) WITH ORDINALITY AS c(arg, ord)
         WHERE c.arg LIKE 'k:%';
        INSERT INTO audit_trail (table_name, operation, row_key, changes, actor, correlation_id)
        VALUES (TG_TABLE_NAME, TG_OP, key, diff,
                nullif(current_setting('motcua.actor', true), ''),
                nullif(current_setting('motcua.correlation_id', true), ''));
        RETURN NULL;
      END
      $fn$`);
    await queryRunner.query(`
      CREATE FUNCTION motcua_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'audit_trail is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $fn$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_trail_append_only BEFORE UPDATE OR DELETE ON "audit_trail"
      FOR EACH ROW EXECUTE FUNCTION motcua_audit_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON "audit_trail"
      FOR EACH STATEMENT EXECUTE FUNCTION motcua_audit_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_trail"`);
    await queryRunner.query(`DROP FUNCTION motcua_audit_append_only()`);
    await queryRunner.query(`DROP FUNCTION motcua_audit_row() CASCADE`);
  }
}
