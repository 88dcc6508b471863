import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DossierReceivedV1 } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { OrderRepository } from './order.repository';

/** Remembers how each received dossier's result goes back (and the address, for the post). */
@Injectable()
export class RecordRequestUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
  ) {}

  async execute(e: DossierReceivedV1): Promise<void> {
    const a = e.resultDelivery === 'POST' ? e.deliveryAddress : undefined;
    await runInTransaction(this.db, (m) =>
      this.orders.insertRequest(m, {
        dossierCode: e.dossierCode,
        procedureCode: e.procedureCode,
        procedureName: e.procedureName,
        receivingAgencyCode: e.receivingAgencyCode,
        resultDelivery: e.resultDelivery,
        recipientName: a?.recipientName ?? null,
        recipientPhone: a?.phone ?? null,
        addressLine: a?.line ?? null,
        communeCode: a?.communeCode ?? null,
        districtCode: a?.districtCode ?? null,
        provinceCode: a?.provinceCode ?? null,
        receivedAt: new Date(e.receivedAt),
      }),
    );
  }
}
