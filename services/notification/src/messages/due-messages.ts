import type { ResultDeliveryMethod } from '@motcua/contracts';
import { DossierNotice } from '../recipients/dossier-notice.entity';
import { DossierRecipient } from '../recipients/dossier-recipient.entity';
import { Purpose, TEMPLATE_KEYS, TemplateKey } from '../templates/template-catalog';

export interface DueMessage {
  purpose: Purpose;
  key: TemplateKey;
  /** Idempotency key of the message (with channel and recipient): see `Message.messageKey`. */
  messageKey: string;
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

const BEFORE_RESULT = new Set(['SUPPLEMENT_REQUESTED', 'EXTENDED']);

/**
 * The messages a dossier's known facts call for: nothing until `dossier.received` told us who the
 * citizen is, then one per step reached, in the order the citizen lives them — received; each
 * supplement request and extension (in time order); stopped; refused; result ready; each delivery
 * attempt (out for delivery, failed); delivered; held at the counter (brought back by the post, or not
 * going by post) — so that events handled out of
 * order still give each message exactly once. Steps told once per dossier are keyed
 * `<code>/<purpose>`, repeatable ones `<code>/<purpose>/<occurrence>`. Queueing deduplicates on the
 * key, so calling this again after every event is safe.
 */
export function dueMessages(r: DossierRecipient, notices: DossierNotice[], publicLookupUrl: string): DueMessage[] {
  if (!r.receivedAt || !r.appointmentAt) return [];
  const base = { code: r.dossierCode, lookupLink: lookupLink(publicLookupUrl, r.dossierCode) };
  const once = (purpose: Purpose, key: TemplateKey, raw: Record<string, string>): DueMessage => ({
    purpose,
    key,
    messageKey: `${r.dossierCode}/${purpose}`,
    raw,
  });
  const each = (n: DossierNotice): DueMessage => {
    const key = n.templateKey as TemplateKey;
    return {
      purpose: TEMPLATE_KEYS[key].purpose,
      key,
      messageKey: `${r.dossierCode}/${n.kind}/${n.occurrence}`,
      raw: { ...n.values, ...base },
    };
  };
  const known = notices.filter((n) => n.templateKey in TEMPLATE_KEYS);
  const out: DueMessage[] = [
    once('DOSSIER_RECEIVED', 'DOSSIER_RECEIVED', {
      ...base,
      procedureName: r.procedureName ?? '',
      applicantName: r.applicantName ?? '',
      appointment: r.appointmentAt.toISOString(),
    }),
  ];
  out.push(...known.filter((n) => BEFORE_RESULT.has(n.kind)).map(each));
  if (r.stoppedAt) out.push(once('STOPPED', 'STOPPED', { ...base, reason: r.stopReason ?? '' }));
  if (r.refusedAt) out.push(once('REFUSED', 'REFUSED', { ...base, reason: r.refusalReason ?? '' }));
  if (r.resolvedAt) out.push(once('RESULT_READY', resultReadyKey(r.resultDelivery), base));
  out.push(...known.filter((n) => !BEFORE_RESULT.has(n.kind)).map(each));
  if (r.deliveredByPostAt) {
    out.push(once('RESULT_DELIVERED', 'RESULT_DELIVERED', { ...base, deliveredAt: r.deliveredByPostAt.toISOString() }));
  }
  if (r.returnedToCentreAt) {
    // one message per dossier, whichever told it first: brought back by the post, or not going by post (with why)
    out.push(
      r.heldAtCounterReason !== null
        ? once('RESULT_HELD_AT_COUNTER', 'RESULT_HELD_AT_COUNTER_NOT_BY_POST', { ...base, reason: r.heldAtCounterReason })
        : once('RESULT_HELD_AT_COUNTER', 'RESULT_HELD_AT_COUNTER', { ...base, returnedAt: r.returnedToCentreAt.toISOString() }),
    );
  }
  return out;
}
