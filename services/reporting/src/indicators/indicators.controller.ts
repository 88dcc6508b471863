import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { AgencyPeriodQuery, scopeAgencyPeriod } from '../summary/agency-period.query';
import { ComputeIndicatorsUseCase, Indicators } from './compute-indicators.use-case';
import { ComputeIndex766UseCase, Index766 } from './compute-index-766.use-case';
import { ListLostPointsUseCase, LostPointsPage } from './list-lost-points.use-case';
import { Index766Query, LostPointsQuery } from './lost-points.query';

/** Dashboard indicators and the Decision 766 index. A supervisor sees their own agency; ADMIN any (`agency`). */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('v1')
export class IndicatorsController {
  constructor(
    private readonly indicators: ComputeIndicatorsUseCase,
    private readonly index766: ComputeIndex766UseCase,
    private readonly lostPoints: ListLostPointsUseCase,
  ) {}

  @Get('indicators')
  @Roles('SUPERVISOR')
  get(@Query() query: AgencyPeriodQuery, @CurrentUser() user: AuthUser): Promise<Indicators> {
    return this.indicators.execute(scopeAgencyPeriod(query, user));
  }

  @Get('index-766')
  @Roles('SUPERVISOR')
  getIndex766(@Query() query: Index766Query, @CurrentUser() user: AuthUser): Promise<Index766> {
    return this.index766.execute(scopeAgencyPeriod(query, user), query.dossiers ?? 0);
  }

  /** Every dossier that lost points for a reason, a page at a time (`nextCursor` → `after`). */
  @Get('index-766/lost-points')
  @Roles('SUPERVISOR')
  getLostPoints(@Query() query: LostPointsQuery, @CurrentUser() user: AuthUser): Promise<LostPointsPage> {
    return this.lostPoints.execute(scopeAgencyPeriod(query, user), query.reason, query.after, query.limit);
  }
}
