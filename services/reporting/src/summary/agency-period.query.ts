import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN } from '@motcua/contracts';
import { AuthUser } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import { localPeriod } from './local-period';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An agency and a period of local dates (Asia/Ho_Chi_Minh), both days included. */
export class AgencyPeriodQuery {
  @ApiPropertyOptional({ example: '000.21.01.H56', description: 'Mã cơ quan (mặc định: cơ quan của người dùng)' })
  @IsOptional()
  @Matches(AGENCY_CODE_PATTERN, { message: 'agency phải có dạng LLL.LL.LL.XNN' })
  agency?: string;

  @ApiProperty({ example: '2026-01-01', description: 'Ngày đầu kỳ (YYYY-MM-DD, giờ Việt Nam), tính cả ngày này' })
  @Matches(LOCAL_DATE, { message: 'from phải là ngày dạng YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-01-31', description: 'Ngày cuối kỳ (YYYY-MM-DD, giờ Việt Nam), tính cả ngày này' })
  @Matches(LOCAL_DATE, { message: 'to phải là ngày dạng YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({
    example: '2026-03-04T17:00:00+07:00',
    description: 'Số liệu tại thời điểm (ISO 8601): chỉ tính các sự kiện xảy ra trước hoặc đúng thời điểm này',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf phải là thời điểm ISO 8601' })
  asOf?: string;
}

export interface AgencyPeriod {
  agencyCode: string;
  from: string;
  to: string;
  /** [start, end) instants of the local dates. */
  start: Date;
  end: Date;
  /** The instant "in progress within deadline / overdue" is judged at: min(end of period, now, `asOf`). */
  asOf: Date;
  /** An "as of" query: only the events that occurred at or before this instant count. */
  eventsUntil?: Date;
}

/**
 * Resolves the agency the caller may see (their own by default; another one only as ADMIN) and the
 * period's instants; 400 naming the field for an impossible date, 403 for another agency.
 */
export function scopeAgencyPeriod(query: AgencyPeriodQuery, user: AuthUser, now = new Date()): AgencyPeriod {
  const agencyCode = query.agency ?? user.agencyCode;
  if (!user.roles.includes('ADMIN') && user.agencyCode !== agencyCode) {
    throw new DomainError('REPORTING.AGENCY_FORBIDDEN', 'FORBIDDEN', 'Không có quyền xem số liệu của cơ quan khác');
  }
  const { start, end } = localPeriod(query.from, query.to);
  const eventsUntil = query.asOf === undefined ? undefined : new Date(query.asOf);
  const asOf = new Date(Math.min(end.getTime(), now.getTime(), eventsUntil?.getTime() ?? Infinity));
  return { agencyCode, from: query.from, to: query.to, start, end, asOf, ...(eventsUntil ? { eventsUntil } : {}) };
}
