import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A result the post may not carry is told to intake once (`delivery_request.held_at_counter_at`); copies of
 * the paper that went down parallel branches (`paper_dossier.copy_holders`) each come back, so a transfer is
 * one per dossier, purpose, origin and destination (`ux_paper_transfer_leg`).
 */
export class HeldResultsAndPaperCopies1795720000000 implements MigrationInterface {
  name = 'HeldResultsAndPaperCopies1795720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "delivery_request" ADD "held_at_counter_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "paper_dossier" ADD "copy_holders" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`DROP INDEX "public"."ux_paper_transfer_destination"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_paper_transfer_leg" ON "paper_transfer" ("dossier_code", "purpose", "from_agency_code", "to_agency_code") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_paper_transfer_leg"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_paper_transfer_destination" ON "paper_transfer" ("dossier_code", "purpose", "to_agency_code") `,
    );
    await queryRunner.query(`ALTER TABLE "paper_dossier" DROP COLUMN "copy_holders"`);
    await queryRunner.query(`ALTER TABLE "delivery_request" DROP COLUMN "held_at_counter_at"`);
  }
}
