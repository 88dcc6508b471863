import 'reflect-metadata';
export * from './envelope';
export * from './registry';
export * from './validate';
export {
  AGENCY_CODE_PATTERN,
  ApplicantV1,
  DOSSIER_CODE_PATTERN,
  INTAKE_CHANNELS,
  PostalAddressV1,
  RESULT_DELIVERY_METHODS,
  TIMELINESS,
} from './events/common';
export type { IntakeChannel, ResultDeliveryMethod, Timeliness } from './events/common';
export * from './events/dossier-received.v1';
export * from './events/processing-step-started.v1';
export * from './events/processing-step-completed.v1';
export * from './events/processing-step-returned.v1';
export * from './events/processing-supplement-requested.v1';
export * from './events/processing-resumed.v1';
export * from './events/processing-refused.v1';
export * from './events/processing-overdue.v1';
export * from './events/processing-extended.v1';
export * from './events/processing-stopped.v1';
export * from './events/processing-due-soon.v1';
export * from './events/processing-escalated.v1';
export * from './events/dossier-supplement-received.v1';
export * from './events/dossier-resolved.v1';
export * from './events/postal-delivery-created.v1';
export * from './events/postal-delivery-delivered.v1';
export * from './events/postal-delivery-returned.v1';
export * from './events/postal-pickup-received.v1';
export * from './events/postal-transfer-handed-over.v1';
export * from './events/postal-transfer-delivered.v1';
export * from './events/postal-pickup-scheduled.v1';
export * from './events/postal-pickup-failed.v1';
export * from './events/postal-delivery-cancelled.v1';
export * from './events/postal-delivery-out-for-delivery.v1';
export * from './events/postal-delivery-attempt-failed.v1';
export * from './events/dossier-result-returned.v1';
export * from './events/dossier-withdrawn.v1';
export * from './events/dossier-document-digitized.v1';
export * from './events/dossier-evaluated.v1';
export * from './events/notification-sent.v1';
export * from './events/notification-delivery-failed.v1';
export * from './events/calendar-year-schedule-replaced.v1';
export * from './events/procedure-version-published.v1';
