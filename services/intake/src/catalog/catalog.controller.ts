import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsISO8601, IsOptional, IsString, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { Public } from '@motcua/auth';
import { CatalogRepository } from './catalog.repository';
import { ComputeAppointmentUseCase } from './compute-appointment.use-case';

export class AppointmentQuery {
  /**
   * The instant of receipt, ISO 8601 with an offset or Z (`2026-11-23T09:00:00+07:00`). A `+` sent
   * unencoded arrives as a space; it is read back as `+`.
   */
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/ (\d{2}(:?\d{2})?)$/, '+$1') : value))
  @IsDefined()
  @IsString()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/, {
    message: 'receivedAt phải là thời điểm ISO 8601 có múi giờ (Z hoặc +07:00)',
  })
  receivedAt!: string;

  /** The receiving agency (`LLL.LL.LL.XNN`) whose office hours apply; default: the province's office hours. */
  @IsOptional()
  @IsString()
  @Matches(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/, { message: 'agencyCode phải có dạng mã định danh LLL.LL.LL.XNN' })
  agencyCode?: string;
}

@ApiTags('procedures')
@Controller('v1/procedures')
export class CatalogController {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly appointments: ComputeAppointmentUseCase,
    private readonly db: DataSource,
  ) {}

  /** The published procedure catalog (guidance: what to submit, how long it takes). */
  @Public()
  @Get()
  list() {
    return this.catalog.listProcedures(this.db.manager);
  }

  /** The appointment (hẹn trả) the legal clock gives for this procedure received at `receivedAt`. */
  @Public()
  @Get(':code/appointment')
  appointment(@Param('code') code: string, @Query() query: AppointmentQuery) {
    return this.appointments.execute(code, new Date(query.receivedAt), query.agencyCode);
  }
}
