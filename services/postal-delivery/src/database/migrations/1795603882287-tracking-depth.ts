import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackingDepth1795603882287 implements MigrationInterface {
  name = 'TrackingDepth1795603882287';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "carrier_poll_state" ("carrier" text NOT NULL, "watermark" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_carrier_poll_state" PRIMARY KEY ("carrier"))`,
    );
    await queryRunner.query(`ALTER TABLE "delivery_order" ADD "centre_code" text`);
    await queryRunner.query(`ALTER TABLE "delivery_order" ADD "last_event_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "delivery_order" ADD "failed_attempts" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "delivery_order" ADD "last_failure_reason" text`);
    await queryRunner.query(`ALTER TABLE "delivery_order" ADD "returned_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "ix_delivery_order_centre_created" ON "delivery_order"  ("centre_code", "created_at") `);
    // orders opened before this migration: their centre is the dossier's receiving agency
    await queryRunner.query(
      `UPDATE "delivery_order" o SET "centre_code" = r."receiving_agency_code" FROM "delivery_request" r WHERE r."dossier_code" = o."dossier_code"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_delivery_order_centre_created"`);
    await queryRunner.query(`ALTER TABLE "delivery_order" DROP COLUMN "returned_at"`);
    await queryRunner.query(`ALTER TABLE "delivery_order" DROP COLUMN "last_failure_reason"`);
    await queryRunner.query(`ALTER TABLE "delivery_order" DROP COLUMN "failed_attempts"`);
    await queryRunner.query(`ALTER TABLE "delivery_order" DROP COLUMN "last_event_at"`);
    await queryRunner.query(`ALTER TABLE "delivery_order" DROP COLUMN "centre_code"`);
    await queryRunner.query(`DROP TABLE "carrier_poll_state"`);
  }
}
