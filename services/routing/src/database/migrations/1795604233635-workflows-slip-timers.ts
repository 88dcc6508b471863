import { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkflowsSlipTimers1795604233635 implements MigrationInterface {
  name = 'WorkflowsSlipTimers1795604233635';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_task_instance_step"`);
    await queryRunner.query(
      `CREATE TABLE "control_slip_entry" ("id" BIGSERIAL NOT NULL, "instance_id" uuid NOT NULL, "dossier_code" text NOT NULL, "kind" text NOT NULL, "handed_over_at" TIMESTAMP WITH TIME ZONE NOT NULL, "giver_id" text NOT NULL, "giver_name" text NOT NULL, "giver_agency_code" text NOT NULL, "from_step_key" text, "from_step_name" text, "outcome" text, "receiver_agency_code" text NOT NULL, "receiver_role" text, "to_step_key" text, "to_step_name" text, "receiver_id" text, "receiver_name" text, "note" text, CONSTRAINT "pk_control_slip_entry" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_control_slip_entry_dossier" ON "control_slip_entry"  ("dossier_code", "id") `);
    await queryRunner.query(
      `CREATE TABLE "step_timer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "dossier_code" text NOT NULL, "kind" text NOT NULL, "fire_at" TIMESTAMP WITH TIME ZONE NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE, "outcome" text, CONSTRAINT "pk_step_timer" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_step_timer_task_kind_fire_at" ON "step_timer"  ("task_id", "kind", "fire_at") `);
    await queryRunner.query(`CREATE INDEX "ix_step_timer_pending" ON "step_timer"  ("fire_at") WHERE "fired_at" IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "workflow_definition" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "procedure_code" text NOT NULL, "version" integer NOT NULL, "name" text NOT NULL, "steps" jsonb NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_workflow_definition" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_workflow_definition_procedure_version" ON "workflow_definition"  ("procedure_code", "version") `,
    );
    await queryRunner.query(`ALTER TABLE "task" ADD "attempt" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "task" ADD "current" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "task" ADD "completed_by_name" text`);
    await queryRunner.query(`ALTER TABLE "task" ADD "note" text`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" ADD "receiving_agency_code" text`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" ADD "definition_id" uuid`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" ADD "definition_version" integer`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" ADD "paused_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" ADD "paused_working_minutes" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" ADD "supplement_count" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" ADD "counts_as_late" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" ADD "refusal_reason" text`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_task_current_step" ON "task"  ("instance_id", "step_key") WHERE "current"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_task_instance_step_attempt" ON "task"  ("instance_id", "step_key", "attempt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_task_instance_step_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."ux_task_current_step"`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" DROP COLUMN "refusal_reason"`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" DROP COLUMN "counts_as_late"`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" DROP COLUMN "supplement_count"`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" DROP COLUMN "paused_working_minutes"`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" DROP COLUMN "paused_at"`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" DROP COLUMN "definition_version"`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" DROP COLUMN "definition_id"`);
    await queryRunner.query(`ALTER TABLE "workflow_instance" DROP COLUMN "receiving_agency_code"`);
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "note"`);
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "completed_by_name"`);
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "current"`);
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "attempt"`);
    await queryRunner.query(`DROP INDEX "public"."ux_workflow_definition_procedure_version"`);
    await queryRunner.query(`DROP TABLE "workflow_definition"`);
    await queryRunner.query(`DROP INDEX "public"."ix_step_timer_pending"`);
    await queryRunner.query(`DROP INDEX "public"."ux_step_timer_task_kind_fire_at"`);
    await queryRunner.query(`DROP TABLE "step_timer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_control_slip_entry_dossier"`);
    await queryRunner.query(`DROP TABLE "control_slip_entry"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_task_instance_step" ON "task" USING btree ("instance_id", "step_key") `);
  }
}
