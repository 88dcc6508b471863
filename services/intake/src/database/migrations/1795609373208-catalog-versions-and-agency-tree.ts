import { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogVersionsAndAgencyTree1795609373208 implements MigrationInterface {
  name = 'CatalogVersionsAndAgencyTree1795609373208';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "procedure_version" ("procedure_code" text NOT NULL, "version" integer NOT NULL, "national_code" text, "name" text NOT NULL, "field_code" text NOT NULL, "field_name" text NOT NULL, "level" text NOT NULL, "competent_agency_code" text, "competent_agency_rule" text, "components" jsonb NOT NULL, "processing_time" jsonb NOT NULL, "fees" jsonb NOT NULL, "online_level" text NOT NULL, "post_may_carry_dossier" boolean NOT NULL, "post_may_carry_result" boolean NOT NULL, "effective_from" date NOT NULL, "effective_to" date, "content_hash" text NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_procedure_version" PRIMARY KEY ("procedure_code", "version"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_procedure_version_unpublished" ON "procedure_version"  ("published_at") WHERE published_at IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "agency" ADD "tree" text NOT NULL DEFAULT 'TWO_LEVEL'`);
    await queryRunner.query(`ALTER TABLE "agency" ADD "valid_from" date`);
    await queryRunner.query(`ALTER TABLE "agency" ADD "valid_to" date`);
    await queryRunner.query(`ALTER TABLE "agency" ADD "active" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "agency" ADD "admin_unit_code" text`);
    await queryRunner.query(`ALTER TABLE "dossier" ADD "procedure_version" integer`);
    // data: the province-wide bodies belong to both trees; each existing procedure becomes its version 1
    // (published at the next start, once), and the dossiers received under it record it
    await queryRunner.query(`UPDATE "agency" SET "tree" = 'BOTH' WHERE "level" IN ('PROVINCE', 'DEPARTMENT', 'CENTER')`);
    await queryRunner.query(
      `INSERT INTO "procedure_version" ("procedure_code", "version", "national_code", "name", "field_code", "field_name", "level", "competent_agency_code", "competent_agency_rule", "components", "processing_time", "fees", "online_level", "post_may_carry_dossier", "post_may_carry_result", "effective_from", "effective_to", "content_hash", "created_by")
       SELECT p."code", 1, CASE WHEN p."code" ~ '^\\d\\.\\d{6}(\\.[A-Z]\\d{2})?$' THEN p."code" END, p."name", p."field_code", p."field_name",
              CASE WHEN a."level" = 'COMMUNE' THEN 'COMMUNE' ELSE 'PROVINCE' END, p."competent_agency_code", NULL, p."components",
              p."processing_time", '[]'::jsonb, 'NONE', p."post_allowed", p."post_allowed", DATE '2000-01-01', NULL, 'migrated', 'migration'
         FROM "procedure" p LEFT JOIN "agency" a ON a."code" = p."competent_agency_code"`,
    );
    await queryRunner.query(
      `UPDATE "dossier" d SET "procedure_version" = 1 WHERE EXISTS (SELECT 1 FROM "procedure_version" v WHERE v."procedure_code" = d."procedure_code")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "procedure_version"`);
    await queryRunner.query(`ALTER TABLE "agency" DROP COLUMN "admin_unit_code"`);
    await queryRunner.query(`ALTER TABLE "agency" DROP COLUMN "active"`);
    await queryRunner.query(`ALTER TABLE "agency" DROP COLUMN "valid_to"`);
    await queryRunner.query(`ALTER TABLE "agency" DROP COLUMN "valid_from"`);
    await queryRunner.query(`ALTER TABLE "agency" DROP COLUMN "tree"`);
    await queryRunner.query(`DROP INDEX "public"."ix_procedure_version_unpublished"`);
    await queryRunner.query(`DROP TABLE "procedure_version"`);
  }
}
