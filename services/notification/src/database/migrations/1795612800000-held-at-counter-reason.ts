import { MigrationInterface, QueryRunner } from 'typeorm';

/** Why a result is held at the counter when it does not go by post (`postal.delivery.cancelled`). */
export class HeldAtCounterReason1795612800000 implements MigrationInterface {
  name = 'HeldAtCounterReason1795612800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "held_at_counter_reason" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dossier_recipient" DROP COLUMN "held_at_counter_reason"`);
  }
}
