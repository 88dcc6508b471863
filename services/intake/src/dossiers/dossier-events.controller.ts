import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  DOSSIER_RESOLVED,
  DossierResolvedV1,
  POSTAL_DELIVERY_DELIVERED,
  PostalDeliveryDeliveredV1,
  PROCESSING_STEP_STARTED,
  ProcessingStepStartedV1,
} from '@motcua/contracts';
import { AdvanceDossierUseCase } from './advance-dossier.use-case';

/** What intake learns from routing and postal-delivery. */
@Controller()
export class DossierEventsController {
  constructor(private readonly advance: AdvanceDossierUseCase) {}

  @EventPattern(PROCESSING_STEP_STARTED)
  onStepStarted(@Payload() e: ProcessingStepStartedV1) {
    return this.advance.execute({
      code: e.dossierCode,
      to: 'IN_PROCESS',
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
}
