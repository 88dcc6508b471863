import { MigrationInterface, QueryRunner } from 'typeorm';

export class ManualAttempts1795606096211 implements MigrationInterface {
  name = 'ManualAttempts1795606096211';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "delivery_order_event" ADD "source" text NOT NULL DEFAULT 'CARRIER'`);
    await queryRunner.query(`ALTER TABLE "delivery_order_event" ADD "recorded_by" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "delivery_order_event" DROP COLUMN "recorded_by"`);
    await queryRunner.query(`ALTER TABLE "delivery_order_event" DROP COLUMN "source"`);
  }
}
