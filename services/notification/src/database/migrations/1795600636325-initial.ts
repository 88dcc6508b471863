import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795600636325 implements MigrationInterface {
  name = 'Initial1795600636325';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "message" ("id" uuid NOT NULL, "dossier_code" text NOT NULL, "template" text NOT NULL, "channel" text NOT NULL, "recipient" text NOT NULL, "text" text NOT NULL, "status" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_error" text, "gateway_message_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "failed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_message_dossier_template_channel_recipient" UNIQUE ("dossier_code", "template", "channel", "recipient"), CONSTRAINT "pk_message" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_message_pending_due" ON "message"  ("next_attempt_at") WHERE status = 'PENDING'`);
    await queryRunner.query(
      `CREATE TABLE "dossier_recipient" ("dossier_code" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE, "applicant_name" text, "phone" text, "procedure_name" text, "appointment_at" TIMESTAMP WITH TIME ZONE, "result_delivery" text, "receiving_agency_code" text, "competent_agency_code" text, "resolved_at" TIMESTAMP WITH TIME ZONE, "delivered_by_post_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_dossier_recipient" PRIMARY KEY ("dossier_code"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dossier_recipient"`);
    await queryRunner.query(`DROP INDEX "public"."ix_message_pending_due"`);
    await queryRunner.query(`DROP TABLE "message"`);
  }
}
