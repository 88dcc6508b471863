import { MigrationInterface, QueryRunner } from 'typeorm';

export class PoolAndProof1795605101639 implements MigrationInterface {
  name = 'PoolAndProof1795605101639';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "delivery_proof" ("order_id" uuid NOT NULL, "recipient_name" text NOT NULL, "id_number" text NOT NULL, "kind" text NOT NULL, "content_type" text NOT NULL, "image" bytea NOT NULL, "image_sha256" text NOT NULL, "delivered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_delivery_proof" PRIMARY KEY ("order_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "tracking_range" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prefix" text NOT NULL, "serial_from" integer NOT NULL, "serial_to" integer NOT NULL, "next_serial" integer NOT NULL, "loaded_by" text NOT NULL, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_tracking_range" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_tracking_range_open" ON "tracking_range"  ("loaded_at") WHERE next_serial <= serial_to`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_tracking_range_open"`);
    await queryRunner.query(`DROP TABLE "tracking_range"`);
    await queryRunner.query(`DROP TABLE "delivery_proof"`);
  }
}
