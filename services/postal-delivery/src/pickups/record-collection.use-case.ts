import { randomUUID } from 'crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@motcua/auth';
import { localDate } from '@motcua/calendar';
import { runInTransaction } from '@motcua/messaging';
import { DomainError, FieldProblem } from '@motcua/platform';
import { CatalogRepository } from '../catalog/catalog.repository';
import { ApplyCarrierUpdateUseCase } from '../orders/apply-carrier-update.use-case';
import { OrderRepository } from '../orders/order.repository';
import { CollectedComponent, PickupRequest } from './pickup-request.entity';
import { RecordCollectionDto } from './collection.dto';
import { PickupRepository } from './pickup.repository';

const PICKED_UP = 6;
const CLOCK_SKEW_MS = 5 * 60_000;

const invalid = (problems: FieldProblem[]) => new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', problems);

/**
 * The postman collected the dossier at the door: the components taken are checked against the
 * procedure version in force on the pickup day (unknown or repeated codes: 400; a required one missing:
 * 422 — unless the citizen completes it, the postman records a failed pickup "thiếu giấy tờ" instead),
 * fees against the version's fees, and the sealed package's number is kept. The collection stands for
 * the carrier status 6 (picked up), applied like a carrier update (MANUAL), in the same transaction.
 */
@Injectable()
export class RecordCollectionUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    private readonly pickups: PickupRepository,
    private readonly catalog: CatalogRepository,
    private readonly apply: ApplyCarrierUpdateUseCase,
  ) {}

  async execute(orderId: string, body: RecordCollectionDto, user: AuthUser, now = new Date()): Promise<PickupRequest> {
    const at = new Date(body.at);
    if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
      throw invalid([{ field: 'at', rule: 'notFuture', message: 'Thời điểm không được ở tương lai' }]);
    return runInTransaction(this.db, async (m) => {
      const order = await this.orders.findById(m, orderId);
      if (!order || order.kind !== 'PICKUP' || (!user.roles.includes('ADMIN') && order.centreCode !== user.agencyCode)) {
        throw new DomainError('POSTAL.PICKUP_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy yêu cầu thu gom');
      }
      const pickup = await this.pickups.findByOrder(m, order.id, true);
      if (!pickup) throw new DomainError('POSTAL.PICKUP_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy yêu cầu thu gom');
      if (pickup.collectedAt) {
        throw new DomainError('POSTAL.PICKUP_ALREADY_COLLECTED', 'CONFLICT', 'Hồ sơ của yêu cầu này đã được ghi nhận thu gom');
      }
      if (order.state !== 'PENDING' && order.state !== 'CREATED') {
        throw new DomainError('POSTAL.PICKUP_NOT_OPEN', 'CONFLICT', 'Yêu cầu thu gom đã được thu gom hoặc đã hủy', [
          { field: 'state', rule: 'isOpen', message: `Trạng thái hiện tại: ${order.state}` },
        ]);
      }
      if (!order.trackingNumber) throw new DomainError('POSTAL.ORDER_NOT_READY', 'CONFLICT', 'Đơn hàng chưa có số hiệu bưu gửi');
      if (at.getTime() < order.createdAt.getTime()) {
        throw invalid([{ field: 'at', rule: 'notBeforeOrder', message: 'Thời điểm không được trước khi tạo yêu cầu' }]);
      }
      const version = await this.catalog.effective(m, pickup.procedureCode, localDate(pickup.windowFrom));
      if (!version) {
        throw new DomainError(
          'POSTAL.PROCEDURE_NOT_IN_CATALOG',
          'CONFLICT',
          'Chưa có danh mục thành phần hồ sơ của thủ tục này, không đối chiếu được hồ sơ',
          [{ field: 'procedureCode', rule: 'inCatalog', message: `Thủ tục ${pickup.procedureCode} chưa được công bố` }],
        );
      }
      const listed = new Map(version.components.map((c) => [c.code, c]));
      const problems: FieldProblem[] = [];
      const seen = new Set<string>();
      body.components.forEach((c, i) => {
        if (!listed.has(c.code)) {
          problems.push({
            field: `components[${i}].code`,
            rule: 'isListedComponent',
            message: `Mã ${c.code} không có trong thành phần hồ sơ`,
          });
        } else if (seen.has(c.code)) {
          problems.push({ field: `components[${i}].code`, rule: 'unique', message: `Thành phần ${c.code} được ghi hai lần` });
        }
        seen.add(c.code);
      });
      const feesExpected = version.fees.reduce((s, f) => s + f.amountVnd, 0);
      if (body.feesCollectedVnd > feesExpected) {
        problems.push({
          field: 'feesCollectedVnd',
          rule: 'maxProcedureFees',
          message: `Số tiền thu vượt phí, lệ phí của thủ tục (${feesExpected.toLocaleString('vi-VN')} đồng)`,
        });
      }
      if (problems.length) throw invalid(problems);
      const missing = version.components.filter((c) => c.required && !seen.has(c.code));
      if (missing.length) {
        throw new DomainError(
          'POSTAL.PICKUP_COMPONENTS_MISSING',
          'UNPROCESSABLE',
          'Thiếu thành phần hồ sơ bắt buộc. Nếu người dân không bổ sung được, ghi nhận thu gom không thành công với lý do thiếu giấy tờ',
          missing.map((c) => ({ field: 'components', rule: 'required', message: `Thiếu: ${c.code} — ${c.name}` })),
        );
      }
      const collected: CollectedComponent[] = body.components.map((c) => {
        const item = listed.get(c.code)!;
        return { code: c.code, name: item.name, quantity: c.quantity, required: item.required };
      });
      Object.assign(pickup, {
        collectedAt: at,
        collectedBy: user.sub,
        procedureVersion: version.version,
        collectedComponents: collected,
        feesExpected,
        feesCollected: body.feesCollectedVnd,
        sealNumber: body.sealNumber,
        collectionNote: body.note?.normalize('NFC').trim() || null,
      });
      await this.pickups.save(m, pickup);
      await this.apply.execute({
        eventId: `manual:${randomUUID()}`,
        itemCode: order.trackingNumber,
        statusCode: PICKED_UP,
        time: at,
        note: `Đã thu gom, niêm phong số ${body.sealNumber}`,
        source: 'MANUAL',
        recordedBy: user.sub,
      });
      return (await this.pickups.findByOrder(m, order.id)) as PickupRequest;
    });
  }
}
