import PDFDocument from 'pdfkit';
import { toLocalIso } from '@motcua/calendar';

/** DejaVu Sans covers Vietnamese (precomposed letters with diacritics); pdfkit embeds the used subset. */
export const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/**
 * An A4 pdfkit document with the Vietnamese fonts registered. Streams stay uncompressed: the files are
 * small and their text stays inspectable (pdfkit writes a ToUnicode map for each embedded font).
 */
export function newDocument(options: PDFKit.PDFDocumentOptions = {}): PDFKit.PDFDocument {
  const doc = new PDFDocument({ compress: false, size: 'A4', margin: 50, ...options });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  doc.font('regular');
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function render(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Local (Vietnam) time as written on forms: `14:30 ngày 27/11/2026`. */
export function viDateTime(at: Date): string {
  const iso = toLocalIso(at); // 2026-11-27T14:30:00.000+07:00
  const [, y, mo, d, h, mi] = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(iso)!;
  return `${h}:${mi} ngày ${d}/${mo}/${y}`;
}

/** The national motto every administrative form opens with. */
export function motto(doc: PDFKit.PDFDocument): void {
  doc.font('bold').fontSize(12).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center' });
  doc.font('bold').fontSize(11).text('Độc lập - Tự do - Hạnh phúc', { align: 'center' });
  doc.moveDown(1.5);
}
