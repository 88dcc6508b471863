import { MigrationInterface, QueryRunner } from 'typeorm';

/** Paper dossiers (where each is) and their transfers between agencies (carrier orders of kind TRANSFER). */
export class PaperTransfers1795710000000 implements MigrationInterface {
  name = 'PaperTransfers1795710000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "paper_dossier" ("dossier_code" text NOT NULL, "centre_code" text NOT NULL, "channel" text NOT NULL, "procedure_code" text, "procedure_name" text NOT NULL, "location_code" text NOT NULL, "previous_location_code" text, "location_since" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_paper_dossier" PRIMARY KEY ("dossier_code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "paper_transfer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dossier_code" text NOT NULL, "purpose" text NOT NULL, "order_id" uuid NOT NULL, "step_id" text, "step_name" text, "from_agency_code" text NOT NULL, "to_agency_code" text NOT NULL, "centre_code" text NOT NULL, "handed_over_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_paper_transfer" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_paper_transfer_to" ON "paper_transfer" ("to_agency_code", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_paper_transfer_from" ON "paper_transfer" ("from_agency_code", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_paper_transfer_order" ON "paper_transfer" ("order_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_paper_transfer_destination" ON "paper_transfer" ("dossier_code", "purpose", "to_agency_code") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_paper_transfer_destination"`);
    await queryRunner.query(`DROP INDEX "public"."ux_paper_transfer_order"`);
    await queryRunner.query(`DROP INDEX "public"."ix_paper_transfer_from"`);
    await queryRunner.query(`DROP INDEX "public"."ix_paper_transfer_to"`);
    await queryRunner.query(`DROP TABLE "paper_transfer"`);
    await queryRunner.query(`DROP TABLE "paper_dossier"`);
  }
}
