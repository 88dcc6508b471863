import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { AggregatesQuery } from './aggregates.query';
import { Aggregates, AggregatesUseCase } from './aggregates.use-case';

/** II.06a counters per day / month / quarter / year, rolled up along the agency tree. */
@ApiTags('aggregates')
@ApiBearerAuth()
@Controller('v1/aggregates')
export class AggregatesController {
  constructor(private readonly aggregates: AggregatesUseCase) {}

  /** A supervisor sees their agency and the agencies under it; ADMIN any. */
  @Get()
  @Roles('SUPERVISOR')
  get(@Query() query: AggregatesQuery, @CurrentUser() user: AuthUser): Promise<Aggregates> {
    return this.aggregates.execute(query, user);
  }
}
