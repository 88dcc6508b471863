import { MigrationInterface, QueryRunner } from 'typeorm';

export class PostalTransferLegs1795612800000 implements MigrationInterface {
  name = 'PostalTransferLegs1795612800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "control_slip_entry" ADD "transfer_id" text`);
    await queryRunner.query(`ALTER TABLE "control_slip_entry" ADD "tracking_number" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_control_slip_entry_transfer" ON "control_slip_entry" ("transfer_id", "kind") WHERE "transfer_id" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_control_slip_entry_transfer"`);
    await queryRunner.query(`ALTER TABLE "control_slip_entry" DROP COLUMN "tracking_number"`);
    await queryRunner.query(`ALTER TABLE "control_slip_entry" DROP COLUMN "transfer_id"`);
  }
}
