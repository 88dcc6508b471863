import { MigrationInterface, QueryRunner } from 'typeorm';

/** Result documents, reuse of a citizen's digitized documents (linked, not copied), dossiers by applicant ID number. */
export class DigitizedDocumentReuse1795610000000 implements MigrationInterface {
  name = 'DigitizedDocumentReuse1795610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dossier_document" ADD "kind" text NOT NULL DEFAULT 'COMPONENT'`);
    await queryRunner.query(`ALTER TABLE "dossier_document" ADD "reused_from_document_id" uuid`);
    await queryRunner.query(`ALTER TABLE "dossier_document" ALTER COLUMN "component_index" DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_dossier_applicant_id_number" ON "dossier" ("applicant_id_number") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_dossier_document_reuse" ON "dossier_document" ("dossier_id", "component_index", "reused_from_document_id") WHERE reused_from_document_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_dossier_document_reuse"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dossier_applicant_id_number"`);
    await queryRunner.query(`DELETE FROM "dossier_document" WHERE "component_index" IS NULL`);
    await queryRunner.query(`ALTER TABLE "dossier_document" ALTER COLUMN "component_index" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "dossier_document" DROP COLUMN "reused_from_document_id"`);
    await queryRunner.query(`ALTER TABLE "dossier_document" DROP COLUMN "kind"`);
  }
}
