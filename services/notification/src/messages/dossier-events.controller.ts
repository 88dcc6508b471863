import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  DOSSIER_RECEIVED,
  DOSSIER_RESOLVED,
  DOSSIER_RESULT_RETURNED,
  DossierReceivedV1,
  DossierResolvedV1,
  DossierResultReturnedV1,
} from '@motcua/contracts';
import { NotifyCitizenUseCase } from './notify-citizen.use-case';

/** Citizen-facing events that call for a message. */
@Controller()
export class DossierEventsController {
  constructor(private readonly notify: NotifyCitizenUseCase) {}

  @EventPattern(DOSSIER_RECEIVED)
  async onReceived(@Payload() e: DossierReceivedV1): Promise<void> {
    await this.notify.execute({
      kind: 'RECEIVED',
      dossierCode: e.dossierCode,
      receivedAt: new Date(e.receivedAt),
      applicantName: e.applicant.fullName,
      phone: e.applicant.phone ?? null,
      email: e.applicant.email ?? null,
      procedureName: e.procedureName,
      appointmentAt: new Date(e.appointmentAt),
      resultDelivery: e.resultDelivery,
      receivingAgencyCode: e.receivingAgencyCode,
      competentAgencyCode: e.competentAgencyCode,
    });
  }

  @EventPattern(DOSSIER_RESOLVED)
  async onResolved(@Payload() e: DossierResolvedV1): Promise<void> {
    await this.notify.execute({ kind: 'RESOLVED', dossierCode: e.dossierCode, resolvedAt: new Date(e.resolvedAt) });
  }

  /** Only a return by the post is announced: at the counter the citizen is standing there. */
  @EventPattern(DOSSIER_RESULT_RETURNED)
  async onResultReturned(@Payload() e: DossierResultReturnedV1): Promise<void> {
    if (e.method !== 'POST') return;
    await this.notify.execute({ kind: 'DELIVERED_BY_POST', dossierCode: e.dossierCode, deliveredAt: new Date(e.returnedAt) });
  }
}
