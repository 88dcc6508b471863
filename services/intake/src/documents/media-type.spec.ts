import { safeFileName, sniffMediaType } from './media-type';

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
});
