import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795600678354 implements MigrationInterface {
  name = 'Initial1795600678354';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "delivery_order_event" ("id" BIGSERIAL NOT NULL, "order_id" uuid NOT NULL, "carrier_event_id" text NOT NULL, "carrier_status" smallint NOT NULL, "label" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "note" text, CONSTRAINT "pk_delivery_order_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_delivery_order_event_order" ON "delivery_order_event"  ("order_id", "occurred_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_delivery_order_event_carrier_event" ON "delivery_order_event"  ("carrier_event_id") `);
    await queryRunner.query(
      `CREATE TABLE "delivery_order" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dossier_code" text NOT NULL, "kind" text NOT NULL, "carrier" text NOT NULL, "serial" BIGSERIAL NOT NULL, "tracking_number" text, "carrier_order_id" text, "state" text NOT NULL, "last_carrier_status" smallint, "recipient_name" text NOT NULL, "submit_attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_delivery_order" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_delivery_order_pending" ON "delivery_order"  ("next_attempt_at") WHERE state = 'PENDING'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_delivery_order_tracking_number" ON "delivery_order"  ("tracking_number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_delivery_order_dossier_kind" ON "delivery_order"  ("dossier_code", "kind") `);
    await queryRunner.query(
      `CREATE TABLE "delivery_request" ("dossier_code" text NOT NULL, "procedure_name" text NOT NULL, "receiving_agency_code" text NOT NULL, "result_delivery" text NOT NULL, "recipient_name" text, "recipient_phone" text, "address_line" text, "commune_code" text, "district_code" text, "province_code" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_delivery_request" PRIMARY KEY ("dossier_code"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "delivery_request"`);
    await queryRunner.query(`DROP INDEX "public"."ux_delivery_order_dossier_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ux_delivery_order_tracking_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_delivery_order_pending"`);
    await queryRunner.query(`DROP TABLE "delivery_order"`);
    await queryRunner.query(`DROP INDEX "public"."ux_delivery_order_event_carrier_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_delivery_order_event_order"`);
    await queryRunner.query(`DROP TABLE "delivery_order_event"`);
  }
}
