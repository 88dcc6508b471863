import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One local day (Asia/Ho_Chi_Minh) of the legal clock, for working time in SQL (see working-time.sql.ts): its office
 * periods and the working time of the days before it. Filled from the clock by `WorkingDaysTable`, never by hand.
 */
@Entity({ name: 'working_day' })
export class WorkingDay {
  /** The local date as days since 1970-01-01. */
  @PrimaryColumn({ name: 'day', type: 'integer', primaryKeyConstraintName: 'pk_working_day' }) day!: number;
  /** Up to three office periods, minutes after local midnight (`s1`–`e1`…); none on a day off. */
  @Column({ name: 's1', type: 'integer', nullable: true }) s1!: number | null;
  @Column({ name: 'e1', type: 'integer', nullable: true }) e1!: number | null;
  @Column({ name: 's2', type: 'integer', nullable: true }) s2!: number | null;
  @Column({ name: 'e2', type: 'integer', nullable: true }) e2!: number | null;
  @Column({ name: 's3', type: 'integer', nullable: true }) s3!: number | null;
  @Column({ name: 'e3', type: 'integer', nullable: true }) e3!: number | null;
  /** Working milliseconds from the table's first day to this day's midnight (bigint: a string from the driver). */
  @Column({ name: 'cum_before_ms', type: 'bigint' }) cumBeforeMs!: string;
}
