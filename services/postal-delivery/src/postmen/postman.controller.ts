import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { localDate, toLocalIso } from '@motcua/calendar';
import { DomainError } from '@motcua/platform';
import { stateLabel } from '../documents/documents';
import { RecordAttemptDto } from './attempt.dto';
import { RecordAttemptUseCase } from './record-attempt.use-case';
import { WorklistQuery } from './worklist';

const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;

export class WorklistQueryDto {
  @ApiPropertyOptional({ example: '2026-11-25', description: 'Ngày (YYYY-MM-DD, giờ Việt Nam); mặc định hôm nay' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: 'date phải là ngày dạng YYYY-MM-DD' })
  date?: string;
}

/** Start of a local (Asia/Ho_Chi_Minh) day, or a field error when the date does not exist. */
export function localDayStart(date: string): number {
  const start = Date.parse(`${date}T00:00:00+07:00`);
  if (!Number.isFinite(start) || new Date(start + 7 * 3_600_000).toISOString().slice(0, 10) !== date) {
    throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
      { field: 'date', rule: 'isDate', message: 'date không phải là ngày có thật' },
    ]);
  }
  return start;
}

/** The postman's day (worklist) and attempts recorded by hand when working without the carrier app. */
@ApiTags('postmen')
@ApiBearerAuth()
@Controller('v1')
export class PostmanController {
  constructor(
    private readonly worklist: WorklistQuery,
    private readonly recordAttempt: RecordAttemptUseCase,
  ) {}

  /** Pickups and deliveries of the postman's centre for a local day, in round order (commune, then time window). */
  @Get('postmen/me/worklist')
  @Roles('POSTMAN')
  async mine(@Query() query: WorklistQueryDto, @CurrentUser() user: AuthUser) {
    const date = query.date ?? localDate(new Date());
    const start = localDayStart(date);
    const items = await this.worklist.forCentre(user.agencyCode, new Date(start), new Date(start + DAY_MS));
    return {
      centre: user.agencyCode,
      date,
      pickups: items.filter((i) => i.task === 'PICKUP').length,
      deliveries: items.filter((i) => i.task === 'DELIVERY').length,
      items,
    };
  }

  /** Records a delivery (or pickup) attempt by hand: DELIVERED, or FAILED with a reason from the fixed list. */
  @Post('orders/:id/attempts')
  @Roles('POSTMAN')
  async attempt(@Param('id') id: string, @Body() body: RecordAttemptDto, @CurrentUser() user: AuthUser) {
    if (!UUID.test(id)) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'id', rule: 'isUuid', message: 'id phải là mã đơn hàng (UUID)' },
      ]);
    }
    const { order, result } = await this.recordAttempt.execute(id, body, user);
    return {
      orderId: order.id,
      trackingNumber: order.trackingNumber,
      source: 'MANUAL',
      applied: result === 'applied',
      state: order.state,
      stateLabel: stateLabel(order.state),
      failedAttempts: order.failedAttempts,
      lastFailureReason: order.lastFailureReason,
      deliveredAt: order.deliveredAt ? toLocalIso(order.deliveredAt) : null,
    };
  }
}
