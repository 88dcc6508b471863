import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages keyed by occasion (`message_key`), not by (dossier, purpose): each supplement request,
 * extension and delivery attempt gets its own message; pickup messages (no dossier code, `pickup_id`).
 * Repeatable facts move from `dossier_recipient` columns to `dossier_notice` rows; the ones already
 * recorded become the occurrence `legacy`, and their messages get the matching key.
 */
export class MessageKeysDossierNotices1795609190765 implements MigrationInterface {
  name = 'MessageKeysDossierNotices1795609190765';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dossier_notice" ("dossier_code" text NOT NULL, "kind" text NOT NULL, "occurrence" text NOT NULL, "template_key" text NOT NULL, "values" jsonb NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_dossier_notice" PRIMARY KEY ("dossier_code", "kind", "occurrence"))`,
    );
    const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    await queryRunner.query(
      `INSERT INTO "dossier_notice" ("dossier_code", "kind", "occurrence", "template_key", "values", "occurred_at")
       SELECT "dossier_code", 'SUPPLEMENT_REQUESTED', 'legacy', 'SUPPLEMENT_REQUESTED',
         jsonb_build_object('reason', COALESCE("supplement_reason", ''), 'items', COALESCE(NULLIF("supplement_items", ''), "supplement_reason", ''),
           'requestedAt', ${iso('"supplement_requested_at"')}),
         "supplement_requested_at"
       FROM "dossier_recipient" WHERE "supplement_requested_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `INSERT INTO "dossier_notice" ("dossier_code", "kind", "occurrence", "template_key", "values", "occurred_at")
       SELECT "dossier_code", 'EXTENDED', 'legacy', 'EXTENDED',
         jsonb_build_object('reason', COALESCE("extension_reason", ''), 'newAppointment', ${iso('"new_appointment_at"')}),
         "extended_at"
       FROM "dossier_recipient" WHERE "extended_at" IS NOT NULL AND "new_appointment_at" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "message" ADD "pickup_id" text`);
    await queryRunner.query(`ALTER TABLE "message" ADD "pickup_centre_code" text`);
    await queryRunner.query(`ALTER TABLE "message" ADD "message_key" text`);
    await queryRunner.query(
      `UPDATE "message" SET "message_key" = "dossier_code" || '/' || "template" ||
         CASE WHEN "template" IN ('SUPPLEMENT_REQUESTED', 'EXTENDED') THEN '/legacy' ELSE '' END`,
    );
    await queryRunner.query(`ALTER TABLE "message" ALTER COLUMN "message_key" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "message" ALTER COLUMN "dossier_code" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "message" DROP CONSTRAINT "uq_message_dossier_template_channel_recipient"`);
    await queryRunner.query(
      `ALTER TABLE "message" ADD CONSTRAINT "uq_message_key_channel_recipient" UNIQUE ("message_key", "channel", "recipient")`,
    );
    for (const col of [
      'supplement_requested_at',
      'supplement_reason',
      'supplement_items',
      'extended_at',
      'extension_reason',
      'new_appointment_at',
    ]) {
      await queryRunner.query(`ALTER TABLE "dossier_recipient" DROP COLUMN "${col}"`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "supplement_requested_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "supplement_reason" text`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "supplement_items" text`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "extended_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "extension_reason" text`);
    await queryRunner.query(`ALTER TABLE "dossier_recipient" ADD "new_appointment_at" TIMESTAMP WITH TIME ZONE`);
    // the first occurrence of each kind goes back to the columns; later ones and pickup messages are lost
    await queryRunner.query(
      `UPDATE "dossier_recipient" r SET "supplement_requested_at" = n."occurred_at", "supplement_reason" = n."values"->>'reason',
         "supplement_items" = n."values"->>'items'
       FROM (SELECT DISTINCT ON ("dossier_code") * FROM "dossier_notice" WHERE "kind" = 'SUPPLEMENT_REQUESTED' ORDER BY "dossier_code", "occurred_at") n
       WHERE n."dossier_code" = r."dossier_code"`,
    );
    await queryRunner.query(
      `UPDATE "dossier_recipient" r SET "extended_at" = n."occurred_at", "extension_reason" = n."values"->>'reason',
         "new_appointment_at" = (n."values"->>'newAppointment')::timestamptz
       FROM (SELECT DISTINCT ON ("dossier_code") * FROM "dossier_notice" WHERE "kind" = 'EXTENDED' ORDER BY "dossier_code", "occurred_at") n
       WHERE n."dossier_code" = r."dossier_code"`,
    );
    await queryRunner.query(`ALTER TABLE "message" DROP CONSTRAINT "uq_message_key_channel_recipient"`);
    await queryRunner.query(`DELETE FROM "message" WHERE "dossier_code" IS NULL`);
    await queryRunner.query(
      `DELETE FROM "message" m USING "message" k WHERE m."dossier_code" = k."dossier_code" AND m."template" = k."template"
         AND m."channel" = k."channel" AND m."recipient" = k."recipient" AND m."created_at" > k."created_at"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message" ADD CONSTRAINT "uq_message_dossier_template_channel_recipient" UNIQUE ("dossier_code", "template", "channel", "recipient")`,
    );
    await queryRunner.query(`ALTER TABLE "message" ALTER COLUMN "dossier_code" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "message_key"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "pickup_centre_code"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "pickup_id"`);
    await queryRunner.query(`DROP TABLE "dossier_notice"`);
  }
}
