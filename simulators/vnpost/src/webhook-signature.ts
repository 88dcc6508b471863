import { createHmac, timingSafeEqual } from 'node:crypto';

export const VNPOST_WEBHOOK_TIMESTAMP_HEADER = 'x-vnpost-timestamp';
export const VNPOST_WEBHOOK_SIGNATURE_HEADER = 'x-vnpost-signature';

/** Hex HMAC-SHA256 over `${timestamp}.${rawBody}`. */
export function signVnpostWebhook(secret: string, timestamp: number | string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}.`)
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest('hex');
}

export type VnpostWebhookHeaders = Record<string, string | string[] | undefined>;

export type VnpostWebhookVerdict =
  { valid: true; timestamp: number } | { valid: false; reason: 'MISSING_HEADERS' | 'BAD_TIMESTAMP' | 'STALE_TIMESTAMP' | 'BAD_SIGNATURE' };

function header(headers: VnpostWebhookHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Like {@link verifyVnpostWebhook} but tells why a delivery was rejected (for logs). */
export function checkVnpostWebhook(
  secret: string,
  headers: VnpostWebhookHeaders,
  rawBody: string | Buffer,
  nowSeconds: number,
  toleranceSeconds: number,
): VnpostWebhookVerdict {
  const timestampText = header(headers, VNPOST_WEBHOOK_TIMESTAMP_HEADER);
  const signature = header(headers, VNPOST_WEBHOOK_SIGNATURE_HEADER);
  if (!timestampText || !signature) return { valid: false, reason: 'MISSING_HEADERS' };
  if (!/^\d{1,12}$/.test(timestampText)) return { valid: false, reason: 'BAD_TIMESTAMP' };
  const timestamp = Number(timestampText);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { valid: false, reason: 'STALE_TIMESTAMP' };
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) return { valid: false, reason: 'BAD_SIGNATURE' };
  const expected = Buffer.from(signVnpostWebhook(secret, timestampText, rawBody), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { valid: false, reason: 'BAD_SIGNATURE' };
  }
  return { valid: true, timestamp };
}

/**
 * Verifies a webhook delivery: both headers present, timestamp within `toleranceSeconds` of
 * `nowSeconds`, signature equal (constant time) to the HMAC of the raw body as received.
 */
export function verifyVnpostWebhook(
  secret: string,
  headers: VnpostWebhookHeaders,
  rawBody: string | Buffer,
  nowSeconds: number,
  toleranceSeconds: number,
): boolean {
  return checkVnpostWebhook(secret, headers, rawBody, nowSeconds, toleranceSeconds).valid;
}
