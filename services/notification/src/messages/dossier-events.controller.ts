import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  DOSSIER_RECEIVED,
  DOSSIER_RESOLVED,
  DOSSIER_RESULT_RETURNED,
  DossierReceivedV1,
  DossierResolvedV1,
  DossierResultReturnedV1,
  POSTAL_DELIVERY_RETURNED,
  PostalDeliveryReturnedV1,
  PROCESSING_EXTENDED,
  PROCESSING_REFUSED,
  PROCESSING_STOPPED,
  ProcessingExtendedV1,
  ProcessingStoppedV1,
  PROCESSING_SUPPLEMENT_REQUESTED,
  ProcessingRefusedV1,
  ProcessingSupplementRequestedV1,
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

  /** The first supplement request of the dossier is announced (what is missing and why). */
  @EventPattern(PROCESSING_SUPPLEMENT_REQUESTED)
  async onSupplementRequested(@Payload() e: ProcessingSupplementRequestedV1): Promise<void> {
    await this.notify.execute({
      kind: 'SUPPLEMENT_REQUESTED',
      dossierCode: e.dossierCode,
      requestedAt: new Date(e.requestedAt),
      reason: e.reason,
      items: e.items ?? [],
    });
  }

  @EventPattern(PROCESSING_REFUSED)
  async onRefused(@Payload() e: ProcessingRefusedV1): Promise<void> {
    await this.notify.execute({ kind: 'REFUSED', dossierCode: e.dossierCode, refusedAt: new Date(e.refusedAt), reason: e.reason });
  }

  /** The post brought the result back: it waits at the counter. */
  @EventPattern(POSTAL_DELIVERY_RETURNED)
  async onReturnedToCentre(@Payload() e: PostalDeliveryReturnedV1): Promise<void> {
    await this.notify.execute({ kind: 'RETURNED_TO_CENTRE', dossierCode: e.dossierCode, returnedAt: new Date(e.returnedAt) });
  }

  /** The apology with the new appointment (the first extension of the dossier). */
  @EventPattern(PROCESSING_EXTENDED)
  async onExtended(@Payload() e: ProcessingExtendedV1): Promise<void> {
    await this.notify.execute({
      kind: 'EXTENDED',
      dossierCode: e.dossierCode,
      extendedAt: new Date(e.requestedAt),
      reason: e.reason,
      newAppointmentAt: new Date(e.newAppointmentAt),
    });
  }

  @EventPattern(PROCESSING_STOPPED)
  async onStopped(@Payload() e: ProcessingStoppedV1): Promise<void> {
    await this.notify.execute({ kind: 'STOPPED', dossierCode: e.dossierCode, stoppedAt: new Date(e.stoppedAt), reason: e.reason });
  }
}
