import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportingAggregates1795605033755 implements MigrationInterface {
  name = 'ReportingAggregates1795605033755';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reporting_agency" ("code" text NOT NULL, "parent_code" text, "level" text NOT NULL, "name" text NOT NULL, CONSTRAINT "pk_reporting_agency" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_reporting_agency_parent_code" ON "reporting_agency"  ("parent_code") `);
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "supplement_requests" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "refused_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "postal_returned_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "extensions" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "stopped_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "withdrawn_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "evaluation_level" text`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "evaluated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "messages_failed_sending" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "messages_failed_delivery" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `CREATE INDEX "ix_dossier_fact_competent_agency_returned_at" ON "dossier_fact"  ("competent_agency_code", "returned_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_dossier_fact_competent_agency_postal_order" ON "dossier_fact"  ("competent_agency_code", "postal_order_created_at") `,
    );
    // reference data: the intake demo catalog's agency tree (reporting keeps its own copy)
    await queryRunner.query(
      `INSERT INTO "reporting_agency" ("code", "parent_code", "level", "name") VALUES
         ('000.00.00.H56', NULL, 'PROVINCE', 'Ủy ban nhân dân tỉnh Thanh Hóa'),
         ('000.00.06.H56', '000.00.00.H56', 'CENTER', 'Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa'),
         ('000.00.10.H56', '000.00.00.H56', 'DEPARTMENT', 'Sở Tư pháp tỉnh Thanh Hóa'),
         ('000.00.14.H56', '000.00.00.H56', 'DEPARTMENT', 'Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa'),
         ('000.00.20.H56', '000.00.00.H56', 'DEPARTMENT', 'Công an tỉnh Thanh Hóa'),
         ('000.21.01.H56', '000.00.00.H56', 'COMMUNE', 'Ủy ban nhân dân phường Hạc Thành'),
         ('000.21.02.H56', '000.00.00.H56', 'COMMUNE', 'Ủy ban nhân dân xã Đông Sơn')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_dossier_fact_competent_agency_postal_order"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dossier_fact_competent_agency_returned_at"`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" DROP COLUMN "messages_failed_delivery"`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" DROP COLUMN "messages_failed_sending"`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" DROP COLUMN "evaluated_at"`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" DROP COLUMN "evaluation_level"`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" DROP COLUMN "withdrawn_at"`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" DROP COLUMN "stopped_at"`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" DROP COLUMN "extensions"`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" DROP COLUMN "postal_returned_at"`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" DROP COLUMN "refused_at"`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" DROP COLUMN "supplement_requests"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reporting_agency_parent_code"`);
    await queryRunner.query(`DROP TABLE "reporting_agency"`);
  }
}
