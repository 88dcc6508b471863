import { MigrationInterface, QueryRunner } from 'typeorm';

/** Integrator keys (online channel), who received a dossier, its completeness check and components, the pre-fill. */
export class ReceptionChannels1795609251848 implements MigrationInterface {
  name = 'ReceptionChannels1795609251848';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "integrator_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prefix" text NOT NULL, "key_hash" text NOT NULL, "integrator" text NOT NULL, "name" text NOT NULL, "allowed_agency_codes" jsonb NOT NULL, "allowed_procedure_codes" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by" text NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" text, CONSTRAINT "pk_integrator_key" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_integrator_key_prefix" ON "integrator_key"  ("prefix") `);
    await queryRunner.query(`ALTER TABLE "dossier" ADD "received_by_name" text`);
    await queryRunner.query(`ALTER TABLE "dossier" ADD "received_by_role" text`);
    await queryRunner.query(`ALTER TABLE "dossier" ADD "integrator_code" text`);
    await queryRunner.query(`ALTER TABLE "dossier" ADD "integrator_key_id" uuid`);
    await queryRunner.query(`ALTER TABLE "dossier" ADD "completeness_check_id" uuid`);
    await queryRunner.query(`ALTER TABLE "dossier" ADD "received_components" jsonb`);
    await queryRunner.query(`ALTER TABLE "dossier" ADD "prefilled_fields" jsonb`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_dossier_completeness_check" ON "dossier"  ("completeness_check_id") WHERE completeness_check_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_dossier_completeness_check"`);
    await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "prefilled_fields"`);
    await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "received_components"`);
    await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "completeness_check_id"`);
    await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "integrator_key_id"`);
    await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "integrator_code"`);
    await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "received_by_role"`);
    await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "received_by_name"`);
    await queryRunner.query(`DROP INDEX "public"."ux_integrator_key_prefix"`);
    await queryRunner.query(`DROP TABLE "integrator_key"`);
  }
}
