import { MigrationInterface, QueryRunner } from 'typeorm';

export class PickupOrders1795604282880 implements MigrationInterface {
  name = 'PickupOrders1795604282880';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pickup_request" ("order_id" uuid NOT NULL, "channel" text NOT NULL, "procedure_code" text NOT NULL, "procedure_name" text NOT NULL, "applicant_name" text NOT NULL, "applicant_phone" text NOT NULL, "address_line" text NOT NULL, "commune_code" text NOT NULL, "district_code" text, "province_code" text NOT NULL, "window_from" TIMESTAMP WITH TIME ZONE NOT NULL, "window_to" TIMESTAMP WITH TIME ZONE NOT NULL, "note" text, "requested_by" text NOT NULL, "postal_receipt_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_pickup_request" PRIMARY KEY ("order_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "pickup_request"`);
  }
}
