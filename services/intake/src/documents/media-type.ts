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
