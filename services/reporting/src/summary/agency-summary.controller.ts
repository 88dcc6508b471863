import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { AGENCY_CODE_PATTERN } from '@motcua/contracts';
import { DomainError } from '@motcua/platform';
import { managerOf } from '@motcua/messaging';
import { AggregateCountsRepository } from '../aggregates/aggregate-counts.repository';
import { sumIi06a } from '../forms/build-ii06a-form.use-case';
import { AgencySummaryQuery } from './agency-summary.query';
import { localPeriod } from './local-period';

@ApiTags('summary')
@ApiBearerAuth()
@Controller('v1/agencies')
export class AgencySummaryController {
  constructor(
    private readonly counts: AggregateCountsRepository,
    private readonly db: DataSource,
  ) {}

  /**
   * Statistics of one agency over a period of local dates: intake counted by receiving agency (the một cửa that took
   * the dossiers in), resolution and in-progress counts as form II.06a counts them for the dossiers the agency itself
   * is competent for (its own, not rolled up); from the pre-aggregated counts; see README.
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
    const m = managerOf(this.db);
    const flows = await this.counts.flowsByField(m, [agencyCode], start, end);
    const c = sumIi06a(await this.counts.ii06aByField(m, [agencyCode], start, end, asOf, flows));
    const denominator = c.resolved.total + c.inProgress.total;
    const onTime = c.resolved.early + c.resolved.onTime + c.inProgress.withinDeadline;
    return {
      agencyCode,
      from: query.from,
      to: query.to,
      received: flows.reduce((n, f) => n + f.within.intake, 0),
      resolved: c.resolved.total,
      resolvedEarly: c.resolved.early,
      resolvedOnTime: c.resolved.onTime,
      resolvedLate: c.resolved.late,
      inProgress: c.inProgress.total,
      onTimeRate: denominator === 0 ? null : Math.round((onTime / denominator) * 10_000) / 10_000,
    };
  }
}
