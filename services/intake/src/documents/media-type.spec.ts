import { isComplete, safeFileName, sniffMediaType } from './media-type';

describe('document media type by content', () => {
  it('recognises PDF, PNG and JPEG by their magic bytes only', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n…'))).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('image/png');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from('MZ\x90\x00 this program cannot be run in DOS mode'))).toBeNull();
    expect(sniffMediaType(Buffer.from('%PD'))).toBeNull();
    expect(sniffMediaType(Buffer.from(' %PDF-1.7'))).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
  });

  it('reduces a name to a harmless base name with the detected extension', () => {
    expect(safeFileName('../../etc/passwd.pdf', 'application/pdf')).toBe('passwd.pdf');
    expect(safeFileName('..\\..\\windows\\system32\\giấy khai sinh.pdf', 'image/png')).toBe('giấy khai sinh.png');
    expect(safeFileName('Giấy chứng sinh.JPG'.normalize('NFD'), 'image/jpeg')).toBe('Giấy chứng sinh.jpg');
    expect(safeFileName('..', 'application/pdf')).toBe('tai-lieu.pdf');
    expect(safeFileName(undefined, 'application/pdf')).toBe('tai-lieu.pdf');
    expect(safeFileName('a"\u0000b<>.pdf', 'application/pdf')).toBe('a__b__.pdf');
  });

  it('accepts only whole files: PDF %%EOF near the end, PNG ending in IEND, JPEG ending in FF D9', () => {
    const iend = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR…'), iend]);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF');
    expect(isComplete(pdf, 'application/pdf')).toBe(true);
    expect(isComplete(Buffer.concat([pdf, Buffer.from('\r\n  \0\0')]), 'application/pdf')).toBe(true);
    expect(isComplete(Buffer.concat([pdf, Buffer.alloc(900, 0x41)]), 'application/pdf')).toBe(true); // an incremental update's tail
    expect(isComplete(Buffer.concat([pdf, Buffer.alloc(1100, 0x41)]), 'application/pdf')).toBe(false);
    expect(isComplete(pdf.subarray(0, pdf.length - 1), 'application/pdf')).toBe(false);
    expect(isComplete(png, 'image/png')).toBe(true);
    expect(isComplete(Buffer.concat([png, Buffer.from('PK\u0003\u0004')]), 'image/png')).toBe(false);
    expect(isComplete(Buffer.concat([png, Buffer.from([0])]), 'image/png')).toBe(false); // nothing may follow IEND
    expect(isComplete(png.subarray(0, png.length - 1), 'image/png')).toBe(false);
    expect(isComplete(iend, 'image/png')).toBe(false);
    expect(isComplete(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0xff, 0xd9]), 'image/jpeg')).toBe(true);
    expect(isComplete(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0xff, 0xd9, 0x00, 0x0a]), 'image/jpeg')).toBe(true);
    expect(isComplete(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), 'image/jpeg')).toBe(false);
    expect(isComplete(Buffer.from([0xff, 0xd9]), 'image/jpeg')).toBe(false);
  });
});
