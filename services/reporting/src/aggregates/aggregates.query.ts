import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { AgencyPeriodQuery } from '../summary/agency-period.query';
import { Granularity, GRANULARITIES } from './buckets';

/** An agency (its subtree), a period of local dates, a granularity and optionally an "as of" instant. */
export class AggregatesQuery extends AgencyPeriodQuery {
  @ApiProperty({ enum: GRANULARITIES, example: 'month', description: 'Độ chi tiết: ngày, tháng, quý, năm' })
  @IsIn(GRANULARITIES, { message: 'granularity phải là day, month, quarter hoặc year' })
  granularity!: Granularity;
}
