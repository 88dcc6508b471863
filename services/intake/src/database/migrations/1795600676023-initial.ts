import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795600676023 implements MigrationInterface {
  name = 'Initial1795600676023';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agency" ("code" text NOT NULL, "name" text NOT NULL, "level" text NOT NULL, "parent_code" text, "province_code" text NOT NULL, CONSTRAINT "pk_agency" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_agency_parent_code" ON "agency"  ("parent_code") `);
    await queryRunner.query(
      `CREATE TABLE "procedure" ("code" text NOT NULL, "name" text NOT NULL, "field_code" text NOT NULL, "field_name" text NOT NULL, "competent_agency_code" text NOT NULL, "processing_days" numeric(6,2) NOT NULL, "post_allowed" boolean NOT NULL DEFAULT true, "components" jsonb NOT NULL DEFAULT '[]'::jsonb, CONSTRAINT "pk_procedure" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "dossier_code_sequence" ("agency_code" text NOT NULL, "local_date" date NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "pk_dossier_code_sequence" PRIMARY KEY ("agency_code", "local_date"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "dossier" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "procedure_code" text NOT NULL, "procedure_name" text NOT NULL, "receiving_agency_code" text NOT NULL, "competent_agency_code" text NOT NULL, "channel" text NOT NULL, "status" text NOT NULL, "national_status" smallint NOT NULL, "applicant_name" text NOT NULL, "applicant_id_number" text NOT NULL, "applicant_phone" text, "applicant_email" text, "result_delivery" text NOT NULL, "delivery_address" jsonb, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "appointment_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "returned_at" TIMESTAMP WITH TIME ZONE, "lookup_secret_hash" text NOT NULL, "received_by" text NOT NULL, "idempotency_key" text, "request_hash" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_dossier" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_dossier_receiving_agency_received_at" ON "dossier"  ("receiving_agency_code", "received_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_dossier_idempotency_key" ON "dossier"  ("idempotency_key") WHERE idempotency_key IS NOT NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_dossier_code" ON "dossier"  ("code") `);
    await queryRunner.query(
      `CREATE TABLE "dossier_timeline" ("id" BIGSERIAL NOT NULL, "dossier_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "national_status" smallint NOT NULL, "description" text NOT NULL, CONSTRAINT "pk_dossier_timeline" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_dossier_timeline_dossier_id" ON "dossier_timeline"  ("dossier_id", "occurred_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_dossier_timeline_dossier_id"`);
    await queryRunner.query(`DROP TABLE "dossier_timeline"`);
    await queryRunner.query(`DROP INDEX "public"."ux_dossier_code"`);
    await queryRunner.query(`DROP INDEX "public"."ux_dossier_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dossier_receiving_agency_received_at"`);
    await queryRunner.query(`DROP TABLE "dossier"`);
    await queryRunner.query(`DROP TABLE "dossier_code_sequence"`);
    await queryRunner.query(`DROP TABLE "procedure"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agency_parent_code"`);
    await queryRunner.query(`DROP TABLE "agency"`);
  }
}
