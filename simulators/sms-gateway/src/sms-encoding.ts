/**
 * SMS encoding and segment count as a handset or SMSC computes them (3GPP TS 23.038 / GSM 03.38).
 * Text is counted as given: callers that want fewer segments should NFC-normalise Vietnamese text first
 * (decomposed diacritics cost one UCS-2 unit each).
 */

export type SmsEncoding = 'GSM7' | 'UCS2';

export interface SmsSegmentInfo {
  encoding: SmsEncoding;
  /** Number of SMS parts (0 for empty text). */
  segments: number;
  /** Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2). */
  units: number;
  /** Capacity of one part for this message: 160/153 (GSM-7) or 70/67 (UCS-2). */
  unitsPerSegment: number;
}

/** GSM 03.38 default alphabet (ESC 0x1B excluded). */
const GSM7_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);
/** Extension table: each is sent as ESC + char, so costs two septets. */
const GSM7_EXTENSION = new Set(Array.from('\f^{}\\[~]|€'));

export const GSM7_SINGLE = 160;
export const GSM7_MULTI = 153;
export const UCS2_SINGLE = 70;
export const UCS2_MULTI = 67;

/** Cost of each character in its encoding's units. */
function costs(text: string): { encoding: SmsEncoding; costs: number[] } {
  const chars = Array.from(text); // code points, so surrogate pairs stay together
  const gsm = chars.every((c) => GSM7_BASIC.has(c) || GSM7_EXTENSION.has(c));
  if (gsm) return { encoding: 'GSM7', costs: chars.map((c) => (GSM7_EXTENSION.has(c) ? 2 : 1)) };
  return { encoding: 'UCS2', costs: chars.map((c) => c.length) };
}

/** Encoding and number of parts of an SMS; a character (escape pair, surrogate pair) is never split across parts. */
export function smsSegments(text: string): SmsSegmentInfo {
  const { encoding, costs: perChar } = costs(text);
  const units = perChar.reduce((a, b) => a + b, 0);
  const single = encoding === 'GSM7' ? GSM7_SINGLE : UCS2_SINGLE;
  const multi = encoding === 'GSM7' ? GSM7_MULTI : UCS2_MULTI;
  if (units === 0) return { encoding, segments: 0, units, unitsPerSegment: single };
  if (units <= single) return { encoding, segments: 1, units, unitsPerSegment: single };
  let segments = 1;
  let used = 0;
  for (const cost of perChar) {
    if (used + cost > multi) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, segments, units, unitsPerSegment: multi };
}
