import { CALENDAR_YEAR_SCHEDULE_REPLACED, CalendarYearScheduleReplacedV1 } from './events/calendar-year-schedule-replaced.v1';
import { DOSSIER_RECEIVED, DossierReceivedV1 } from './events/dossier-received.v1';
import { DOSSIER_RESOLVED, DossierResolvedV1 } from './events/dossier-resolved.v1';
import { DOSSIER_RESULT_RETURNED, DossierResultReturnedV1 } from './events/dossier-result-returned.v1';
import { DOSSIER_WITHDRAWN, DossierWithdrawnV1 } from './events/dossier-withdrawn.v1';
import { DOSSIER_DOCUMENT_DIGITIZED, DossierDocumentDigitizedV1 } from './events/dossier-document-digitized.v1';
import { DOSSIER_EVALUATED, DossierEvaluatedV1 } from './events/dossier-evaluated.v1';
import { NOTIFICATION_SENT, NotificationSentV1 } from './events/notification-sent.v1';
import { NOTIFICATION_DELIVERY_FAILED, NotificationDeliveryFailedV1 } from './events/notification-delivery-failed.v1';
import { POSTAL_DELIVERY_CREATED, PostalDeliveryCreatedV1 } from './events/postal-delivery-created.v1';
import { POSTAL_DELIVERY_DELIVERED, PostalDeliveryDeliveredV1 } from './events/postal-delivery-delivered.v1';
import { POSTAL_DELIVERY_RETURNED, PostalDeliveryReturnedV1 } from './events/postal-delivery-returned.v1';
import { CATALOG_PROCEDURE_VERSION_PUBLISHED, ProcedureVersionPublishedV1 } from './events/procedure-version-published.v1';
import { POSTAL_PICKUP_SCHEDULED, PostalPickupScheduledV1 } from './events/postal-pickup-scheduled.v1';
import { POSTAL_PICKUP_FAILED, PostalPickupFailedV1 } from './events/postal-pickup-failed.v1';
import { POSTAL_DELIVERY_CANCELLED, PostalDeliveryCancelledV1 } from './events/postal-delivery-cancelled.v1';
import { POSTAL_DELIVERY_OUT_FOR_DELIVERY, PostalDeliveryOutForDeliveryV1 } from './events/postal-delivery-out-for-delivery.v1';
import { POSTAL_DELIVERY_ATTEMPT_FAILED, PostalDeliveryAttemptFailedV1 } from './events/postal-delivery-attempt-failed.v1';
import { POSTAL_PICKUP_RECEIVED, PostalPickupReceivedV1 } from './events/postal-pickup-received.v1';
import { POSTAL_TRANSFER_HANDED_OVER, PostalTransferHandedOverV1 } from './events/postal-transfer-handed-over.v1';
import { POSTAL_TRANSFER_DELIVERED, PostalTransferDeliveredV1 } from './events/postal-transfer-delivered.v1';
import { PROCESSING_STEP_STARTED, ProcessingStepStartedV1 } from './events/processing-step-started.v1';
import { DOSSIER_SUPPLEMENT_RECEIVED, DossierSupplementReceivedV1 } from './events/dossier-supplement-received.v1';
import { PROCESSING_OVERDUE, ProcessingOverdueV1 } from './events/processing-overdue.v1';
import { PROCESSING_EXTENDED, ProcessingExtendedV1 } from './events/processing-extended.v1';
import { PROCESSING_STOPPED, ProcessingStoppedV1 } from './events/processing-stopped.v1';
import { PROCESSING_DUE_SOON, ProcessingDueSoonV1 } from './events/processing-due-soon.v1';
import { PROCESSING_ESCALATED, ProcessingEscalatedV1 } from './events/processing-escalated.v1';
import { PROCESSING_REFUSED, ProcessingRefusedV1 } from './events/processing-refused.v1';
import { PROCESSING_RESUMED, ProcessingResumedV1 } from './events/processing-resumed.v1';
import { PROCESSING_STEP_COMPLETED, ProcessingStepCompletedV1 } from './events/processing-step-completed.v1';
import { PROCESSING_STEP_RETURNED, ProcessingStepReturnedV1 } from './events/processing-step-returned.v1';
import { PROCESSING_SUPPLEMENT_REQUESTED, ProcessingSupplementRequestedV1 } from './events/processing-supplement-requested.v1';

