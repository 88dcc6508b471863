import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DOSSIER_RECEIVED, DOSSIER_RESOLVED, DossierReceivedV1, DossierResolvedV1 } from '@motcua/contracts';
import { OpenDeliveryUseCase } from './open-delivery.use-case';
import { RecordRequestUseCase } from './record-request.use-case';
import { OpenTransferUseCase } from '../transfers/open-transfer.use-case';
import { RecordPaperUseCase } from '../transfers/record-paper.use-case';

@Controller()
export class DossierEventsController {
  constructor(
    private readonly record: RecordRequestUseCase,
    private readonly open: OpenDeliveryUseCase,
    private readonly paper: RecordPaperUseCase,
    private readonly transfers: OpenTransferUseCase,
  ) {}

  @EventPattern(DOSSIER_RECEIVED)
  async onReceived(@Payload() e: DossierReceivedV1) {
    await this.record.execute(e);
    await this.paper.execute(e); // where the paper dossier is (transfers)
  }

  @EventPattern(DOSSIER_RESOLVED)
  async onResolved(@Payload() e: DossierResolvedV1) {
    await this.open.execute(e);
    await this.transfers.onResolved(e); // paper away from the centre comes back
  }
}
