import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A year's schedule of days off and make-up working days as an administrator replaced it in intake
 * (`calendar.year-schedule-replaced`). Overrides the built-in schedule of that year in the legal clock.
 */
@Entity({ name: 'calendar_year_schedule' })
export class CalendarYearSchedule {
  @PrimaryColumn({ name: 'year', type: 'integer', primaryKeyConstraintName: 'pk_calendar_year_schedule' }) year!: number;
  /** Local dates (`YYYY-MM-DD`) not worked. */
  @Column({ name: 'days_off', type: 'jsonb' }) daysOff!: string[];
  /** Weekend dates worked (làm bù). */
  @Column({ name: 'extra_working_days', type: 'jsonb' }) extraWorkingDays!: string[];
  /** When intake replaced it; an older replacement arriving late is ignored. */
  @Column({ name: 'replaced_at', type: 'timestamptz' }) replacedAt!: Date;
}
