import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  DOSSIER_RESOLVED,
  DossierResolvedV1,
  POSTAL_DELIVERY_DELIVERED,
  POSTAL_DELIVERY_CANCELLED,
  POSTAL_DELIVERY_RETURNED,
  PostalDeliveryCancelledV1,
  POSTAL_PICKUP_RECEIVED,
  PostalDeliveryDeliveredV1,
  PostalDeliveryReturnedV1,
  PostalPickupReceivedV1,
  PROCESSING_REFUSED,
  PROCESSING_RESUMED,
  PROCESSING_STEP_STARTED,
  PROCESSING_STOPPED,
  PROCESSING_SUPPLEMENT_REQUESTED,
  ProcessingRefusedV1,
  ProcessingResumedV1,
  ProcessingStepStartedV1,
  ProcessingStoppedV1,
  ProcessingSupplementRequestedV1,
} from '@motcua/contracts';
import { AdvanceDossierUseCase } from './advance-dossier.use-case';
import { ApplyResumptionUseCase } from './apply-resumption.use-case';
import { HoldReturnedResultUseCase } from './hold-returned-result.use-case';
import { ReceivePostalPickupUseCase } from './receive-postal-pickup.use-case';
import { RequestSupplementUseCase } from './request-supplement.use-case';

/** What intake learns from routing and postal-delivery. */
@Controller()
export class DossierEventsController {
  constructor(
    private readonly advance: AdvanceDossierUseCase,
    private readonly pickup: ReceivePostalPickupUseCase,
    private readonly held: HoldReturnedResultUseCase,
    private readonly supplement: RequestSupplementUseCase,
    private readonly resumption: ApplyResumptionUseCase,
  ) {}

  @EventPattern(PROCESSING_STEP_STARTED)
  onStepStarted(@Payload() e: ProcessingStepStartedV1) {
    return this.advance.execute({
      code: e.dossierCode,
      to: 'IN_PROCESS',
      // a step opened during a supplement pause does not end the pause
      onlyFrom: ['RECEIVED'],
      at: new Date(e.startedAt),
      description: `Chuyển xử lý: ${e.stepName}`,
    });
  }

  @EventPattern(DOSSIER_RESOLVED)
  onResolved(@Payload() e: DossierResolvedV1) {
    return this.advance.execute({
      code: e.dossierCode,
      to: 'RESOLVED',
      at: new Date(e.resolvedAt),
      description: 'Đã có kết quả giải quyết',
    });
  }

  @EventPattern(POSTAL_DELIVERY_DELIVERED)
  onDelivered(@Payload() e: PostalDeliveryDeliveredV1) {
    return this.advance.execute({
      code: e.dossierCode,
      to: 'RETURNED',
      at: new Date(e.deliveredAt),
      description: 'Bưu điện đã phát kết quả đến địa chỉ của công dân',
      returnMethod: 'POST',
    });
  }

  @EventPattern(POSTAL_PICKUP_RECEIVED)
  async onPickupReceived(@Payload() e: PostalPickupReceivedV1) {
    await this.pickup.execute(e);
  }

  @EventPattern(POSTAL_DELIVERY_RETURNED)
  onDeliveryReturned(@Payload() e: PostalDeliveryReturnedV1) {
    return this.held.execute(e);
  }

  /** The post will not carry the result (cancelled, or the procedure forbids it): held at the counter. */
  @EventPattern(POSTAL_DELIVERY_CANCELLED)
  onDeliveryCancelled(@Payload() e: PostalDeliveryCancelledV1) {
    return this.held.executeCancelled(e);
  }

  @EventPattern(PROCESSING_SUPPLEMENT_REQUESTED)
  onSupplementRequested(@Payload() e: ProcessingSupplementRequestedV1) {
    return this.supplement.execute(e);
  }

  @EventPattern(PROCESSING_RESUMED)
  onResumed(@Payload() e: ProcessingResumedV1) {
    return this.resumption.execute(e);
  }

  /** An agency refused an accepted dossier: processing stops (8); 3 is only for refusal at intake. */
  @EventPattern(PROCESSING_REFUSED)
  onRefused(@Payload() e: ProcessingRefusedV1) {
    return this.advance.execute({
      code: e.dossierCode,
      to: 'STOPPED',
      at: new Date(e.refusedAt),
      description: `Dừng xử lý, từ chối giải quyết: ${e.reason}`,
      reason: e.reason,
      actor: e.refusedBy,
      department: e.agencyCode,
    });
  }

  /** An agency stopped processing (dừng xử lý, 8). */
  @EventPattern(PROCESSING_STOPPED)
  onStopped(@Payload() e: ProcessingStoppedV1) {
    return this.advance.execute({
      code: e.dossierCode,
      to: 'STOPPED',
      at: new Date(e.stoppedAt),
      description:
        e.reasonCode === 'SUPPLEMENT_EXPIRED'
          ? `Dừng xử lý: quá hạn bổ sung hồ sơ, công dân không bổ sung trong thời hạn (${e.reason})`
          : `Dừng xử lý: ${e.reason}`,
      reason: e.reason,
      actor: e.stoppedBy,
      department: e.agencyCode,
    });
  }
}
