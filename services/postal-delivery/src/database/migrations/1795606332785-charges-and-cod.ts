import { MigrationInterface, QueryRunner } from 'typeorm';

export class ChargesAndCod1795606332785 implements MigrationInterface {
  name = 'ChargesAndCod1795606332785';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "procedure_postal_config" ("procedure_code" text NOT NULL, "postage" integer NOT NULL DEFAULT '0', "cod_amount" integer NOT NULL DEFAULT '0', "paper_transfer" boolean NOT NULL DEFAULT false, "updated_by" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_procedure_postal_config" PRIMARY KEY ("procedure_code"))`,
    );
    await queryRunner.query(`ALTER TABLE "delivery_order" ADD "postage" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "delivery_order" ADD "cod_amount" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "delivery_order" ADD "cod_paid_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "delivery_order" ADD "cod_paid_amount" integer`);
    await queryRunner.query(`ALTER TABLE "delivery_request" ADD "procedure_code" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "delivery_request" DROP COLUMN "procedure_code"`);
    await queryRunner.query(`ALTER TABLE "delivery_order" DROP COLUMN "cod_paid_amount"`);
    await queryRunner.query(`ALTER TABLE "delivery_order" DROP COLUMN "cod_paid_at"`);
    await queryRunner.query(`ALTER TABLE "delivery_order" DROP COLUMN "cod_amount"`);
    await queryRunner.query(`ALTER TABLE "delivery_order" DROP COLUMN "postage"`);
    await queryRunner.query(`DROP TABLE "procedure_postal_config"`);
  }
}
