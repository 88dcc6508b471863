import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  POSTAL_TRANSFER_DELIVERED,
  POSTAL_TRANSFER_HANDED_OVER,
  PostalTransferDeliveredV1,
  PostalTransferHandedOverV1,
} from '@motcua/contracts';
import { RecordPostalLegUseCase } from './record-postal-leg.use-case';

/** The paper dossier's postal legs between agencies, for the control slip. */
@Controller()
export class PostalTransferEventsController {
  constructor(private readonly record: RecordPostalLegUseCase) {}

  @EventPattern(POSTAL_TRANSFER_HANDED_OVER)
  onHandedOver(@Payload() e: PostalTransferHandedOverV1) {
    return this.record.execute('HANDED_OVER', e);
  }

  @EventPattern(POSTAL_TRANSFER_DELIVERED)
  onDelivered(@Payload() e: PostalTransferDeliveredV1) {
    return this.record.execute('DELIVERED', e);
  }
}
