import { MigrationInterface, QueryRunner } from 'typeorm';

export class AfterReceptionAndPortalSync1795605032597 implements MigrationInterface {
  name = 'AfterReceptionAndPortalSync1795605032597';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dossier_supplement" ("id" BIGSERIAL NOT NULL, "dossier_id" uuid NOT NULL, "step_id" text NOT NULL, "supplement_number" integer NOT NULL, "agency_code" text NOT NULL, "requested_by" text NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "items" jsonb NOT NULL, "appointment_before" TIMESTAMP WITH TIME ZONE NOT NULL, "appointment_after" TIMESTAMP WITH TIME ZONE, "received_at" TIMESTAMP WITH TIME ZONE, "received_by" text, "note" text, CONSTRAINT "pk_dossier_supplement" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_dossier_supplement_request" ON "dossier_supplement"  ("dossier_id", "step_id", "supplement_number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "dossier_evaluation" ("dossier_id" uuid NOT NULL, "level" text NOT NULL, "comment" text, "evaluated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_dossier_evaluation" PRIMARY KEY ("dossier_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "portal_sync" ("id" BIGSERIAL NOT NULL, "dossier_code" text NOT NULL, "service" text NOT NULL, "is_updating" boolean NOT NULL, "payload" jsonb NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_portal_sync" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_portal_sync_pending" ON "portal_sync"  ("next_attempt_at") WHERE sent_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "dossier" ADD "returned_to" jsonb`);
    await queryRunner.query(`ALTER TABLE "dossier" ADD "closed_reason" text`);
    await queryRunner.query(`ALTER TABLE "dossier" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "closed_at"`);
    await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "closed_reason"`);
    await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "returned_to"`);
    await queryRunner.query(`DROP INDEX "public"."ix_portal_sync_pending"`);
    await queryRunner.query(`DROP TABLE "portal_sync"`);
    await queryRunner.query(`DROP TABLE "dossier_evaluation"`);
    await queryRunner.query(`DROP INDEX "public"."ux_dossier_supplement_request"`);
    await queryRunner.query(`DROP TABLE "dossier_supplement"`);
  }
}
