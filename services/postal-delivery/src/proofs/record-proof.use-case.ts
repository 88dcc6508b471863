import { createHash } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@motcua/auth';
import { runInTransaction } from '@motcua/messaging';
import { DomainError, FieldProblem, SERVICE_CONFIG } from '@motcua/platform';
import { PostalConfig } from '../config/postal.config';
import { DeliveryOrder } from '../orders/delivery-order.entity';
import { OrderRepository } from '../orders/order.repository';
import { DeliveryProof } from './delivery-proof.entity';
import { RecordProofDto } from './proof.dto';

const MAGIC: Record<string, number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};
/** A stated hand-over time may be this far ahead of our clock (device clocks drift). */
const CLOCK_SKEW_MS = 5 * 60_000;

const invalid = (problems: FieldProblem[]) => new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', problems);

/**
 * Records the proof of delivery of a result: the postman of the order's centre states who took it (name,
 * ID number), when, and uploads a signature or photo (PNG/JPEG, recognised by its magic bytes, at most
 * `proofMaxBytes`). One proof per order.
 */
@Injectable()
export class RecordProofUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    @Inject(SERVICE_CONFIG) private readonly config: PostalConfig,
  ) {}

  async execute(
    orderId: string,
    body: RecordProofDto,
    user: AuthUser,
    now = new Date(),
  ): Promise<{ order: DeliveryOrder; proof: DeliveryProof }> {
    const image = Buffer.from(body.image.dataBase64, 'base64');
    if (image.length > this.config.proofMaxBytes) {
      throw invalid([
        { field: 'image.dataBase64', rule: 'maxBytes', message: `Ảnh vượt quá dung lượng cho phép (${this.config.proofMaxBytes} byte)` },
      ]);
    }
    const magic = MAGIC[body.image.contentType];
    if (image.length < magic.length || magic.some((b, i) => image[i] !== b)) {
      throw invalid([{ field: 'image.dataBase64', rule: 'magicBytes', message: 'Nội dung ảnh không đúng định dạng PNG/JPEG đã khai báo' }]);
    }
    const deliveredAt = new Date(body.deliveredAt);
    if (deliveredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw invalid([{ field: 'deliveredAt', rule: 'notFuture', message: 'Thời điểm giao không được ở tương lai' }]);
    }
    return runInTransaction(this.db, async (m) => {
      const order = await this.orders.findById(m, orderId);
      if (!order || (!user.roles.includes('ADMIN') && order.centreCode !== user.agencyCode)) {
        throw new DomainError('POSTAL.ORDER_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy đơn hàng');
      }
      if (order.kind === 'PICKUP') {
        throw new DomainError('POSTAL.PROOF_NOT_APPLICABLE', 'CONFLICT', 'Đơn thu gom không có biên bản giao cho người nhận');
      }
      if (deliveredAt.getTime() < order.createdAt.getTime()) {
        throw invalid([{ field: 'deliveredAt', rule: 'notBeforeOrder', message: 'Thời điểm giao không được trước khi tạo đơn' }]);
      }
      const repo = m.getRepository(DeliveryProof);
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(DeliveryProof)
        .values({
          orderId,
          recipientName: body.recipientName.normalize('NFC'),
          idNumber: body.idNumber,
          kind: body.kind,
          contentType: body.image.contentType,
          image,
          imageSha256: createHash('sha256').update(image).digest('hex'),
          deliveredAt,
          recordedBy: user.sub,
        })
        .orIgnore()
        .returning(['order_id'])
        .execute();
      if (!inserted.raw.length) throw new DomainError('POSTAL.PROOF_EXISTS', 'CONFLICT', 'Đơn hàng đã có biên bản giao');
      return { order, proof: await repo.findOneByOrFail({ orderId }) };
    });
  }
}
