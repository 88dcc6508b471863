import { IsArray, IsInt, IsISO8601, Matches, Max, Min } from 'class-validator';

export const CALENDAR_YEAR_SCHEDULE_REPLACED = 'calendar.year-schedule-replaced';

/**
 * An administrator replaced one year's schedule of days off and make-up working days (the working
 * calendar every legal clock counts on). The whole schedule of the year, not a diff: consumers store it
 * and ignore a replacement older (by `replacedAt`) than the one they hold. Published by intake.
 */
export class CalendarYearScheduleReplacedV1 {
  @IsInt() @Min(1900) @Max(9999) year!: number;
  /** Local dates (`YYYY-MM-DD`) of that year not worked: holidays and substitute days off. */
  @IsArray() @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true }) daysOff!: string[];
  /** Weekend dates (`YYYY-MM-DD`) of that year worked (làm bù). */
  @IsArray() @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true }) extraWorkingDays!: string[];
  @IsISO8601({ strict: true }) replacedAt!: string;
}
