import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Roles } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { OrderRepository } from './order.repository';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/dossiers')
export class OrderController {
  constructor(
    private readonly orders: OrderRepository,
    private readonly db: DataSource,
  ) {}

  /** A dossier's postal orders with their tracking timelines. */
  @Get(':code/orders')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'POSTMAN', 'SUPERVISOR')
  async list(@Param('code') code: string) {
    const orders = await this.orders.findByDossier(this.db.manager, code);
    const events = orders.length
      ? await this.orders.events(
          this.db.manager,
          orders.map((o) => o.id),
        )
      : [];
    return orders.map((o) => ({
      id: o.id,
      kind: o.kind,
      carrier: o.carrier,
      trackingNumber: o.trackingNumber,
      state: o.state,
      deliveredAt: o.deliveredAt ? toLocalIso(o.deliveredAt) : null,
      timeline: events
        .filter((e) => e.orderId === o.id)
        .map((e) => ({ at: toLocalIso(e.occurredAt), carrierStatus: e.carrierStatus, label: e.label, note: e.note })),
    }));
  }
}
