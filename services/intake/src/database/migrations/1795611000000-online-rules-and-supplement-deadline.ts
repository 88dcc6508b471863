import { MigrationInterface, QueryRunner } from 'typeorm';

/** Applicant residence, originals at return (online level PARTIAL), the supplement deadline, online request keys. */
export class OnlineRulesAndSupplementDeadline1795611000000 implements MigrationInterface {
  name = 'OnlineRulesAndSupplementDeadline1795611000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dossier" ADD "applicant_residence" jsonb`);
    await queryRunner.query(`ALTER TABLE "dossier" ADD "originals_required_at_return" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "dossier" ADD "supplement_deadline_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE TABLE "online_request" ("idempotency_key" text NOT NULL, "dossier_id" uuid NOT NULL, "action" text NOT NULL, "request_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_online_request" PRIMARY KEY ("idempotency_key"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "online_request"`);
    await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "supplement_deadline_at"`);
    await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "originals_required_at_return"`);
    await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "applicant_residence"`);
  }
}
