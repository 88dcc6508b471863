import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One year's published schedule of days off and make-up working days (lịch nghỉ lễ, làm bù), as data an
 * administrator can replace. The legal clock of every appointment is built from these rows.
 */
@Entity({ name: 'calendar_year' })
export class CalendarYear {
  @PrimaryColumn({ name: 'year', type: 'integer', primaryKeyConstraintName: 'pk_calendar_year' }) year!: number;
  /** Local dates (`YYYY-MM-DD`) not worked: holidays and substitute days off. */
  @Column({ name: 'days_off', type: 'jsonb' }) daysOff!: string[];
  /** Weekend dates worked (làm bù). */
  @Column({ name: 'extra_working_days', type: 'jsonb' }) extraWorkingDays!: string[];
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  /** Who last replaced the schedule (`built-in` for the shipped schedules). */
  @Column({ name: 'updated_by', type: 'text' }) updatedBy!: string;
}
