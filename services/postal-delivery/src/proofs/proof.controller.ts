import { Body, Controller, Get, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import { OrderRepository } from '../orders/order.repository';
import { RecordProofDto } from './proof.dto';
import { ProofRepository } from './proof.repository';
import { proofView } from './proof.view';
import { RecordProofUseCase } from './record-proof.use-case';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertUuid(id: string): void {
  if (!UUID.test(id)) {
    throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
      { field: 'id', rule: 'isUuid', message: 'id phải là mã đơn hàng (UUID)' },
    ]);
  }
}

/** Proof of delivery (biên bản giao): recorded by the centre's postman, shown with the order. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders')
export class ProofController {
  constructor(
    private readonly recordProof: RecordProofUseCase,
    private readonly orders: OrderRepository,
    private readonly proofs: ProofRepository,
    private readonly db: DataSource,
  ) {}

  /** The postman of the order's centre records who took the item, their ID number, a signature or photo, and when. */
  @Post(':id/proof')
  @Roles('POSTMAN')
  async record(@Param('id') id: string, @Body() body: RecordProofDto, @CurrentUser() user: AuthUser) {
    assertUuid(id);
    const { proof } = await this.recordProof.execute(id, body, user);
    return proofView(proof, user);
  }

  /** The signature or photo of a proof of delivery (staff of the order's centre; ADMIN all). */
  @Get(':id/proof/image')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'POSTMAN', 'SUPERVISOR')
  @ApiProduces('image/png', 'image/jpeg')
  async image(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    assertUuid(id);
    const order = await this.orders.findById(this.db.manager, id);
    const proof =
      order && (user.roles.includes('ADMIN') || order.centreCode === user.agencyCode)
        ? await this.proofs.findWithImage(this.db.manager, id)
        : null;
    if (!proof) throw new DomainError('POSTAL.PROOF_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy biên bản giao');
    return new StreamableFile(proof.image, { type: proof.contentType, length: proof.image.length });
  }
}
