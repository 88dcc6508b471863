import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { PostalPickupReceivedV1 } from '@motcua/contracts';
import { CatalogRepository } from '../catalog/catalog.repository';
import { ReceiveDossierDto } from './receive-dossier.dto';
import { ReceiveDossierResult, ReceiveDossierUseCase } from './receive-dossier.use-case';
import { managerOf } from '@motcua/messaging';

/** The identity recorded as the receiving clerk of dossiers that arrive through an event. */
export const SYSTEM_CLERK = 'system';

/**
 * A dossier picked up by the post reached the centre: received on channel POSTAL with the postal
 * receipt as its hand-over time, once per pickup reference (the reference is the idempotency key).
 * The result goes back by post to the pickup address when the procedure allows it, else at the counter.
 */
@Injectable()
export class ReceivePostalPickupUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly catalog: CatalogRepository,
    private readonly receive: ReceiveDossierUseCase,
  ) {}

  async execute(e: PostalPickupReceivedV1): Promise<ReceiveDossierResult> {
    const procedure = await this.catalog.findProcedure(managerOf(this.db), e.procedureCode);
    const byPost = procedure?.postAllowed ?? false;
    const body: ReceiveDossierDto = {
      procedureCode: e.procedureCode,
      channel: 'POSTAL',
      // the pickup carries no identity number: the clerk completes it from the documents
      applicant: { fullName: e.applicant.fullName.normalize('NFC'), idNumber: '', phone: e.applicant.phone, email: e.applicant.email },
      resultDelivery: byPost ? 'POST' : 'COUNTER',
      deliveryAddress: byPost ? { ...e.pickupAddress } : undefined,
    };
    const clerk: AuthUser = { sub: SYSTEM_CLERK, name: 'Hệ thống', roles: [], agencyCode: e.centreCode };
    return this.receive.execute({ body, clerk, idempotencyKey: `postal-pickup:${e.reference}`, receivedAt: new Date(e.postalReceiptAt) });
  }
}
