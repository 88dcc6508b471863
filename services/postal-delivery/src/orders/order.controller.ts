import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { carrierStatusLabel, stateLabel } from '../documents/documents';
import { ProofRepository } from '../proofs/proof.repository';
import { proofView } from '../proofs/proof.view';
import { OrderRepository } from './order.repository';

const DELIVERY_FAILED = 15;

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/dossiers')
export class OrderController {
  constructor(
    private readonly orders: OrderRepository,
    private readonly proofs: ProofRepository,
    private readonly db: DataSource,
  ) {}

  /**
   * A dossier's postal orders with their tracking timelines, failed delivery attempts (with the
   * carrier's reasons) and the return to the centre. Staff see their own centre's orders; ADMIN all.
   */
  @Get(':code/orders')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'POSTMAN', 'SUPERVISOR')
  async list(@Param('code') code: string, @CurrentUser() user: AuthUser) {
    const orders = (await this.orders.findByDossier(this.db.manager, code)).filter(
      (o) => user.roles.includes('ADMIN') || o.centreCode === user.agencyCode,
    );
    const events = orders.length
      ? await this.orders.events(
          this.db.manager,
          orders.map((o) => o.id),
        )
      : [];
    const proofs = await this.proofs.findByOrders(
      this.db.manager,
      orders.map((o) => o.id),
    );
    return orders.map((o) => {
      const proof = proofs.find((p) => p.orderId === o.id);
      const timeline = events.filter((e) => e.orderId === o.id);
      return {
        id: o.id,
        kind: o.kind,
        carrier: o.carrier,
        centreCode: o.centreCode,
        trackingNumber: o.trackingNumber,
        state: o.state,
        stateLabel: stateLabel(o.state),
        carrierStatus: o.lastCarrierStatus,
        carrierStatusLabel: carrierStatusLabel(o.lastCarrierStatus),
        deliveredAt: o.deliveredAt ? toLocalIso(o.deliveredAt) : null,
        failedAttempts: o.failedAttempts,
        failures: timeline
          .filter((e) => e.carrierStatus === DELIVERY_FAILED)
          .map((e) => ({ at: toLocalIso(e.occurredAt), reason: e.note || null })),
        returnedAt: o.returnedAt ? toLocalIso(o.returnedAt) : null,
        postage: o.postage,
        codAmount: o.codAmount,
        codFees: o.codFees ?? 0,
        codPostage: o.codPostage ?? 0,
        postageZone: o.postageZone ?? null,
        codPaid: o.codPaidAt ? { at: toLocalIso(o.codPaidAt), amount: o.codPaidAmount } : null,
        proof: proof ? proofView(proof, user) : null,
        timeline: timeline.map((e) => ({
          at: toLocalIso(e.occurredAt),
          carrierStatus: e.carrierStatus,
          label: e.label,
          note: e.note,
          source: e.source,
        })),
      };
    });
  }
}
