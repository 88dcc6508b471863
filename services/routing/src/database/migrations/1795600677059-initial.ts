import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795600677059 implements MigrationInterface {
  name = 'Initial1795600677059';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "instance_id" uuid NOT NULL, "dossier_code" text NOT NULL, "step_key" text NOT NULL, "name" text NOT NULL, "agency_code" text NOT NULL, "role" text NOT NULL, "status" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, "completed_by" text, "outcome" text, "version" integer NOT NULL, CONSTRAINT "pk_task" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_task_instance_step" ON "task"  ("instance_id", "step_key") `);
    await queryRunner.query(`CREATE INDEX "ix_task_agency_status" ON "task"  ("agency_code", "status", "due_at") `);
    await queryRunner.query(
      `CREATE TABLE "workflow_instance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dossier_code" text NOT NULL, "procedure_code" text NOT NULL, "procedure_name" text NOT NULL, "competent_agency_code" text NOT NULL, "status" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "timeliness" text, "result_summary" text, CONSTRAINT "pk_workflow_instance" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_workflow_instance_dossier_code" ON "workflow_instance"  ("dossier_code") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_workflow_instance_dossier_code"`);
    await queryRunner.query(`DROP TABLE "workflow_instance"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_agency_status"`);
    await queryRunner.query(`DROP INDEX "public"."ux_task_instance_step"`);
    await queryRunner.query(`DROP TABLE "task"`);
  }
}
