import { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarYearSchedules1795606928432 implements MigrationInterface {
  name = 'CalendarYearSchedules1795606928432';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_year_schedule" ("year" integer NOT NULL, "days_off" jsonb NOT NULL, "extra_working_days" jsonb NOT NULL, "replaced_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_calendar_year_schedule" PRIMARY KEY ("year"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_year_schedule"`);
  }
}
