import {
  DOSSIER_RECEIVED,
  DOSSIER_RESOLVED,
  DOSSIER_RESULT_RETURNED,
  DossierReceivedV1,
  DossierResolvedV1,
  EventEnvelope,
  IntakeChannel,
  POSTAL_DELIVERY_CREATED,
  POSTAL_DELIVERY_DELIVERED,
  ResultDeliveryMethod,
  Timeliness,
} from '@motcua/contracts';
import { makeEnvelope } from '@motcua/testing';

/** Factories of valid events for reporting's tests. */
export function receivedEvent(f: {
  code: string;
  procedureCode: string;
  receiving: string;
  competent: string;
  channel: IntakeChannel;
  receivedAt: string;
  appointmentAt: string;
  resultDelivery?: ResultDeliveryMethod;
}): EventEnvelope<DossierReceivedV1> {
  return makeEnvelope(DOSSIER_RECEIVED, {
    dossierCode: f.code,
    procedureCode: f.procedureCode,
    procedureName: 'Thủ tục thử nghiệm',
    receivingAgencyCode: f.receiving,
    competentAgencyCode: f.competent,
    channel: f.channel,
    receivedAt: f.receivedAt,
    appointmentAt: f.appointmentAt,
    resultDelivery: f.resultDelivery ?? 'COUNTER',
    applicant: { fullName: 'Nguyễn Thị Hòa' },
  });
}

export function resolvedEvent(f: {
  code: string;
  by: string;
  resolvedAt: string;
  appointmentAt: string;
  timeliness: Timeliness;
}): EventEnvelope<DossierResolvedV1> {
  return makeEnvelope(DOSSIER_RESOLVED, {
    dossierCode: f.code,
    resolvingAgencyCode: f.by,
    resolvedAt: f.resolvedAt,
    appointmentAt: f.appointmentAt,
    timeliness: f.timeliness,
    resultSummary: 'Đã có kết quả',
  });
}

export function returnedEvent(code: string, returnedAt: string, method: ResultDeliveryMethod): EventEnvelope<object> {
  return makeEnvelope(DOSSIER_RESULT_RETURNED, { dossierCode: code, returnedAt, method });
}

export function postalCreatedEvent(code: string, createdAt: string): EventEnvelope<object> {
  return makeEnvelope(POSTAL_DELIVERY_CREATED, {
    dossierCode: code,
    orderId: `o-${code}`,
    carrier: 'VNPOST',
    trackingNumber: 'EM123456785VN',
    createdAt,
  });
}

export function postalDeliveredEvent(code: string, deliveredAt: string): EventEnvelope<object> {
  return makeEnvelope(POSTAL_DELIVERY_DELIVERED, {
    dossierCode: code,
    orderId: `o-${code}`,
    trackingNumber: 'EM123456785VN',
    deliveredAt,
    recipientName: 'Nguyễn Thị Hòa',
  });
}
