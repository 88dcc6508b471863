import { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the outbox and inbox tables (`OutboxMessageEntity`, `InboxMessageEntity`). */
export class MessagingTables1764000000000 implements MigrationInterface {
  name = 'MessagingTables1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "outbox_message" (
        "seq" BIGSERIAL NOT NULL,
        "id" uuid NOT NULL,
        "type" text NOT NULL,
        "payload" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        CONSTRAINT "pk_outbox_message" PRIMARY KEY ("seq"),
        CONSTRAINT "uq_outbox_message_id" UNIQUE ("id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "inbox_message" (
        "consumer" text NOT NULL,
        "message_id" uuid NOT NULL,
        "message_type" text NOT NULL,
        "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_inbox_message" PRIMARY KEY ("consumer", "message_id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_inbox_message_processed_at" ON "inbox_message" ("processed_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_inbox_message_processed_at"`);
    await queryRunner.query(`DROP TABLE "inbox_message"`);
    await queryRunner.query(`DROP TABLE "outbox_message"`);
  }
}
