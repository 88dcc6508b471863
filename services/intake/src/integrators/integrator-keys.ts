import { createHash, randomBytes, timingSafeEqual } from 'crypto';

const PREFIX_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
/** `mck_{prefix}.{secret}`: 10 characters of public prefix, 43 of base64url secret (256 bits). */
export const KEY_FORMAT = /^mck_([a-z2-9]{10})\.([A-Za-z0-9_-]{43})$/;

export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export function newKey(): { key: string; prefix: string; hash: string } {
  const prefix = Array.from(randomBytes(10), (b) => PREFIX_ALPHABET[b % PREFIX_ALPHABET.length]).join('');
  const key = `mck_${prefix}.${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashKey(key) };
}

/** The prefix of a well-formed key, or null. */
export const prefixOf = (key: string) => KEY_FORMAT.exec(key)?.[1] ?? null;

export function keyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
