/**
 * Text of an uncompressed pdfkit PDF: each font's ToUnicode CMap (bfchar / bfrange) maps the glyph ids
 * shown by `Tj` / `TJ` in the content streams back to Unicode. One string per showing operation,
 * joined by newlines, NFC.
 */
export function pdfText(pdf: Buffer): string {
  const src = pdf.toString('latin1');
  const objects = new Map<string, string>();
  for (const m of src.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(m[1], m[2]);
  const utf16be = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');

  const cmaps = new Map<string, Map<string, string>>();
  const cmapOfFont = (fontObject: string): Map<string, string> => {
    const cached = cmaps.get(fontObject);
    if (cached) return cached;
    const map = new Map<string, string>();
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObject) ?? '')?.[1];
    const cmap = ref ? (objects.get(ref) ?? '') : '';
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const m of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) map.set(m[1].toLowerCase(), utf16be(m[2]));
    }
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const m of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi)) {
        const [from, to] = [parseInt(m[1], 16), parseInt(m[2], 16)];
        const targets = [...m[3].matchAll(/<([0-9a-f]+)>/gi)].map((t) => t[1]);
        for (let code = from; code <= to; code++) {
          const key = code.toString(16).padStart(m[1].length, '0');
          map.set(
            key,
            m[3].startsWith('[') ? utf16be(targets[code - from] ?? '') : String.fromCodePoint(parseInt(targets[0], 16) + code - from),
          );
        }
      }
    }
    cmaps.set(fontObject, map);
    return map;
  };

  const fontObjects = new Map<string, string>(); // resource name (F1 …) → object id
  for (const dict of src.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
    for (const m of dict[1].matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) fontObjects.set(m[1], m[2]);
  }
  const decode = (font: string, hex: string) => {
    const map = cmapOfFont(fontObjects.get(font) ?? '');
    const width = map.keys().next().value?.length ?? 4;
    let out = '';
    for (let i = 0; i < hex.length; i += width) out += map.get(hex.slice(i, i + width).toLowerCase()) ?? '\uFFFD';
    return out;
  };

  const shown: string[] = [];
  for (const stream of src.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    let font = '';
    for (const op of stream[1].matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (op[1]) font = op[1];
      else if (op[2] !== undefined) shown.push([...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => decode(font, h[1])).join(''));
      else shown.push(decode(font, op[3]));
    }
  }
  return shown.join('\n').normalize('NFC');
}

/** The text with every run of white space (line breaks included) as one space, for phrase assertions. */
export const flat = (text: string) => text.replace(/\s+/g, ' ');
