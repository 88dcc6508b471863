import fc from 'fast-check';
import { validateSync } from 'class-validator';
import {
  citizenIdProblem,
  LEGACY_PROVINCE_CODES,
  NoControlCharacters,
  normalisePhone,
  PERSON_NAME,
  TWO_LEVEL_PROVINCE_CODES,
  VN_PHONE,
} from './vietnamese-data';

const NOW = new Date('2026-11-25T00:00:00Z');
const province = fc.constantFrom(...LEGACY_PROVINCE_CODES);
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));

describe('Vietnamese data rules', () => {
  it('accepts every CCCD built from a province code, a 1900s or 2000s (≤ this year) birth and any serial', () => {
    fc.assert(
      fc.property(province, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 99 }), digits(6), (p, c, yy, serial) => {
        fc.pre(c < 2 || 2000 + yy <= 2026);
        expect(citizenIdProblem(`0${p}${c}${String(yy).padStart(2, '0')}${serial}`, NOW)).toBeNull();
      }),
    );
  });

  it('names the rule for each kind of wrong CCCD', () => {
    expect(citizenIdProblem('03819000123', NOW)?.rule).toBe('isCitizenId');
    expect(citizenIdProblem('0381900012345', NOW)?.rule).toBe('isCitizenId');
    expect(citizenIdProblem('03819000123a', NOW)?.rule).toBe('isCitizenId');
    expect(citizenIdProblem('０３８１９０００１２３４', NOW)?.rule).toBe('isCitizenId'); // full-width digits
    expect(citizenIdProblem(38190001234, NOW)?.rule).toBe('isCitizenId');
    expect(citizenIdProblem('003190001234', NOW)?.rule).toBe('citizenIdProvince'); // 003 is no province
    expect(citizenIdProblem('138190001234', NOW)?.rule).toBe('citizenIdProvince');
    expect(citizenIdProblem('038299001234', NOW)?.rule).toBe('citizenIdBirthYear'); // born 2099
    expect(citizenIdProblem('038500001234', NOW)?.rule).toBe('citizenIdBirthYear'); // 22nd century
    expect(citizenIdProblem('038226001234', NOW)).toBeNull(); // born 2026
  });

  it('refuses any 12-digit string whose province part is not a province code', () => {
    const legacy = new Set<string>(LEGACY_PROVINCE_CODES);
    fc.assert(
      fc.property(digits(12), (id) => {
        const problem = citizenIdProblem(id, NOW);
        if (!id.startsWith('0') || !legacy.has(id.slice(1, 3))) expect(problem?.rule).toBe('citizenIdProvince');
      }),
    );
  });

  it('phones: mobile 03/05/07/08/09 + 8 digits, fixed 02 + 9 digits; +84 and separators normalised', () => {
    for (const ok of ['0312345678', '0512345678', '0712345678', '0812345678', '0912345678', '02373851234'])
      expect(VN_PHONE.test(ok)).toBe(true);
    for (const bad of ['0112345678', '0412345678', '0612345678', '091234567', '09123456789', '0237385123', '912345678'])
      expect(VN_PHONE.test(bad)).toBe(false);
    expect(normalisePhone('+84 912 345 678')).toBe('0912345678');
    expect(normalisePhone('84912345678')).toBe('0912345678');
    expect(normalisePhone('0912.345.678')).toBe('0912345678');
    expect(normalisePhone('+84 237 385 1234')).toBe('02373851234');
    expect(normalisePhone(912345678)).toBe(912345678);
    fc.assert(
      fc.property(fc.constantFrom('3', '5', '7', '8', '9'), digits(8), (p, rest) => {
        expect(VN_PHONE.test(normalisePhone(`+84${p}${rest}`) as string)).toBe(true);
      }),
    );
  });

  it('names: letters with diacritics (NFC), spaces, apostrophes, hyphens; no digits, markup or control characters', () => {
    for (const ok of ['Nguyễn Thị Hòa', 'Đặng Văn Ơn', "H'Hen Niê", 'Nguyễn Thị Ánh-Dương'])
      expect(PERSON_NAME.test(ok.normalize('NFC'))).toBe(true);
    for (const bad of ['X1', '<b>An</b>', ' An', 'An\u0000', 'An\u200bBình', '-An']) expect(PERSON_NAME.test(bad)).toBe(false);
  });

  it('the two-level tree is 34 provinces, each also a legacy code', () => {
    expect(new Set(TWO_LEVEL_PROVINCE_CODES).size).toBe(34);
    expect(new Set(LEGACY_PROVINCE_CODES).size).toBe(63);
    for (const p of TWO_LEVEL_PROVINCE_CODES) expect(LEGACY_PROVINCE_CODES).toContain(p);
  });
});

describe('NoControlCharacters', () => {
  class OneLine {
    @NoControlCharacters() v!: unknown;
  }
  class Text {
    @NoControlCharacters({ lineBreaks: true }) v!: unknown;
  }
  const ok = (cls: new () => { v: unknown }, v: unknown) => validateSync(Object.assign(new cls(), { v })).length === 0;

  it('refuses NUL, other control and invisible format characters; multi-line text keeps \\n, \\r and \\t', () => {
    expect(ok(OneLine, 'Số 1 Lê Lợi')).toBe(true);
    for (const bad of ['a\u0000b', 'a\u0007', 'a\nb', 'a\u200bb', 'a\u202eb']) expect(ok(OneLine, bad)).toBe(false);
    expect(ok(Text, 'Dòng 1\r\nDòng 2\tcột')).toBe(true);
    for (const bad of ['a\u0000b', 'a\u001bb', 'a\u200bb']) expect(ok(Text, bad)).toBe(false);
    expect(ok(OneLine, 42)).toBe(true); // the type is another rule's business
  });
});
