import { MigrationInterface, QueryRunner } from 'typeorm';

export class AssignmentExtensionsReminders1795606069018 implements MigrationInterface {
  name = 'AssignmentExtensionsReminders1795606069018';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "processing_extension" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "instance_id" uuid NOT NULL, "dossier_code" text NOT NULL, "task_id" uuid NOT NULL, "step_name" text NOT NULL, "agency_code" text NOT NULL, "requested_by" text NOT NULL, "requested_by_name" text NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "previous_appointment_at" TIMESTAMP WITH TIME ZONE NOT NULL, "new_appointment_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, CONSTRAINT "pk_processing_extension" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_processing_extension_dossier" ON "processing_extension"  ("dossier_code", "requested_at") `);
    await queryRunner.query(`ALTER TABLE "task" ADD "assignee_id" text`);
    await queryRunner.query(`ALTER TABLE "task" ADD "assignee_name" text`);
    await queryRunner.query(`ALTER TABLE "task" ADD "assigned_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "task" ADD "assigned_by" text`);
    await queryRunner.query(`ALTER TABLE "task" ADD "escalated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "step_timer" ADD "due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" ADD "stop_reason" text`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" ADD "applicant_name" text`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" ADD "extension_count" integer NOT NULL DEFAULT '0'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "workflow_instance" DROP COLUMN "extension_count"`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" DROP COLUMN "applicant_name"`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" DROP COLUMN "stop_reason"`);
    await queryRunner.query(`ALTER TABLE "step_timer" DROP COLUMN "due_at"`);
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "escalated_at"`);
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "assigned_by"`);
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "assigned_at"`);
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "assignee_name"`);
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "assignee_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_processing_extension_dossier"`);
    await queryRunner.query(`DROP TABLE "processing_extension"`);
  }
}
