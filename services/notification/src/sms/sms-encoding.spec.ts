import { isGsm7, smsLength, stripVietnameseDiacritics } from './sms-encoding';

describe('SMS length and encoding', () => {
  it('counts GSM-7 septets, extension characters as two, 160 in one part and 153 per part beyond', () => {
    expect(smsLength('Ho so da co ket qua')).toEqual({ encoding: 'GSM7', segments: 1, units: 19 });
    expect(smsLength('a'.repeat(160)).segments).toBe(1);
    expect(smsLength('a'.repeat(161)).segments).toBe(2);
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307)).segments).toBe(3);
    expect(smsLength('€'.repeat(80))).toEqual({ encoding: 'GSM7', segments: 1, units: 160 });
    // an escape pair is never split: 152 + '€' does not fit in 153
    expect(smsLength('a'.repeat(152) + '€' + 'a'.repeat(10)).segments).toBe(2);
    expect(smsLength('').segments).toBe(0);
  });

  it('switches to UCS-2 for Vietnamese diacritics: 70 in one part, 67 per part beyond', () => {
    expect(smsLength('Hồ sơ đã có kết quả')).toEqual({ encoding: 'UCS2', segments: 1, units: 19 });
    expect(smsLength('ồ'.repeat(70)).segments).toBe(1);
    expect(smsLength('ồ'.repeat(71)).segments).toBe(2);
    expect(smsLength('ồ'.repeat(135)).segments).toBe(3);
    // decomposed (NFD) text costs more units than NFC
    expect(smsLength('ồ'.normalize('NFD')).units).toBe(3);
  });

  it('removes Vietnamese diacritics, đ → d included, leaving GSM-7 text', () => {
    const text = 'Hồ sơ của Ông/Bà Nguyễn Thị Hòa đã được tiếp nhận. ĐẶNG Ưng Ửng; Trả kết quả: 09:00 ngày 06/01/2026';
    const plain = stripVietnameseDiacritics(text);
    expect(plain).toBe('Ho so cua Ong/Ba Nguyen Thi Hoa da duoc tiep nhan. DANG Ung Ung; Tra ket qua: 09:00 ngay 06/01/2026');
    expect(isGsm7(plain)).toBe(true);
    expect(stripVietnameseDiacritics('Đường Lê Lợi'.normalize('NFD'))).toBe('Duong Le Loi');
    expect(stripVietnameseDiacritics('giá 5₫ 😀')).toBe('gia 5? ?');
  });
});
