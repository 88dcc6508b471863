import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { PopulationDataUnavailableFilter } from './population-data';
import { PopulationDataService } from './population-data.service';
import { prefillFrom } from './prefill';

export class PrefillQuery {
  @ApiPropertyOptional({ description: 'the procedure being received (stated as the purpose of the lookup)' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  procedureCode?: string;
}

/** "Citizen doesn't write": what the counter's form is pre-filled with, from the population database. */
@ApiTags('citizens')
@ApiBearerAuth()
@Controller('v1/citizens')
@UseFilters(PopulationDataUnavailableFilter)
export class CitizensController {
  constructor(private readonly population: PopulationDataService) {}

  @Get(':idNumber/prefill')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK')
  async prefill(@Param('idNumber') idNumber: string, @Query() query: PrefillQuery, @CurrentUser() clerk: AuthUser) {
    return prefillFrom(await this.population.find(idNumber, clerk, query.procedureCode, 'idNumber'));
  }
}
