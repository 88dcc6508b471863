import { MigrationInterface, QueryRunner } from 'typeorm';

export class TemplatesChannelsPreferences1795604282350 implements MigrationInterface {
  name = 'TemplatesChannelsPreferences1795604282350';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "phone_preference" ("phone" text NOT NULL, "opted_out" boolean NOT NULL DEFAULT false, "channels" text array, "email" text, "updated_by" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_phone_preference" PRIMARY KEY ("phone"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "template" ("id" uuid NOT NULL, "key" text NOT NULL, "channel" text NOT NULL, "version" integer NOT NULL, "subject" text, "body" text NOT NULL, "zns_template_id" text, "urgent" boolean NOT NULL DEFAULT false, "created_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_template_key_channel_version" UNIQUE ("key", "channel", "version"), CONSTRAINT "pk_template" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "message" ADD "template_key" text`);
    await queryRunner.query(`ALTER TABLE "message" ADD "template_version" integer`);
    await queryRunner.query(`ALTER TABLE "message" ADD "subject" text`);
    await queryRunner.query(`ALTER TABLE "message" ADD "params" jsonb`);
    await queryRunner.query(`ALTER TABLE "message" ADD "zns_template_id" text`);
    await queryRunner.query(`ALTER TABLE "message" ADD "encoding" text`);
    await queryRunner.query(`ALTER TABLE "message" ADD "segments" integer`);
    await queryRunner.query(`ALTER TABLE "message" ADD "urgent" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "message" ADD "fallback_of" uuid`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "email" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dossier_recipient" DROP COLUMN "email"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "fallback_of"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "urgent"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "segments"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "encoding"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "zns_template_id"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "params"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "subject"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "template_version"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "template_key"`);
    await queryRunner.query(`DROP TABLE "template"`);
    await queryRunner.query(`DROP TABLE "phone_preference"`);
  }
}
