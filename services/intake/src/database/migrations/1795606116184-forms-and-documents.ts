import { MigrationInterface, QueryRunner } from 'typeorm';

export class FormsAndDocuments1795606116184 implements MigrationInterface {
  name = 'FormsAndDocuments1795606116184';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dossier_document" ("id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "dossier_code" text NOT NULL, "component_index" integer NOT NULL, "component_name" text NOT NULL, "file_name" text NOT NULL, "media_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "storage_key" text NOT NULL, "uploaded_by" text NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_dossier_document" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_dossier_document_dossier_component" ON "dossier_document"  ("dossier_id", "component_index") `,
    );
    await queryRunner.query(
      `CREATE TABLE "completeness_check" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "outcome" text NOT NULL, "number" text, "form_set" text NOT NULL, "form_number" text NOT NULL, "procedure_code" text NOT NULL, "procedure_name" text NOT NULL, "agency_code" text NOT NULL, "applicant_name" text, "presented" jsonb NOT NULL, "missing" jsonb NOT NULL, "refusal_reason" text, "checked_by" text NOT NULL, "checked_by_name" text NOT NULL, "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_completeness_check" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_completeness_check_agency_checked_at" ON "completeness_check"  ("agency_code", "checked_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_completeness_check_number" ON "completeness_check"  ("number") WHERE number IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "form_number_sequence" ("agency_code" text NOT NULL, "year" integer NOT NULL, "form_kind" text NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "pk_form_number_sequence" PRIMARY KEY ("agency_code", "year", "form_kind"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "form_number_sequence"`);
    await queryRunner.query(`DROP INDEX "public"."ux_completeness_check_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_completeness_check_agency_checked_at"`);
    await queryRunner.query(`DROP TABLE "completeness_check"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dossier_document_dossier_component"`);
    await queryRunner.query(`DROP TABLE "dossier_document"`);
  }
}
