import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { AGENCY_CODE_PATTERN } from '@motcua/contracts';
import { DomainError } from '@motcua/platform';
import { DossierFactRepository } from '../facts/dossier-fact.repository';
import { AgencySummaryQuery } from './agency-summary.query';
import { localPeriod } from './local-period';

@ApiTags('summary')
@ApiBearerAuth()
@Controller('v1/agencies')
export class AgencySummaryController {
  constructor(
    private readonly facts: DossierFactRepository,
    private readonly db: DataSource,
  ) {}

  /**
   * Statistics of one agency over a period of local dates (form II.06a shape): intake counted by
   * receiving agency, resolution and in-progress counts by competent agency; see README.
   * A supervisor sees their own agency only; ADMIN sees every agency.
   */
  @Get(':agencyCode/summary')
  @Roles('SUPERVISOR')
  async summary(@Param('agencyCode') agencyCode: string, @Query() query: AgencySummaryQuery, @CurrentUser() user: AuthUser) {
    if (!AGENCY_CODE_PATTERN.test(agencyCode)) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'agencyCode', rule: 'matches', message: 'agencyCode phải có dạng LLL.LL.LL.XNN' },
      ]);
    }
    if (!user.roles.includes('ADMIN') && user.agencyCode !== agencyCode) {
      throw new DomainError('REPORTING.AGENCY_FORBIDDEN', 'FORBIDDEN', 'Không có quyền xem số liệu của cơ quan khác');
    }
    const { start, end } = localPeriod(query.from, query.to);
    const asOf = new Date(Math.min(end.getTime(), Date.now()));
    const c = await this.facts.agencySummary(this.db.manager, agencyCode, start, end, asOf);
    const denominator = c.resolved + c.inProgress;
    const onTime = c.resolvedEarly + c.resolvedOnTime + c.inProgressWithinDeadline;
    return {
      agencyCode,
      from: query.from,
      to: query.to,
      received: c.received,
      resolved: c.resolved,
      resolvedEarly: c.resolvedEarly,
      resolvedOnTime: c.resolvedOnTime,
      resolvedLate: c.resolvedLate,
      inProgress: c.inProgress,
      onTimeRate: denominator === 0 ? null : Math.round((onTime / denominator) * 10_000) / 10_000,
    };
  }
}
