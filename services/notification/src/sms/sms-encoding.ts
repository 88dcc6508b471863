/**
 * SMS encoding and segment count (3GPP TS 23.038 / GSM 03.38), as the gateway bills them: GSM-7 when
 * every character is in the default alphabet or its extension table (extension characters cost two
 * septets), otherwise UCS-2 (UTF-16 code units). One part holds 160 septets / 70 units; a concatenated
 * message's parts hold 153 / 67, and a character is never split across parts.
 */
export type SmsEncoding = 'GSM7' | 'UCS2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** Number of parts billed (0 for an empty text). */
  segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
}

const GSM7_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);
const GSM7_EXTENSION = new Set(Array.from('\f^{}\\[~]|€'));

export function isGsm7(text: string): boolean {
  return Array.from(text).every((c) => GSM7_BASIC.has(c) || GSM7_EXTENSION.has(c));
}

export function smsLength(text: string): SmsLength {
  const chars = Array.from(text);
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM7' : 'UCS2';
  const costs = chars.map((c) => (encoding === 'GSM7' ? (GSM7_EXTENSION.has(c) ? 2 : 1) : c.length));
  const units = costs.reduce((a, b) => a + b, 0);
  const [single, multi] = encoding === 'GSM7' ? [160, 153] : [70, 67];
  if (units === 0) return { encoding, segments: 0, units };
  if (units <= single) return { encoding, segments: 1, units };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > multi) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, segments, units };
}

/**
 * Vietnamese without diacritics ("tiếng Việt không dấu"), for providers or routes that only carry
 * GSM-7: tone marks and vowel hats/horns removed, đ/Đ → d/D. Other characters outside GSM-7 become '?'.
 */
export function stripVietnameseDiacritics(text: string): string {
  const stripped = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
  return Array.from(stripped)
    .map((c) => (isGsm7(c) ? c : '?'))
    .join('');
}