export type ServiceName = 'intake' | 'routing' | 'postal-delivery' | 'notification' | 'reporting';

export interface EventContract {
  type: string;
  version: number;
  schema: new () => object;
  publisher: ServiceName;
  summary: string;
}

/**
 * Every event type and version the platform knows. Versioning rule: a change that a consumer of
 * the previous version could not read is a new version (a new class `…V2`, same type); both
 * versions stay registered and are published side by side until no consumer needs the old one.
 */
export const EVENT_CONTRACTS: readonly EventContract[] = [
  {
    type: DOSSIER_RECEIVED,
    version: 1,
    schema: DossierReceivedV1,
    publisher: 'intake',
    summary: 'A complete dossier was received (form 01 issued).',
  },
  {
    type: PROCESSING_STEP_STARTED,
    version: 1,
    schema: ProcessingStepStartedV1,
    publisher: 'routing',
    summary: 'A processing step was opened at an agency.',
  },
  {
    type: DOSSIER_RESOLVED,
    version: 1,
    schema: DossierResolvedV1,
    publisher: 'routing',
    summary: 'Processing finished with a result (status 9).',
  },
  {
    type: PROCESSING_STEP_COMPLETED,
    version: 1,
    schema: ProcessingStepCompletedV1,
    publisher: 'routing',
    summary: 'A processing step was completed and handed over to the next steps.',
  },
  {
    type: PROCESSING_STEP_RETURNED,
    version: 1,
    schema: ProcessingStepReturnedV1,
    publisher: 'routing',
    summary: 'A step sent the dossier back to an earlier step.',
  },
  {
    type: PROCESSING_SUPPLEMENT_REQUESTED,
    version: 1,
    schema: ProcessingSupplementRequestedV1,
    publisher: 'routing',
    summary: 'An agency asked the citizen for a supplement during processing (the clock pauses).',
  },
  {
    type: DOSSIER_SUPPLEMENT_RECEIVED,
    version: 1,
    schema: DossierSupplementReceivedV1,
    publisher: 'intake',
    summary: 'The citizen handed in the supplement requested during processing.',
  },
  {
    type: PROCESSING_RESUMED,
    version: 1,
    schema: ProcessingResumedV1,
    publisher: 'routing',
    summary: 'Processing resumed after a supplement; the appointment moved by the paused working time.',
  },
  {
    type: PROCESSING_REFUSED,
    version: 1,
    schema: ProcessingRefusedV1,
    publisher: 'routing',
    summary: 'An agency refused to resolve the dossier, with the reason.',
  },
  {
    type: PROCESSING_OVERDUE,
    version: 1,
    schema: ProcessingOverdueV1,
    publisher: 'routing',
    summary: 'An open processing step passed its due instant.',
  },
  {
    type: POSTAL_DELIVERY_CREATED,
    version: 1,
    schema: PostalDeliveryCreatedV1,
    publisher: 'postal-delivery',
    summary: 'A result-delivery order was accepted by the carrier.',
  },
  {
    type: POSTAL_DELIVERY_DELIVERED,
    version: 1,
    schema: PostalDeliveryDeliveredV1,
    publisher: 'postal-delivery',
    summary: 'The carrier delivered the result.',
  },
  {
    type: POSTAL_DELIVERY_RETURNED,
    version: 1,
    schema: PostalDeliveryReturnedV1,
    publisher: 'postal-delivery',
    summary: 'The carrier brought an undeliverable result back to the centre (held at the counter).',
  },
  {
    type: POSTAL_PICKUP_RECEIVED,
    version: 1,
    schema: PostalPickupReceivedV1,
    publisher: 'postal-delivery',
    summary: "A dossier collected by the post at the citizen's address reached the centre (intake channel 3).",
  },
  {
    type: POSTAL_TRANSFER_HANDED_OVER,
    version: 1,
    schema: PostalTransferHandedOverV1,
    publisher: 'postal-delivery',
    summary: 'The post took a paper dossier from one agency for another (postal receipt = hand-over time).',
  },
  {
    type: POSTAL_TRANSFER_DELIVERED,
    version: 1,
    schema: PostalTransferDeliveredV1,
    publisher: 'postal-delivery',
    summary: 'The post delivered a paper dossier to the agency of a processing step, or back to the receiving centre.',
  },
  {
    type: CATALOG_PROCEDURE_VERSION_PUBLISHED,
    version: 1,
    schema: ProcedureVersionPublishedV1,
    publisher: 'intake',
    summary: 'A procedure version (components, time, fees, online level, postal rules) entered the catalog.',
  },
  {
    type: POSTAL_PICKUP_SCHEDULED,
    version: 1,
    schema: PostalPickupScheduledV1,
    publisher: 'postal-delivery',
    summary: "The carrier accepted a pickup at the citizen's address for a time window.",
  },
  {
    type: POSTAL_PICKUP_FAILED,
    version: 1,
    schema: PostalPickupFailedV1,
    publisher: 'postal-delivery',
    summary: 'A pickup attempt failed, with the reason; final when the pickup is given up.',
  },
  {
    type: POSTAL_DELIVERY_CANCELLED,
    version: 1,
    schema: PostalDeliveryCancelledV1,
    publisher: 'postal-delivery',
    summary: 'The result will not go by post (order cancelled, or the procedure forbids it): held at the counter.',
  },
  {
    type: POSTAL_DELIVERY_OUT_FOR_DELIVERY,
    version: 1,
    schema: PostalDeliveryOutForDeliveryV1,
    publisher: 'postal-delivery',
    summary: "The postman left with the result for the citizen's address (one per attempt).",
  },
  {
    type: POSTAL_DELIVERY_ATTEMPT_FAILED,
    version: 1,
    schema: PostalDeliveryAttemptFailedV1,
    publisher: 'postal-delivery',
    summary: 'A result delivery attempt failed, with the reason and whether another attempt follows.',
  },
  {
    type: DOSSIER_RESULT_RETURNED,
    version: 1,
    schema: DossierResultReturnedV1,
    publisher: 'intake',
    summary: 'The result reached the citizen (status 10).',
  },
  {
    type: DOSSIER_WITHDRAWN,
    version: 1,
    schema: DossierWithdrawnV1,
    publisher: 'intake',
    summary: 'The citizen withdrew the dossier (status 7); processing ends.',
  },
  {
    type: DOSSIER_DOCUMENT_DIGITIZED,
    version: 1,
    schema: DossierDocumentDigitizedV1,
    publisher: 'intake',
    summary: 'A component or the result of a dossier was digitized (or a component reused), with the running totals.',
  },
  {
    type: DOSSIER_EVALUATED,
    version: 1,
    schema: DossierEvaluatedV1,
    publisher: 'intake',
    summary: 'The citizen rated the service for a dossier on the five national levels.',
  },
  {
    type: NOTIFICATION_SENT,
    version: 1,
    schema: NotificationSentV1,
    publisher: 'notification',
    summary: 'A message was accepted by a gateway.',
  },
  {
    type: NOTIFICATION_DELIVERY_FAILED,
    version: 1,
    schema: NotificationDeliveryFailedV1,
    publisher: 'notification',
    summary: 'A message will not reach its recipient (sending FAILED, or a PERMANENT_FAILURE delivery receipt).',
  },
  {
    type: PROCESSING_EXTENDED,
    version: 1,
    schema: ProcessingExtendedV1,
    publisher: 'routing',
    summary: 'Before the appointment, an agency issued the apology with a new appointment; due instants moved to it.',
  },
  {
    type: PROCESSING_STOPPED,
    version: 1,
    schema: ProcessingStoppedV1,
    publisher: 'routing',
    summary: 'An agency stopped processing the dossier (dừng xử lý, status 8), with the reason.',
  },
  {
    type: PROCESSING_DUE_SOON,
    version: 1,
    schema: ProcessingDueSoonV1,
    publisher: 'routing',
    summary: "A reminder: an open step's due instant is near.",
  },
  {
    type: PROCESSING_ESCALATED,
    version: 1,
    schema: ProcessingEscalatedV1,
    publisher: 'routing',
    summary: 'A step still open after its due instant was escalated to the supervisors of its agency.',
  },
  {
    type: CALENDAR_YEAR_SCHEDULE_REPLACED,
    version: 1,
    schema: CalendarYearScheduleReplacedV1,
    publisher: 'intake',
    summary: "An administrator replaced a year's days off and make-up working days (the working calendar).",
  },
];

export function findContract(type: string, version: number): EventContract | undefined {
  return EVENT_CONTRACTS.find((c) => c.type === type && c.version === version);
}
