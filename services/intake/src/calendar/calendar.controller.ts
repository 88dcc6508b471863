import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import { CalendarYear } from './calendar-year.entity';
import { CalendarYearRepository } from './calendar-year.repository';
import { ReplaceYearScheduleUseCase } from './replace-year-schedule.use-case';

export class YearScheduleDto {
  /** Local dates (`YYYY-MM-DD`) of that year not worked: holidays, substitute days off. */
  @IsArray() @ArrayMaxSize(366) @IsString({ each: true }) daysOff!: string[];
  /** Weekend dates of that year worked (làm bù). */
  @IsArray() @ArrayMaxSize(366) @IsString({ each: true }) extraWorkingDays!: string[];
}

const view = (row: CalendarYear) => ({
  year: row.year,
  daysOff: row.daysOff,
  extraWorkingDays: row.extraWorkingDays,
  updatedAt: row.updatedAt.toISOString(),
  updatedBy: row.updatedBy,
});

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) {
    throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
      { field: 'year', rule: 'matches', message: 'Năm phải gồm 4 chữ số, ví dụ 2027' },
    ]);
  }
  return Number(text);
}

/** The working calendar as data: each year's days off and make-up working days (administrators only). */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('v1/calendar/years')
export class CalendarController {
  constructor(
    private readonly years: CalendarYearRepository,
    private readonly replace: ReplaceYearScheduleUseCase,
    private readonly db: DataSource,
  ) {}

  @Get()
  @Roles('ADMIN')
  async list() {
    return (await this.years.listYears(this.db.manager)).map(view);
  }

  @Get(':year')
  @Roles('ADMIN')
  async get(@Param('year') year: string) {
    const row = await this.years.findYear(this.db.manager, parseYear(year));
    if (!row) throw new DomainError('INTAKE.CALENDAR_YEAR_NOT_FOUND', 'NOT_FOUND', `Chưa có lịch làm việc của năm ${year}`);
    return view(row);
  }

  /** Replaces the year's schedule (dates of that year; no date both off and worked). */
  @Put(':year')
  @Roles('ADMIN')
  async put(@Param('year') year: string, @Body() body: YearScheduleDto, @CurrentUser() admin: AuthUser) {
    const row = await this.replace.execute({ schedule: { year: parseYear(year), ...body }, adminSub: admin.sub });
    return view(row);
  }
}
