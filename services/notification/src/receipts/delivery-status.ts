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

/** Zalo's delivery event, and the failure event of delivery reports (see the simulator's README). */
export const ZALO_DELIVERED_EVENT = 'user_received_message';
export const ZALO_FAILED_EVENT = 'user_not_received_message';
/** ZNS delivery errors after which the user may still get a later message: the device stayed offline, quota of the user. */
const ZALO_TEMPORARY_ERRORS = new Set([-201, -202]);

/**
 * Maps a Zalo delivery event to the normalised status: `user_received_message` → DELIVERED; the
 * failure event → TEMPORARY_FAILURE for an offline device (-201) or a user's daily quota (-202), else
 * PERMANENT_FAILURE (blocked the OA, inactive account, …). Null for any other event (Zalo posts many:
 * follows, user messages; they are acknowledged and ignored).
 */
export function normaliseZaloReceipt(eventName: string, error?: number): DeliveryStatus | null {
  if (eventName === ZALO_DELIVERED_EVENT) return 'DELIVERED';
  if (eventName !== ZALO_FAILED_EVENT) return null;
  return error !== undefined && ZALO_TEMPORARY_ERRORS.has(error) ? 'TEMPORARY_FAILURE' : 'PERMANENT_FAILURE';
}

/** Final statuses are never replaced; a temporary failure may become either final status. */
export function receiptSupersedes(current: DeliveryStatus | null, next: DeliveryStatus): boolean {
  if (current === null) return true;
  if (current === 'TEMPORARY_FAILURE') return next !== 'TEMPORARY_FAILURE';
  return false;
}
