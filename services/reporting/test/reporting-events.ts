import {
  DOSSIER_RECEIVED,
  DOSSIER_RESOLVED,
  DOSSIER_RESULT_RETURNED,
  DossierReceivedV1,
  DossierResolvedV1,
  EventEnvelope,
  DOSSIER_EVALUATED,
  DOSSIER_WITHDRAWN,
  IntakeChannel,
  NOTIFICATION_DELIVERY_FAILED,
  NOTIFICATION_SENT,
  POSTAL_DELIVERY_CREATED,
  POSTAL_DELIVERY_RETURNED,
  PROCESSING_EXTENDED,
  PROCESSING_REFUSED,
  PROCESSING_STOPPED,
  PROCESSING_SUPPLEMENT_REQUESTED,
  POSTAL_DELIVERY_DELIVERED,
  ResultDeliveryMethod,
  SatisfactionLevel,
  Timeliness,
  DOSSIER_DOCUMENT_DIGITIZED,
  DigitizedDocumentKind,
} from '@motcua/contracts';
import { randomUUID } from 'crypto';
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

/** The same event, as having occurred at `occurredAt` (what "as of" queries go by). */
export function at<T>(event: EventEnvelope<T>, occurredAt: string): EventEnvelope<T> {
  return { ...event, occurredAt: new Date(occurredAt).toISOString() };
}

export function supplementRequestedEvent(
  code: string,
  agencyCode: string,
  requestedAt: string,
  supplementNumber: number,
): EventEnvelope<object> {
  return at(
    makeEnvelope(PROCESSING_SUPPLEMENT_REQUESTED, {
      dossierCode: code,
      stepId: 'step-1',
      agencyCode,
      requestedBy: 'Cán bộ thụ lý',
      requestedAt,
      reason: 'Thiếu bản sao giấy khai sinh',
      supplementNumber,
    }),
    requestedAt,
  );
}

export function refusedEvent(code: string, agencyCode: string, refusedAt: string): EventEnvelope<object> {
  return at(
    makeEnvelope(PROCESSING_REFUSED, {
      dossierCode: code,
      stepId: 'step-1',
      agencyCode,
      refusedBy: 'Lãnh đạo',
      refusedAt,
      reason: 'Không đủ điều kiện',
    }),
    refusedAt,
  );
}

export function postalReturnedEvent(code: string, returnedAt: string): EventEnvelope<object> {
  return at(
    makeEnvelope(POSTAL_DELIVERY_RETURNED, {
      dossierCode: code,
      orderId: `o-${code}`,
      trackingNumber: 'EM123456785VN',
      centreCode: '000.00.06.H56',
      returnedAt,
      failedAttempts: 3,
      lastFailureReason: 'Không có người nhận',
    }),
    returnedAt,
  );
}

export function notificationSentEvent(code: string, sentAt: string): EventEnvelope<object> {
  return at(
    makeEnvelope(NOTIFICATION_SENT, {
      dossierCode: code,
      messageId: `m-${Math.random()}`,
      channel: 'SMS',
      template: 'dossier-received',
      sentAt,
    }),
    sentAt,
  );
}

export function extendedEvent(
  code: string,
  agencyCode: string,
  requestedAt: string,
  previous: string,
  next: string,
): EventEnvelope<object> {
  return at(
    makeEnvelope(PROCESSING_EXTENDED, {
      dossierCode: code,
      extensionId: `x-${code}`,
      stepId: 'step-1',
      agencyCode,
      requestedBy: 'Cán bộ thụ lý',
      requestedAt,
      previousAppointmentAt: previous,
      newAppointmentAt: next,
      reason: 'Cần xác minh thêm',
    }),
    requestedAt,
  );
}

export function stoppedEvent(code: string, agencyCode: string, stoppedAt: string): EventEnvelope<object> {
  return at(
    makeEnvelope(PROCESSING_STOPPED, {
      dossierCode: code,
      stepId: 'step-1',
      agencyCode,
      stoppedBy: 'Lãnh đạo',
      stoppedAt,
      reason: 'Dừng theo yêu cầu',
    }),
    stoppedAt,
  );
}

export function withdrawnEvent(code: string, withdrawnAt: string): EventEnvelope<object> {
  return at(makeEnvelope(DOSSIER_WITHDRAWN, { dossierCode: code, withdrawnAt, reason: 'Công dân rút hồ sơ' }), withdrawnAt);
}

export function evaluatedEvent(code: string, competent: string, level: SatisfactionLevel, evaluatedAt: string): EventEnvelope<object> {
  return at(
    makeEnvelope(DOSSIER_EVALUATED, {
      dossierCode: code,
      procedureCode: '1.001193',
      receivingAgencyCode: '000.00.06.H56',
      competentAgencyCode: competent,
      level,
      evaluatedAt,
    }),
    evaluatedAt,
  );
}

export function deliveryFailedEvent(code: string, kind: 'FAILED' | 'PERMANENT_FAILURE', failedAt: string): EventEnvelope<object> {
  return at(
    makeEnvelope(NOTIFICATION_DELIVERY_FAILED, {
      dossierCode: code,
      messageId: `f-${kind}-${code}`,
      channel: 'SMS',
      template: 'dossier-received',
      kind,
      failedAt,
    }),
    failedAt,
  );
}

/** A document digitized, with the dossier's running totals after it (`[received, digitized, reused]`). */
export function digitizedEvent(
  code: string,
  kind: DigitizedDocumentKind,
  totals: [received: number, digitized: number, reused: number],
  digitizedAt: string,
  reused = false,
): EventEnvelope<object> {
  const [componentsReceived, componentsDigitized, componentsReused] = totals;
  return at(
    makeEnvelope(DOSSIER_DOCUMENT_DIGITIZED, {
      dossierCode: code,
      documentId: randomUUID(),
      kind,
      ...(kind === 'COMPONENT' ? { componentIndex: Math.max(componentsDigitized, 1) } : {}),
      reused,
      digitizedAt,
      componentsReceived,
      componentsDigitized,
      componentsReused,
    }),
    digitizedAt,
  );
}

/** One dossier of `mixedDossiers`: its code, instants (ms) and competent agency. */
export interface MixedDossier {
  i: number;
  code: string;
  received: number;
  due: number;
  competent: string;
}

/**
 * A mixed population received at agency `x` (codes `<x>-<codeDate>-<i>`): dossier i received `i % spreadDays` days
 * and i minutes after `base`, due `dueDays` later, competent `y` for every fourth (x otherwise), procedures and
 * channels in turn; `more` adds each dossier's other events after its reception.
 */
export function mixedDossiers(
  o: { count: number; x: string; y: string; codeDate: string; base: number; spreadDays: number; dueDays: number },
  more: (d: MixedDossier) => EventEnvelope<object>[],
): EventEnvelope<object>[] {
  const DAY = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  return Array.from({ length: o.count }, (_, i) => {
    const received = o.base + (i % o.spreadDays) * DAY + i * 60_000;
    const d: MixedDossier = {
      i,
      code: `${o.x}-${o.codeDate}-${String(i).padStart(4, '0')}`,
      received,
      due: received + o.dueDays * DAY,
      competent: i % 4 === 0 ? o.y : o.x,
    };
    return [
      receivedEvent({
        code: d.code,
        procedureCode: i % 2 ? '1.001193' : '2.000908',
        receiving: o.x,
        competent: d.competent,
        channel: (['ONLINE', 'COUNTER', 'POSTAL'] as const)[i % 3],
        receivedAt: iso(received),
        appointmentAt: iso(d.due),
      }),
      ...more(d),
    ];
  }).flat();
}
