import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attempt notices (once per attempt), the procedure catalog (component lists and fees), what a pickup
 * collected at the door, the postage tariff (loaded with EXAMPLE values) and COD made of fees and postage.
 */
export class PickupsCatalogTariff1795700000000 implements MigrationInterface {
  name = 'PickupsCatalogTariff1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "order_notice" ("order_id" uuid NOT NULL, "kind" text NOT NULL, "attempt" integer NOT NULL, "published" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_order_notice" PRIMARY KEY ("order_id", "kind", "attempt"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "procedure_version" ("procedure_code" text NOT NULL, "version" integer NOT NULL, "name" text NOT NULL, "effective_from" date NOT NULL, "effective_to" date, "components" jsonb NOT NULL, "fees" jsonb NOT NULL, "post_may_carry_dossier" boolean NOT NULL, "post_may_carry_result" boolean NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_procedure_version" PRIMARY KEY ("procedure_code", "version"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_procedure_version_code_from" ON "procedure_version" ("procedure_code", "effective_from") `);
    await queryRunner.query(
      `CREATE TABLE "postage_tariff_band" ("zone" text NOT NULL, "max_weight_grams" integer NOT NULL, "postage_vnd" integer NOT NULL, "updated_by" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_postage_tariff_band" PRIMARY KEY ("zone", "max_weight_grams"))`,
    );
    // EXAMPLE VALUES (not VNPost's prices), the same as EXAMPLE_POSTAGE_TARIFF: an ADMIN replaces them
    await queryRunner.query(
      `INSERT INTO "postage_tariff_band" ("zone", "max_weight_grams", "postage_vnd", "updated_by") VALUES
        ('SAME_COMMUNE', 250, 15000, 'migration'), ('SAME_COMMUNE', 500, 18000, 'migration'), ('SAME_COMMUNE', 2000, 25000, 'migration'),
        ('SAME_PROVINCE', 250, 20000, 'migration'), ('SAME_PROVINCE', 500, 24000, 'migration'), ('SAME_PROVINCE', 2000, 32000, 'migration'),
        ('OTHER_PROVINCE', 250, 28000, 'migration'), ('OTHER_PROVINCE', 500, 34000, 'migration'), ('OTHER_PROVINCE', 2000, 48000, 'migration')`,
    );
    await queryRunner.query(`ALTER TABLE "pickup_request" ADD "collected_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "pickup_request" ADD "collected_by" text`);
    await queryRunner.query(`ALTER TABLE "pickup_request" ADD "procedure_version" integer`);
    await queryRunner.query(`ALTER TABLE "pickup_request" ADD "collected_components" jsonb`);
    await queryRunner.query(`ALTER TABLE "pickup_request" ADD "fees_expected" integer`);
    await queryRunner.query(`ALTER TABLE "pickup_request" ADD "fees_collected" integer`);
    await queryRunner.query(`ALTER TABLE "pickup_request" ADD "seal_number" text`);
    await queryRunner.query(`ALTER TABLE "pickup_request" ADD "collection_note" text`);
    await queryRunner.query(`ALTER TABLE "procedure_postal_config" ADD "postage_from_tariff" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "procedure_postal_config" ADD "fees_on_delivery" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "procedure_postal_config" ADD "postage_on_delivery" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "delivery_order" ADD "cod_fees" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "delivery_order" ADD "cod_postage" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "delivery_order" ADD "postage_zone" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "delivery_order" DROP COLUMN "postage_zone"`);
    await queryRunner.query(`ALTER TABLE "delivery_order" DROP COLUMN "cod_postage"`);
    await queryRunner.query(`ALTER TABLE "delivery_order" DROP COLUMN "cod_fees"`);
    await queryRunner.query(`ALTER TABLE "procedure_postal_config" DROP COLUMN "postage_on_delivery"`);
    await queryRunner.query(`ALTER TABLE "procedure_postal_config" DROP COLUMN "fees_on_delivery"`);
    await queryRunner.query(`ALTER TABLE "procedure_postal_config" DROP COLUMN "postage_from_tariff"`);
    for (const column of [
      'collection_note',
      'seal_number',
      'fees_collected',
      'fees_expected',
      'collected_components',
      'procedure_version',
      'collected_by',
      'collected_at',
    ]) {
      await queryRunner.query(`ALTER TABLE "pickup_request" DROP COLUMN "${column}"`);
    }
    await queryRunner.query(`DROP TABLE "postage_tariff_band"`);
    await queryRunner.query(`DROP INDEX "public"."ix_procedure_version_code_from"`);
    await queryRunner.query(`DROP TABLE "procedure_version"`);
    await queryRunner.query(`DROP TABLE "order_notice"`);
  }
}
