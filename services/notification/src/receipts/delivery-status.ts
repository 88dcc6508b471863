import type { DeliveryStatus } from '../messages/message.entity';

/** Provider error codes meaning "try again later might work": the handset was off, its memory full, … */
const TEMPORARY_CODES = new Set(['SUBSCRIBER_ABSENT', 'HANDSET_MEMORY_FULL', 'HANDSET_BUSY', 'NETWORK_TIMEOUT', 'EXPIRED', 'THROTTLED']);
const DELIVERED = new Set(['DELIVERED', 'DELIVRD', 'SUCCESS', 'DELIVERED_TO_HANDSET']);
const FAILED = new Set(['FAILED', 'UNDELIVERABLE', 'UNDELIV', 'REJECTED', 'REJECTD', 'EXPIRED', 'ERROR']);

/**
 * Maps an SMS provider's receipt status (and error code) to the normalised status: DELIVERED; a
 * TEMPORARY_FAILURE (subscriber absent, memory full, expired — the number exists); else a
 * PERMANENT_FAILURE (number not in service, blocked, rejected). Null for a status we do not know.
 */
export function normaliseSmsReceipt(status: string, errorCode?: string): DeliveryStatus | null {
  const s = status.trim().toUpperCase();
  if (DELIVERED.has(s)) return 'DELIVERED';
  if (!FAILED.has(s)) return null;
  const code = (errorCode ?? '').trim().toUpperCase();
  return TEMPORARY_CODES.has(code) || (code === '' && s === 'EXPIRED') ? 'TEMPORARY_FAILURE' : 'PERMANENT_FAILURE';
}

/** Final statuses are never replaced; a temporary failure may become either final status. */
export function receiptSupersedes(current: DeliveryStatus | null, next: DeliveryStatus): boolean {
  if (current === null) return true;
  if (current === 'TEMPORARY_FAILURE') return next !== 'TEMPORARY_FAILURE';
  return false;
}
