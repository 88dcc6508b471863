import { createHash, timingSafeEqual } from 'crypto';

/**
 * Zalo's webhook signature: header `X-ZEvent-Signature: mac=<hex SHA-256 of appId + raw body +
 * timestamp + OA secret key>` (the timestamp is the event's `timestamp` field). False when the app id
 * or key is not configured, or the header is missing or wrong.
 */
export function verifyZaloSignature(
  header: string | undefined,
  appId: string | undefined,
  rawBody: Buffer,
  timestamp: string,
  oaSecretKey: string | undefined,
): boolean {
  if (!header || !appId || !oaSecretKey) return false;
  const given = header.trim().replace(/^mac=/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = createHash('sha256').update(appId).update(rawBody).update(timestamp).update(oaSecretKey).digest();
  return timingSafeEqual(Buffer.from(given, 'hex'), expected);
}
