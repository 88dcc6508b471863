import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DOSSIER_RECEIVED, DossierReceivedV1 } from '@motcua/contracts';
import { StartProcessingUseCase } from './start-processing.use-case';

@Controller()
export class DossierEventsController {
  constructor(private readonly start: StartProcessingUseCase) {}

  @EventPattern(DOSSIER_RECEIVED)
  onReceived(@Payload() e: DossierReceivedV1) {
    return this.start.execute(e);
  }
}
