import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { localDate } from '@motcua/calendar';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import { groupByAgency } from './digest.view';
import { StaffAlertRepository } from './staff-alert.repository';

@ApiTags('staff digests')
@ApiBearerAuth()
@Controller('v1/digests')
export class DigestController {
  constructor(
    private readonly alerts: StaffAlertRepository,
    private readonly db: DataSource,
  ) {}

  /** The digest of a local date (default today): a SUPERVISOR sees their agency, an ADMIN every agency. */
  @Get()
  @Roles('SUPERVISOR')
  async get(@Query('date') date: string | undefined, @CurrentUser() user: AuthUser) {
    const day = date ?? localDate(new Date());
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(day) ||
      Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ||
      new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day
    ) {
      throw new DomainError('NOTIFICATION.DIGEST_DATE_INVALID', 'INVALID', 'Ngày không hợp lệ', [
        { field: 'date', rule: 'isDate', message: 'Ngày phải có dạng YYYY-MM-DD' },
      ]);
    }
    const admin = user.roles.includes('ADMIN');
    const alerts = await this.alerts.listForDigest(this.db.manager, day, admin ? undefined : user.agencyCode);
    const runs = await this.alerts.runsOf(this.db.manager, day);
    return { date: day, agencies: groupByAgency(alerts, runs) };
  }
}
