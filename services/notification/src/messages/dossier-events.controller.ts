import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  DOSSIER_RECEIVED,
  DOSSIER_RESOLVED,
  DOSSIER_RESULT_RETURNED,
  DossierReceivedV1,
  DossierResolvedV1,
  DossierResultReturnedV1,
  POSTAL_DELIVERY_ATTEMPT_FAILED,
  POSTAL_DELIVERY_CANCELLED,
  POSTAL_DELIVERY_OUT_FOR_DELIVERY,
  POSTAL_DELIVERY_RETURNED,
  POSTAL_PICKUP_FAILED,
  POSTAL_PICKUP_SCHEDULED,
  PostalDeliveryAttemptFailedV1,
  PostalDeliveryCancelledV1,
  PostalDeliveryOutForDeliveryV1,
  PostalDeliveryReturnedV1,
  PostalPickupFailedV1,
  PostalPickupScheduledV1,
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
import { NotifyPickupUseCase } from './notify-pickup.use-case';

/** Citizen-facing events that call for a message. */
@Controller()
export class DossierEventsController {
  constructor(
    private readonly notify: NotifyCitizenUseCase,
    private readonly pickups: NotifyPickupUseCase,
  ) {}

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

  /** Each supplement request (step and number) is announced once: what is missing and why. */
  @EventPattern(PROCESSING_SUPPLEMENT_REQUESTED)
  async onSupplementRequested(@Payload() e: ProcessingSupplementRequestedV1): Promise<void> {
    await this.notify.execute({
      kind: 'NOTICE',
      dossierCode: e.dossierCode,
      notice: 'SUPPLEMENT_REQUESTED',
      occurrence: `${e.stepId}#${e.supplementNumber}`,
      templateKey: 'SUPPLEMENT_REQUESTED',
      values: { reason: e.reason, items: e.items?.length ? e.items.join('; ') : e.reason, requestedAt: e.requestedAt },
      occurredAt: new Date(e.requestedAt),
    });
  }

  @EventPattern(PROCESSING_REFUSED)
  async onRefused(@Payload() e: ProcessingRefusedV1): Promise<void> {
    await this.notify.execute({ kind: 'REFUSED', dossierCode: e.dossierCode, refusedAt: new Date(e.refusedAt), reason: e.reason });
  }

  /** The post brought the result back: it waits at the counter. */
  @EventPattern(POSTAL_DELIVERY_RETURNED)
  async onReturnedToCentre(@Payload() e: PostalDeliveryReturnedV1): Promise<void> {
    await this.notify.execute({ kind: 'HELD_AT_COUNTER', dossierCode: e.dossierCode, heldAt: new Date(e.returnedAt), reason: null });
  }

  /**
   * The result will not go by post (order cancelled, or the procedure forbids the post to carry it): it waits
   * at the counter. The same fact as a return by the post — one held-at-counter message per dossier — told with the reason.
   */
  @EventPattern(POSTAL_DELIVERY_CANCELLED)
  async onDeliveryCancelled(@Payload() e: PostalDeliveryCancelledV1): Promise<void> {
    await this.notify.execute({ kind: 'HELD_AT_COUNTER', dossierCode: e.dossierCode, heldAt: new Date(e.cancelledAt), reason: e.reason });
  }

  /** The apology with the new appointment: each extension (by its id) is announced once. */
  @EventPattern(PROCESSING_EXTENDED)
  async onExtended(@Payload() e: ProcessingExtendedV1): Promise<void> {
    await this.notify.execute({
      kind: 'NOTICE',
      dossierCode: e.dossierCode,
      notice: 'EXTENDED',
      occurrence: e.extensionId,
      templateKey: 'EXTENDED',
      values: { reason: e.reason, newAppointment: e.newAppointmentAt },
      occurredAt: new Date(e.requestedAt),
    });
  }

  /** The postman left with the result: once per order and attempt, with the amount to pay if any. */
  @EventPattern(POSTAL_DELIVERY_OUT_FOR_DELIVERY)
  async onOutForDelivery(@Payload() e: PostalDeliveryOutForDeliveryV1): Promise<void> {
    const cod = e.amountToCollect !== undefined && e.amountToCollect > 0;
    await this.notify.execute({
      kind: 'NOTICE',
      dossierCode: e.dossierCode,
      notice: 'OUT_FOR_DELIVERY',
      occurrence: `${e.orderId}#${e.attempt}`,
      templateKey: cod ? 'OUT_FOR_DELIVERY_COD' : 'OUT_FOR_DELIVERY',
      values: { trackingNumber: e.trackingNumber, ...(cod ? { amount: String(e.amountToCollect) } : {}) },
      occurredAt: new Date(e.outForDeliveryAt),
    });
  }

  /** A delivery attempt failed: why, and whether the postman comes again (else the result goes back to the counter). */
  @EventPattern(POSTAL_DELIVERY_ATTEMPT_FAILED)
  async onDeliveryAttemptFailed(@Payload() e: PostalDeliveryAttemptFailedV1): Promise<void> {
    await this.notify.execute({
      kind: 'NOTICE',
      dossierCode: e.dossierCode,
      notice: 'DELIVERY_ATTEMPT_FAILED',
      occurrence: `${e.orderId}#${e.attempt}`,
      templateKey: e.willRetry ? 'DELIVERY_ATTEMPT_FAILED_RETRY' : 'DELIVERY_ATTEMPT_FAILED_FINAL',
      values: { reason: e.reason, attempt: String(e.attempt), maxAttempts: String(e.maxAttempts) },
      occurredAt: new Date(e.failedAt),
    });
  }

  /** The post will come to collect the dossier: no dossier code yet, the event names the applicant. */
  @EventPattern(POSTAL_PICKUP_SCHEDULED)
  async onPickupScheduled(@Payload() e: PostalPickupScheduledV1): Promise<void> {
    await this.pickups.execute({
      pickupId: e.pickupId,
      centreCode: e.centreCode,
      purpose: 'PICKUP_SCHEDULED',
      key: 'PICKUP_SCHEDULED',
      occurrence: null,
      phone: e.applicant.phone ?? null,
      email: e.applicant.email ?? null,
      raw: {
        reference: e.reference,
        procedureName: e.procedureName,
        applicantName: e.applicant.fullName,
        windowStart: e.windowStart,
        windowEnd: e.windowEnd,
      },
    });
  }

  /** The postman could not collect the dossier: once per attempt, saying whether he comes again. */
  @EventPattern(POSTAL_PICKUP_FAILED)
  async onPickupFailed(@Payload() e: PostalPickupFailedV1): Promise<void> {
    await this.pickups.execute({
      pickupId: e.pickupId,
      centreCode: e.centreCode,
      purpose: 'PICKUP_FAILED',
      key: e.final ? 'PICKUP_FAILED_FINAL' : 'PICKUP_FAILED_RETRY',
      occurrence: String(e.attempt),
      phone: e.applicant.phone ?? null,
      email: e.applicant.email ?? null,
      raw: { reference: e.reference, procedureName: e.procedureName, reason: e.reason, failedAt: e.failedAt },
    });
  }

  @EventPattern(PROCESSING_STOPPED)
  async onStopped(@Payload() e: ProcessingStoppedV1): Promise<void> {
    await this.notify.execute({ kind: 'STOPPED', dossierCode: e.dossierCode, stoppedAt: new Date(e.stoppedAt), reason: e.reason });
  }
}
