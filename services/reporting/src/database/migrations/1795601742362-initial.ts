import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795601742362 implements MigrationInterface {
  name = 'Initial1795601742362';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "event_log" ("id" uuid NOT NULL, "type" text NOT NULL, "version" integer NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "source" text NOT NULL, "correlation_id" text, "causation_id" text, "payload" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_event_log" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_event_log_correlation_id" ON "event_log"  ("correlation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_event_log_occurred_at_id" ON "event_log"  ("occurred_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "dossier_fact" ("dossier_code" text NOT NULL, "procedure_code" text, "receiving_agency_code" text, "competent_agency_code" text, "channel" text, "result_delivery" text, "received_at" TIMESTAMP WITH TIME ZONE, "appointment_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "timeliness" text, "resolving_agency_code" text, "returned_at" TIMESTAMP WITH TIME ZONE, "postal_delivered_at" TIMESTAMP WITH TIME ZONE, "messages_sent" integer NOT NULL DEFAULT '0', CONSTRAINT "pk_dossier_fact" PRIMARY KEY ("dossier_code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_dossier_fact_competent_agency_resolved_at" ON "dossier_fact"  ("competent_agency_code", "resolved_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_dossier_fact_receiving_agency_received_at" ON "dossier_fact"  ("receiving_agency_code", "received_at") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_dossier_fact_receiving_agency_received_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dossier_fact_competent_agency_resolved_at"`);
    await queryRunner.query(`DROP TABLE "dossier_fact"`);
    await queryRunner.query(`DROP INDEX "public"."ix_event_log_occurred_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_event_log_correlation_id"`);
    await queryRunner.query(`DROP TABLE "event_log"`);
  }
}
