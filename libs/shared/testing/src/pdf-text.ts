import { inflateSync } from 'zlib';

/**
 * A small text extractor for the uncompressed PDFs pdfkit writes: glyph ids in the content streams
 * (`<…> Tj`, `[<…> 12 <…>] TJ`) are mapped back to Unicode through each font's ToUnicode CMap.
 * Each text showing operation becomes one string; the result joins them with newlines.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const objects = new Map<string, string>();
  for (const m of source.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(m[1], m[2]);

  const cmapOf = (fontId: string): Map<string, string> => {
    const font = objects.get(fontId) ?? '';
    const ref = /\/ToUnicode (\d+) 0 R/.exec(font)?.[1];
    const cmap = new Map<string, string>();
    if (!ref) return cmap;
    const stream = objects.get(ref) ?? '';
    const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
    for (const block of stream.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) cmap.set(m[1].toLowerCase(), utf16(m[2]));
    }
    for (const block of stream.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
        const start = parseInt(m[1], 16);
        const end = parseInt(m[2], 16);
        const width = m[1].length;
        const targets = [...m[3].matchAll(/<([0-9a-fA-F]+)>/g)].map((t) => t[1]);
        for (let code = start; code <= end; code++) {
          const key = code.toString(16).padStart(width, '0');
          if (m[3].startsWith('[')) cmap.set(key, utf16(targets[code - start] ?? ''));
          else {
            const base = parseInt(targets[0], 16) + (code - start);
            cmap.set(key, String.fromCodePoint(base));
          }
        }
      }
    }
    return cmap;
  };

  // resource name (F1, F2 …) → font object id, from every page's font dictionary
  const fontIds = new Map<string, string>();
  for (const dict of source.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
    for (const m of dict[1].matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) fontIds.set(m[1], m[2]);
  }
  const cmaps = new Map<string, Map<string, string>>();
  const decode = (font: string, hex: string): string => {
    if (!cmaps.has(font)) cmaps.set(font, cmapOf(fontIds.get(font) ?? ''));
    const cmap = cmaps.get(font)!;
    const width = [...cmap.keys()][0]?.length ?? 4;
    let out = '';
    for (let i = 0; i < hex.length; i += width) out += cmap.get(hex.slice(i, i + width).toLowerCase()) ?? '\uFFFD';
    return out;
  };

  const lines: string[] = [];
  for (const stream of source.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    let font = '';
    for (const op of stream[1].matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (op[1]) font = op[1];
      else if (op[2] !== undefined) lines.push([...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => decode(font, h[1])).join(''));
      else if (op[3] !== undefined) lines.push(decode(font, op[3]));
    }
  }
  return lines.join('\n').normalize('NFC');
}

/** Width and height of every image XObject in the PDF. */
export function pdfImages(pdf: Buffer): Array<{ width: number; height: number }> {
  const source = pdf.toString('latin1');
  return [...source.matchAll(/(\d+) 0 obj\s*<<([\s\S]*?)>>\s*stream/g)]
    .filter((m) => /\/Subtype\s*\/Image/.test(m[2]))
    .map((m) => ({ width: Number(/\/Width (\d+)/.exec(m[2])?.[1]), height: Number(/\/Height (\d+)/.exec(m[2])?.[1]) }));
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The decoded (inflated) pixel data of every image XObject, in the order they appear. */
export function pdfImageData(pdf: Buffer): Buffer[] {
  const source = pdf.toString('latin1');
  const out: Buffer[] = [];
  for (const m of source.matchAll(/\d+ 0 obj\s*<<([\s\S]*?)>>\s*stream\r?\n/g)) {
    if (!/\/Subtype\s*\/Image/.test(m[1])) continue;
    const length = Number(/\/Length (\d+)/.exec(m[1])?.[1]);
    const start = m.index! + m[0].length;
    const data = pdf.subarray(start, start + length);
    out.push(/\/FlateDecode/.test(m[1]) ? inflateSync(data) : Buffer.from(data));
  }
  return out;
}

/** The text with every run of white space (line breaks included) as one space, for phrase assertions. */
export const flat = (text: string) => text.replace(/\s+/g, ' ');
