import { MigrationInterface, QueryRunner } from 'typeorm';

export class SupplementDeadlinesConditions1795609182864 implements MigrationInterface {
  name = 'SupplementDeadlinesConditions1795609182864';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "workflow_instance" ADD "facts" jsonb`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" ADD "supplement_due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" ADD "stop_reason_code" text`);
    await queryRunner.query(`CREATE INDEX "ix_control_slip_entry_instance_step" ON "control_slip_entry" ("instance_id", "to_step_key") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_control_slip_entry_instance_step"`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" DROP COLUMN "stop_reason_code"`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" DROP COLUMN "supplement_due_at"`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" DROP COLUMN "facts"`);
  }
}
