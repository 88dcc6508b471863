import type { ResultDeliveryMethod } from '@motcua/contracts';
import { DossierRecipient } from '../recipients/dossier-recipient.entity';
import { Purpose, TemplateKey } from '../templates/template-catalog';

export interface DueMessage {
  purpose: Purpose;
  key: TemplateKey;
  /** Raw placeholder values (instants as ISO strings), formatted by their types when rendered. */
  raw: Record<string, string>;
}

export function lookupLink(baseUrl: string, dossierCode: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(dossierCode)}`;
}

function resultReadyKey(delivery: ResultDeliveryMethod | null): TemplateKey {
  if (delivery === 'POST') return 'RESULT_READY_POST';
  if (delivery === 'ONLINE') return 'RESULT_READY_ONLINE';
  return 'RESULT_READY_COUNTER';
}

/**
 * The messages a dossier's known facts call for: nothing until `dossier.received` told us who the
 * citizen is, then one per step reached — received, supplement requested, extended, stopped,
 * refused, result ready,
 * delivered, held at the counter — in that order, so that
 * events handled out of order still give each message exactly once and in the order the citizen
 * lived it. Queueing deduplicates, so calling this again after every event is safe.
 */
export function dueMessages(r: DossierRecipient, publicLookupUrl: string): DueMessage[] {
  if (!r.receivedAt || !r.appointmentAt) return [];
  const base = { code: r.dossierCode, lookupLink: lookupLink(publicLookupUrl, r.dossierCode) };
  const out: DueMessage[] = [
    {
      purpose: 'DOSSIER_RECEIVED',
      key: 'DOSSIER_RECEIVED',
      raw: {
        ...base,
        procedureName: r.procedureName ?? '',
        applicantName: r.applicantName ?? '',
        appointment: r.appointmentAt.toISOString(),
      },
    },
  ];
  if (r.supplementRequestedAt) {
    out.push({
      purpose: 'SUPPLEMENT_REQUESTED',
      key: 'SUPPLEMENT_REQUESTED',
      raw: {
        ...base,
        reason: r.supplementReason ?? '',
        items: r.supplementItems || (r.supplementReason ?? ''),
        requestedAt: r.supplementRequestedAt.toISOString(),
      },
    });
  }
  if (r.extendedAt && r.newAppointmentAt) {
    out.push({
      purpose: 'EXTENDED',
      key: 'EXTENDED',
      raw: { ...base, reason: r.extensionReason ?? '', newAppointment: r.newAppointmentAt.toISOString() },
    });
  }
  if (r.stoppedAt) out.push({ purpose: 'STOPPED', key: 'STOPPED', raw: { ...base, reason: r.stopReason ?? '' } });
  if (r.refusedAt) out.push({ purpose: 'REFUSED', key: 'REFUSED', raw: { ...base, reason: r.refusalReason ?? '' } });
  if (r.resolvedAt) out.push({ purpose: 'RESULT_READY', key: resultReadyKey(r.resultDelivery), raw: base });
  if (r.deliveredByPostAt) {
    out.push({ purpose: 'RESULT_DELIVERED', key: 'RESULT_DELIVERED', raw: { ...base, deliveredAt: r.deliveredByPostAt.toISOString() } });
  }
  if (r.returnedToCentreAt) {
    out.push({
      purpose: 'RESULT_HELD_AT_COUNTER',
      key: 'RESULT_HELD_AT_COUNTER',
      raw: { ...base, returnedAt: r.returnedToCentreAt.toISOString() },
    });
  }
  return out;
}
