import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportingFacts1795603861983 implements MigrationInterface {
  name = 'ReportingFacts1795603861983';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "procedure_field" ("procedure_code" text NOT NULL, "field_code" text NOT NULL, "field_name" text NOT NULL, CONSTRAINT "pk_procedure_field" PRIMARY KEY ("procedure_code"))`,
    );
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "return_method" text`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "postal_order_created_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "ix_dossier_fact_competent_agency_received_at" ON "dossier_fact"  ("competent_agency_code", "received_at") `,
    );
    // reference data: the fields of the demo catalog's procedures (reporting keeps its own copy)
    await queryRunner.query(
      `INSERT INTO "procedure_field" ("procedure_code", "field_code", "field_name") VALUES
         ('1.001193', 'HOTICH', 'Hộ tịch'), ('2.000635', 'HOTICH', 'Hộ tịch'), ('1.000894', 'HOTICH', 'Hộ tịch'),
         ('2.000908', 'CHUNGTHUC', 'Chứng thực')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_dossier_fact_competent_agency_received_at"`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" DROP COLUMN "postal_order_created_at"`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" DROP COLUMN "return_method"`);
    await queryRunner.query(`DROP TABLE "procedure_field"`);
  }
}
