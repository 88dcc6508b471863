import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { DomainError } from '@motcua/platform';
import { stateLabel } from '../documents/documents';
import { CancelOrderUseCase } from './cancel-order.use-case';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class CancelOrderDto {
  @ApiProperty({ example: 'Người dân tự nộp hồ sơ tại quầy', description: 'Lý do hủy' }) @IsString() @Length(3, 300) reason!: string;
}

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders')
export class CancelController {
  constructor(private readonly cancelOrder: CancelOrderUseCase) {}

  /** Cancels a pickup before collection or a result delivery before it goes out; the carrier is asked first. */
  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SUPERVISOR', 'INTEGRATOR')
  async cancel(@Param('id') id: string, @Body() body: CancelOrderDto, @CurrentUser() user: AuthUser) {
    if (!UUID.test(id)) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'id', rule: 'isUuid', message: 'id phải là mã đơn hàng (UUID)' },
      ]);
    }
    const order = await this.cancelOrder.execute(id, body.reason, user);
    return {
      orderId: order.id,
      kind: order.kind,
      trackingNumber: order.trackingNumber,
      state: order.state,
      stateLabel: stateLabel(order.state),
      cancelledAt: order.lastEventAt ? toLocalIso(order.lastEventAt) : null,
    };
  }
}
