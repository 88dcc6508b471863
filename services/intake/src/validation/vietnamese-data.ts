import { Transform } from 'class-transformer';
import { ValidateBy, ValidationArguments } from 'class-validator';

/**
 * Province codes of the 63 provinces before 07/2025 (GSO codes; also the first three digits of a
 * citizen ID, "mã tỉnh nơi đăng ký khai sinh", Circular 59/2021/TT-BCA, with a leading 0). Verify
 * against the current circular before production use.
 */
export const LEGACY_PROVINCE_CODES = [
  '01', '02', '04', '06', '08', '10', '11', '12', '14', '15', '17', '19', '20', '22', '24', '25', '26', '27', '30', '31', '33',
  '34', '35', '36', '37', '38', '40', '42', '44', '45', '46', '48', '49', '51', '52', '54', '56', '58', '60', '62', '64', '66',
  '67', '68', '70', '72', '74', '75', '77', '79', '80', '82', '83', '84', '86', '87', '89', '91', '92', '93', '94', '95', '96',
] as const; // prettier-ignore

/**
 * The 34 provinces of the two-level government since 01/07/2025 (Resolution 202/2025/QH15; each kept
 * the code of one of the merged provinces). Verify against the official list before production use.
 */
export const TWO_LEVEL_PROVINCE_CODES = [
  '01', '04', '08', '11', '12', '14', '15', '19', '20', '22', '24', '25', '31', '33', '37', '38', '40', '42', '44', '46', '48',
  '51', '52', '56', '66', '68', '75', '79', '80', '82', '86', '91', '92', '96',
] as const; // prettier-ignore

const LEGACY = new Set<string>(LEGACY_PROVINCE_CODES);
const TWO_LEVEL = new Set<string>(TWO_LEVEL_PROVINCE_CODES);

export interface RuleProblem {
  rule: string;
  message: string;
}

/**
 * A citizen ID (CCCD / số định danh cá nhân): 12 digits = province of birth registration (3, one of the
 * 63 codes) + gender and century (1: 0/1 born 1900–1999, 2/3 born 2000–2099, male/female) + the last two
 * digits of the birth year (2) + a random number (6). Answers the first broken rule, or null.
 */
export function citizenIdProblem(value: unknown, now: Date = new Date()): RuleProblem | null {
  if (typeof value !== 'string' || !/^\d{12}$/.test(value)) {
    return { rule: 'isCitizenId', message: 'Số định danh cá nhân phải gồm đúng 12 chữ số' };
  }
  if (!value.startsWith('0') || !LEGACY.has(value.slice(1, 3))) {
    return { rule: 'citizenIdProvince', message: 'Ba chữ số đầu của số định danh cá nhân không phải mã tỉnh nơi đăng ký khai sinh' };
  }
  const centuryDigit = Number(value[3]);
  const year = (centuryDigit < 2 ? 1900 : centuryDigit < 4 ? 2000 : 9999) + Number(value.slice(4, 6));
  if (year > now.getUTCFullYear()) {
    return { rule: 'citizenIdBirthYear', message: 'Chữ số thứ 4–6 của số định danh cá nhân (giới tính, năm sinh) không hợp lệ' };
  }
  return null;
}

/** Mobile (03, 05, 07, 08, 09 + 8 digits) or fixed (02x… 11 digits) number, in national form. */
export const VN_PHONE = /^0(?:[35789]\d{8}|2\d{9})$/;

/** `+84 912 345 678`, `84912345678`, `0912.345.678` → `0912345678`; anything else is left as it is. */
export function normalisePhone(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const compact = value.trim().replace(/[\s.-]/g, '');
  const m = /^(?:\+?84)([1-9]\d{8,9})$/.exec(compact);
  return m ? `0${m[1]}` : compact;
}

/** Trims, collapses inner spaces (NFC is applied to every body by the platform's pipe). */
export const NormaliseName = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim().replace(/\s+/g, ' ') : value));

export const NormalisePhone = () => Transform(({ value }: { value: unknown }) => normalisePhone(value));

/** Letters (any script, with their diacritics), spaces, apostrophes, dots and hyphens; starts with a letter. */
export const PERSON_NAME = /^\p{L}[\p{L}\p{M} .'-]*$/u;

export const IsCitizenId = () =>
  ValidateBy({
    name: 'isCitizenId',
    validator: {
      validate: (value: unknown) => citizenIdProblem(value) === null,
      defaultMessage: (args?: ValidationArguments) => citizenIdProblem(args?.value)?.message ?? 'Số định danh cá nhân không hợp lệ',
    },
  });

export const IsVnPhone = (message = 'Số điện thoại không hợp lệ: di động 10 chữ số (03, 05, 07, 08, 09), cố định 11 chữ số (02…)') =>
  ValidateBy({
    name: 'isVnPhone',
    validator: { validate: (v: unknown) => typeof v === 'string' && VN_PHONE.test(v), defaultMessage: () => message },
  });

/**
 * A province code valid for the address tree the object uses: with a `districtCode` the legacy
 * three-level tree (63 provinces), without it the two-level tree (34 provinces since 07/2025).
 */
export const IsProvinceOfTree = () =>
  ValidateBy({
    name: 'provinceOfTree',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        if (typeof value !== 'string') return false;
        const legacy = typeof (args?.object as { districtCode?: unknown })?.districtCode === 'string';
        return legacy ? LEGACY.has(value) : TWO_LEVEL.has(value);
      },
      defaultMessage: (args?: ValidationArguments) =>
        typeof (args?.object as { districtCode?: unknown })?.districtCode === 'string'
          ? 'Mã tỉnh/thành phố không có trong danh mục 63 tỉnh (địa chỉ trước 07/2025, có mã quận/huyện)'
          : 'Mã tỉnh/thành phố không có trong danh mục 34 tỉnh (địa chỉ hai cấp từ 07/2025; địa chỉ cũ cần mã quận/huyện)',
    },
  });

/** Free text: no control or invisible format characters (PostgreSQL cannot even store NUL); `lineBreaks` allows \n, \r, \t. */
export const NoControlCharacters = (options: { lineBreaks?: boolean } = {}) =>
  ValidateBy({
    name: 'noControlCharacters',
    validator: {
      validate: (v: unknown) => typeof v !== 'string' || !(options.lineBreaks ? /[^\P{Cc}\n\r\t]|\p{Cf}/u : /[\p{Cc}\p{Cf}]/u).test(v),
      defaultMessage: () => 'Không được chứa ký tự điều khiển hoặc ký tự ẩn',
    },
  });
