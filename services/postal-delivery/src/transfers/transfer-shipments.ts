import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CreateShipment } from '../carriers/carrier';
import type { DeliveryOrder } from '../orders/delivery-order.entity';
import { AgencyDirectory } from './agency-directory';
import { TransferRepository } from './transfer.repository';
import { managerOf } from '@motcua/messaging';

/** What the carrier carries for a TRANSFER order: the paper dossier from one agency to another. */
@Injectable()
export class TransferShipments {
  constructor(
    private readonly db: DataSource,
    private readonly transfers: TransferRepository,
    private readonly directory: AgencyDirectory,
  ) {}

  async shipment(order: DeliveryOrder): Promise<CreateShipment> {
    const transfer = await this.transfers.findByOrder(managerOf(this.db), order.id);
    if (!transfer || !order.trackingNumber) throw new Error(`Transfer order ${order.id} lacks its transfer or tracking number`);
    const what = transfer.purpose === 'RETURN' ? 'Chuyển trả hồ sơ, kết quả' : `Chuyển hồ sơ giấy: ${transfer.stepName ?? ''}`;
    return {
      orderNumber: order.dossierCode,
      itemCode: order.trackingNumber,
      sender: this.directory.party(transfer.fromAgencyCode, transfer.centreCode),
      receiver: this.directory.party(transfer.toAgencyCode, transfer.centreCode),
      weightGrams: 500,
      description: `${what} — hồ sơ ${transfer.dossierCode}`.slice(0, 200),
      codAmount: 0,
    };
  }
}
