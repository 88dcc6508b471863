import { smsSegments } from './sms-encoding';

describe('smsSegments', () => {
  it('counts pure GSM-7 text: 160 chars is one part, 161 is two, 306 two, 307 three', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM7', segments: 1, units: 160, unitsPerSegment: 160 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM7', segments: 2, units: 161, unitsPerSegment: 153 });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('treats Vietnamese without diacritics and GSM accented letters as GSM-7', () => {
    expect(smsSegments('Ho so cua ban da duoc tiep nhan. Ma: 000.00.06.H56-250701-0001').encoding).toBe('GSM7');
    expect(smsSegments('Xin chào, hẹn gặp').encoding).toBe('UCS2'); // ẹ, ặ are not GSM
    expect(smsSegments('à é è ù ì ò Ç Ø Å Δ £ ¥ §').encoding).toBe('GSM7');
    expect(smsSegments('@$_!\n\r').encoding).toBe('GSM7');
  });

  it('counts Vietnamese with diacritics as UCS-2: 70 chars one part, 71 two, 134 two, 135 three', () => {
    expect(smsSegments('ệ'.repeat(70))).toEqual({ encoding: 'UCS2', segments: 1, units: 70, unitsPerSegment: 70 });
    expect(smsSegments('ệ'.repeat(71))).toEqual({ encoding: 'UCS2', segments: 2, units: 71, unitsPerSegment: 67 });
    expect(smsSegments('ệ'.repeat(134)).segments).toBe(2);
    expect(smsSegments('ệ'.repeat(135)).segments).toBe(3);
    const text = 'Hồ sơ 000.00.06.H56-250701-0001 đã có kết quả, bưu điện sẽ giao trong ngày.';
    expect(smsSegments(text)).toMatchObject({ encoding: 'UCS2', units: text.length, segments: 2 });
  });

  it('counts GSM extension characters as two septets', () => {
    expect(smsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM7', units: 160, segments: 1 });
    expect(smsSegments('€'.repeat(80) + 'a')).toMatchObject({ units: 161, segments: 2 });
    expect(smsSegments('[]{}~^|\\\f').units).toBe(18);
    expect(smsSegments('a'.repeat(159) + '€')).toMatchObject({ units: 161, segments: 2 });
  });

  it('never splits an escape sequence or a surrogate pair across parts', () => {
    // 152 + 77 × 2 = 306 septets: 2 parts by arithmetic, 3 in reality (the € after 152 septets moves on)
    expect(smsSegments('a'.repeat(152) + '€'.repeat(77))).toMatchObject({ units: 306, segments: 3 });
    expect(smsSegments('a'.repeat(153) + '€'.repeat(76))).toMatchObject({ units: 305, segments: 2 });
    expect(smsSegments('😀'.repeat(35))).toMatchObject({ encoding: 'UCS2', units: 70, segments: 1 });
    // 66 + 2 (emoji moves to part 2) ... 67 units per part
    expect(smsSegments('ệ'.repeat(66) + '😀'.repeat(34))).toMatchObject({ units: 134, segments: 3 });
  });

  it('treats a non-GSM ASCII character and decomposed diacritics as UCS-2; empty text has no part', () => {
    expect(smsSegments('price `5`').encoding).toBe('UCS2');
    expect(smsSegments('e\u0301')).toMatchObject({ encoding: 'UCS2', units: 2 });
    expect(smsSegments('é')).toMatchObject({ encoding: 'GSM7', units: 1 });
    expect(smsSegments('')).toMatchObject({ segments: 0, units: 0 });
  });
});
