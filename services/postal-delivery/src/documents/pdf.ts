import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';

/** DejaVu Sans covers Vietnamese (precomposed letters with diacritics); pdfkit embeds the used subset. */
export const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/**
 * A pdfkit document with the Vietnamese fonts registered. Streams are left uncompressed: the files are
 * small, and text and images stay inspectable (pdfkit writes a ToUnicode map for each embedded font).
 */
export function newDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  const doc = new PDFDocument({ compress: false, ...options });
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

/** A Code 128 barcode as PNG (the human-readable text is printed separately, in our font). */
export function code128Png(text: string): Promise<Buffer> {
  return bwipjs.toBuffer({ bcid: 'code128', text, scale: 3, height: 14, includetext: false, paddingwidth: 4, paddingheight: 2 });
}
