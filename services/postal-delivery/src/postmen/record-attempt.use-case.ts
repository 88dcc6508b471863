import { randomUUID } from 'crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@motcua/auth';
import { DomainError, FieldProblem } from '@motcua/platform';
import { ApplyCarrierUpdateUseCase, ApplyResult } from '../orders/apply-carrier-update.use-case';
import { DeliveryOrder } from '../orders/delivery-order.entity';
import { OrderRepository } from '../orders/order.repository';
import { FAILURE_REASONS, RecordAttemptDto } from './attempt.dto';
import { managerOf } from '@motcua/messaging';

/** The carrier status a manual attempt stands for: a delivery (14 / 15) or a pickup (6 collected / 5 failed). */
const STATUS = {
  RESULT_DELIVERY: { DELIVERED: 14, FAILED: 15 },
  PICKUP: { DELIVERED: 6, FAILED: 5 },
} as const;
const CLOCK_SKEW_MS = 5 * 60_000;

const invalid = (problems: FieldProblem[]) => new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', problems);

/**
 * An attempt recorded by the centre's postman when working without the carrier app. It goes through
 * the same path as a carrier update (`ApplyCarrierUpdateUseCase`), marked MANUAL: it joins the timeline,
 * counts as a failed attempt with its reason, and moves the order only forward (a failure recorded
 * after a delivery changes nothing); a delivery publishes `postal.delivery.delivered` as usual.
 */
@Injectable()
export class RecordAttemptUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    private readonly apply: ApplyCarrierUpdateUseCase,
  ) {}

  async execute(
    orderId: string,
    body: RecordAttemptDto,
    user: AuthUser,
    now = new Date(),
  ): Promise<{ order: DeliveryOrder; result: ApplyResult }> {
    if (body.outcome === 'FAILED' && !body.reason) {
      throw invalid([{ field: 'reason', rule: 'requiredWhenFailed', message: 'Cần chọn lý do khi phát/thu gom không thành công' }]);
    }
    if (body.outcome === 'DELIVERED' && body.reason) {
      throw invalid([{ field: 'reason', rule: 'onlyWhenFailed', message: 'Chỉ ghi lý do khi không thành công' }]);
    }
    const at = new Date(body.at);
    if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw invalid([{ field: 'at', rule: 'notFuture', message: 'Thời điểm không được ở tương lai' }]);
    }
    const order = await this.orders.findById(managerOf(this.db), orderId);
    if (!order || (!user.roles.includes('ADMIN') && order.centreCode !== user.agencyCode)) {
      throw new DomainError('POSTAL.ORDER_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy đơn hàng');
    }
    if (order.kind !== 'RESULT_DELIVERY' && order.kind !== 'PICKUP') {
      throw new DomainError('POSTAL.ATTEMPT_NOT_APPLICABLE', 'CONFLICT', 'Không ghi nhận lượt phát cho loại đơn này');
    }
    if (!order.trackingNumber) throw new DomainError('POSTAL.ORDER_NOT_READY', 'CONFLICT', 'Đơn hàng chưa có số hiệu bưu gửi');
    if (at.getTime() < order.createdAt.getTime()) {
      throw invalid([{ field: 'at', rule: 'notBeforeOrder', message: 'Thời điểm không được trước khi tạo đơn' }]);
    }
    const reason = body.reason ? FAILURE_REASONS[body.reason] : undefined;
    const note = [reason, body.note?.normalize('NFC').trim()].filter(Boolean).join(' — ') || undefined;
    const result = await this.apply.execute({
      eventId: `manual:${randomUUID()}`,
      itemCode: order.trackingNumber,
      statusCode: STATUS[order.kind][body.outcome],
      time: at,
      note,
      source: 'MANUAL',
      recordedBy: user.sub,
    });
    return { order: (await this.orders.findById(managerOf(this.db), orderId)) as DeliveryOrder, result };
  }
}
