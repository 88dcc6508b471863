import { MigrationInterface, QueryRunner } from 'typeorm';

export class CitizenEventsReceiptsDigests1795606323062 implements MigrationInterface {
  name = 'CitizenEventsReceiptsDigests1795606323062';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "digest_run" ("agency_code" text NOT NULL, "digest_date" date NOT NULL, "recipients" integer NOT NULL, "alerts" integer NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_digest_run" PRIMARY KEY ("agency_code", "digest_date"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "staff_alert" ("id" uuid NOT NULL, "kind" text NOT NULL, "dossier_code" text NOT NULL, "step_id" text NOT NULL, "step_name" text NOT NULL, "agency_code" text NOT NULL, "role" text, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "digest_date" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_staff_alert_step_kind_due" UNIQUE ("step_id", "kind", "due_at"), CONSTRAINT "pk_staff_alert" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_staff_alert_digest" ON "staff_alert"  ("digest_date", "agency_code") `);
    await queryRunner.query(`ALTER TABLE "message" ADD "delivery_status" text`);
    await queryRunner.query(`ALTER TABLE "message" ADD "delivery_detail" text`);
    await queryRunner.query(`ALTER TABLE "message" ADD "delivery_reported_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "message" ADD "receipts" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "supplement_requested_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "supplement_reason" text`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "supplement_items" text`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "refused_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "refusal_reason" text`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "returned_to_centre_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "extended_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "extension_reason" text`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "new_appointment_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "stopped_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "stop_reason" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dossier_recipient" DROP COLUMN "stop_reason"`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" DROP COLUMN "stopped_at"`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" DROP COLUMN "new_appointment_at"`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" DROP COLUMN "extension_reason"`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" DROP COLUMN "extended_at"`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" DROP COLUMN "returned_to_centre_at"`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" DROP COLUMN "refusal_reason"`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" DROP COLUMN "refused_at"`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" DROP COLUMN "supplement_items"`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" DROP COLUMN "supplement_reason"`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" DROP COLUMN "supplement_requested_at"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "receipts"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "delivery_reported_at"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "delivery_detail"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "delivery_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_alert_digest"`);
    await queryRunner.query(`DROP TABLE "staff_alert"`);
    await queryRunner.query(`DROP TABLE "digest_run"`);
  }
}
