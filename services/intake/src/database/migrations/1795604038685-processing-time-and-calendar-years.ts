import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agencies may have their own office hours; procedures get a processing time `{ value, unit }` instead of a number of working days (existing rows
 * keep their days as WORKING_DAYS); year schedules of the legal clock become data (`calendar_year`,
 * filled with the built-in years at start).
 */
export class ProcessingTimeAndCalendarYears1795604038685 implements MigrationInterface {
  name = 'ProcessingTimeAndCalendarYears1795604038685';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agency" ADD "office_hours" text`);
    await queryRunner.query(`ALTER TABLE "procedure" ADD "processing_time" jsonb`);
    await queryRunner.query(
      `UPDATE "procedure" SET "processing_time" = jsonb_build_object('value', "processing_days"::double precision, 'unit', 'WORKING_DAYS')`,
    );
    await queryRunner.query(`ALTER TABLE "procedure" ALTER COLUMN "processing_time" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "procedure" DROP COLUMN "processing_days"`);
    await queryRunner.query(
      `CREATE TABLE "calendar_year" ("year" integer NOT NULL, "days_off" jsonb NOT NULL, "extra_working_days" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" text NOT NULL, CONSTRAINT "pk_calendar_year" PRIMARY KEY ("year"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_year"`);
    await queryRunner.query(`ALTER TABLE "procedure" ADD "processing_days" numeric(6,2)`);
    // working hours become fractions of an 8-hour day; "within the day" becomes 1 day
    await queryRunner.query(
      `UPDATE "procedure" SET "processing_days" = CASE "processing_time"->>'unit'
         WHEN 'WORKING_HOURS' THEN round(("processing_time"->>'value')::numeric / 8, 2)
         WHEN 'WITHIN_DAY' THEN 1
         ELSE ("processing_time"->>'value')::numeric END`,
    );
    await queryRunner.query(`ALTER TABLE "procedure" ALTER COLUMN "processing_days" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "procedure" DROP COLUMN "processing_time"`);
    await queryRunner.query(`ALTER TABLE "agency" DROP COLUMN "office_hours"`);
  }
}
