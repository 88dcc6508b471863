import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DOSSIER_RECEIVED, DOSSIER_SUPPLEMENT_RECEIVED, DossierReceivedV1, DossierSupplementReceivedV1 } from '@motcua/contracts';
import { ResumeAfterSupplementUseCase } from './resume-after-supplement.use-case';
import { StartProcessingUseCase } from './start-processing.use-case';

@Controller()
export class DossierEventsController {
  constructor(
    private readonly start: StartProcessingUseCase,
    private readonly resume: ResumeAfterSupplementUseCase,
  ) {}

  @EventPattern(DOSSIER_RECEIVED)
  onReceived(@Payload() e: DossierReceivedV1) {
    return this.start.execute(e);
  }

  @EventPattern(DOSSIER_SUPPLEMENT_RECEIVED)
  onSupplementReceived(@Payload() e: DossierSupplementReceivedV1) {
    return this.resume.execute(e);
  }
}
