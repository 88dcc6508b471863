export type DocumentMediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

const SIGNATURES: Array<{ type: DocumentMediaType; magic: number[]; extension: string }> = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d], extension: 'pdf' }, // %PDF-
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], extension: 'png' },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff], extension: 'jpg' },
];

/** The media type from the first bytes (PDF, PNG, JPEG), or null for anything else. Names and declared types are ignored. */
export function sniffMediaType(data: Buffer): DocumentMediaType | null {
  return SIGNATURES.find((s) => data.length >= s.magic.length && s.magic.every((b, i) => data[i] === b))?.type ?? null;
}

const PNG_IEND = Buffer.from([0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const TRAILING = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);

/**
 * Whether the bytes end as a whole file of that type: a PDF's `%%EOF` marker in its last 1,024 bytes, a
 * PNG's IEND chunk as the last bytes, a JPEG's end-of-image marker (FF D9); trailing whitespace or NULs are
 * tolerated. A truncated upload, or a PNG/JPEG carrying another file after its end (a polyglot), fails.
 */
export function isComplete(data: Buffer, type: DocumentMediaType): boolean {
  let end = data.length;
  if (type !== 'image/png') while (end > 0 && TRAILING.has(data[end - 1])) end--;
  if (type === 'application/pdf') return data.subarray(Math.max(0, end - 1024), end).includes('%%EOF');
  if (type === 'image/png') return end >= 8 + PNG_IEND.length && data.subarray(end - PNG_IEND.length, end).equals(PNG_IEND);
  return end >= 5 && data[end - 2] === 0xff && data[end - 1] === 0xd9;
}

export const extensionOf = (type: DocumentMediaType) => SIGNATURES.find((s) => s.type === type)!.extension;

/**
 * A harmless display name: the last path segment (either separator), NFC, no control or reserved
 * characters, at most 120 characters, with the extension of the detected type.
 */
export function safeFileName(original: string | undefined, type: DocumentMediaType): string {
  const base = (original ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/\.[^.]*$/, '')
    .replace(/[\u0000-\u001f\u007f"<>:|?*%]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 120);
  return `${stem || 'tai-lieu'}.${extensionOf(type)}`;
}
