import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DOSSIER_RECEIVED, DOSSIER_RESOLVED, DossierReceivedV1, DossierResolvedV1 } from '@motcua/contracts';
import { OpenDeliveryUseCase } from './open-delivery.use-case';
import { RecordRequestUseCase } from './record-request.use-case';

@Controller()
export class DossierEventsController {
  constructor(
    private readonly record: RecordRequestUseCase,
    private readonly open: OpenDeliveryUseCase,
  ) {}

  @EventPattern(DOSSIER_RECEIVED)
  onReceived(@Payload() e: DossierReceivedV1) {
    return this.record.execute(e);
  }

  @EventPattern(DOSSIER_RESOLVED)
  onResolved(@Payload() e: DossierResolvedV1) {
    return this.open.execute(e);
  }
}
