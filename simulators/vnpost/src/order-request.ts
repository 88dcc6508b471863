/** Create-order request as MyVNPost names its fields, and its validation. */

export const COD_SERVICE_CODE = 'GTG021';
export const COD_AMOUNT_PROP = 'PROP0018';

export interface VnpostAddonProperty {
  propCode: string;
  propValue: string;
}

export interface VnpostAddonService {
  code: string;
  propValue?: VnpostAddonProperty[];
}

export interface CreateVnpostOrderRequest {
  /** Dossier code (mã hồ sơ). */
  orderNumber: string;
  /** Pre-allocated tracking number (S10 format, e.g. `EB123456785VN`); allocated by the simulator if absent. */
  itemCode?: string;
  senderName: string;
  senderPhone: string;
  senderAddress: string;
  senderProvinceCode: string;
  senderCommuneCode: string;
  senderDistrictCode?: string;
  receiverName: string;
  receiverPhone: string;
  receiverAddress: string;
  receiverProvinceCode: string;
  receiverCommuneCode: string;
  /** Pre-07/2025 three-level addresses still carry a district. */
  receiverDistrictCode?: string;
  /** Grams. */
  weight: number;
  description: string;
  codAmount?: number;
  addonServices?: VnpostAddonService[];
  serviceCode?: string;
}

export interface FieldError {
  field: string;
  message: string;
}

const ITEM_CODE = /^[A-Z]{2}\d{9}[A-Z]{2}$/;
const PHONE = /^(0|\+?84)\d{9,10}$/;
const PROVINCE = /^\d{2}$/;
const DISTRICT = /^\d{3}$/;
const COMMUNE = /^\d{5}$/;
export const MAX_WEIGHT_GRAMS = 50_000;

type Body = Record<string, unknown>;

function requiredText(body: Body, field: string, max: number, errors: FieldError[]): void {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') {
    errors.push({ field, message: 'Trường bắt buộc, phải là chuỗi không rỗng' });
  } else if (value.length > max) {
    errors.push({ field, message: `Tối đa ${max} ký tự` });
  }
}

function pattern(body: Body, field: string, re: RegExp, required: boolean, message: string, errors: FieldError[]): void {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) errors.push({ field, message: 'Trường bắt buộc' });
    return;
  }
  if (typeof value !== 'string' || !re.test(value)) errors.push({ field, message });
}

function nonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Validates a create-order body; answers the request and the effective COD amount, or the field errors. */
export function validateCreateOrder(
  input: unknown,
): { ok: true; request: CreateVnpostOrderRequest; codAmount: number } | { ok: false; errors: FieldError[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: 'body', message: 'Nội dung phải là đối tượng JSON' }] };
  }
  const body = input as Body;
  const errors: FieldError[] = [];
  requiredText(body, 'orderNumber', 50, errors);
  pattern(body, 'itemCode', ITEM_CODE, false, 'Số hiệu bưu gửi không đúng định dạng (ví dụ EB123456785VN)', errors);
  for (const side of ['sender', 'receiver']) {
    requiredText(body, `${side}Name`, 150, errors);
    requiredText(body, `${side}Address`, 300, errors);
    pattern(body, `${side}Phone`, PHONE, true, 'Số điện thoại không hợp lệ', errors);
    pattern(body, `${side}ProvinceCode`, PROVINCE, true, 'Mã tỉnh/thành phố phải gồm 2 chữ số', errors);
    pattern(body, `${side}CommuneCode`, COMMUNE, true, 'Mã xã/phường phải gồm 5 chữ số', errors);
    pattern(body, `${side}DistrictCode`, DISTRICT, false, 'Mã quận/huyện phải gồm 3 chữ số', errors);
  }
  if (!(typeof body.weight === 'number' && Number.isInteger(body.weight) && body.weight > 0)) {
    errors.push({ field: 'weight', message: 'Khối lượng (gram) phải là số nguyên dương' });
  } else if (body.weight > MAX_WEIGHT_GRAMS) {
    errors.push({ field: 'weight', message: `Khối lượng tối đa ${MAX_WEIGHT_GRAMS} gram` });
  }
  requiredText(body, 'description', 500, errors);
  if (body.serviceCode !== undefined && (typeof body.serviceCode !== 'string' || !/^[A-Z0-9_]{1,20}$/.test(body.serviceCode))) {
    errors.push({ field: 'serviceCode', message: 'Mã dịch vụ không hợp lệ' });
  }
  if (body.codAmount !== undefined && !nonNegativeInteger(body.codAmount)) {
    errors.push({ field: 'codAmount', message: 'Tiền thu hộ phải là số nguyên không âm (đồng)' });
  }

  let addonCod: number | undefined;
  if (body.addonServices !== undefined) {
    if (!Array.isArray(body.addonServices)) {
      errors.push({ field: 'addonServices', message: 'Phải là mảng' });
    } else {
      body.addonServices.forEach((service: unknown, i: number) => {
        const at = `addonServices[${i}]`;
        if (typeof service !== 'object' || service === null || typeof (service as Body).code !== 'string') {
          errors.push({ field: `${at}.code`, message: 'Mã dịch vụ cộng thêm bắt buộc' });
          return;
        }
        const { code, propValue } = service as Body;
        if (propValue !== undefined && !Array.isArray(propValue)) {
          errors.push({ field: `${at}.propValue`, message: 'Phải là mảng' });
          return;
        }
        const props = (propValue ?? []) as unknown[];
        const badProp = props.findIndex(
          (p) =>
            typeof p !== 'object' || p === null || typeof (p as Body).propCode !== 'string' || typeof (p as Body).propValue !== 'string',
        );
        if (badProp >= 0) {
          errors.push({ field: `${at}.propValue[${badProp}]`, message: 'Cần propCode và propValue dạng chuỗi' });
          return;
        }
        if (code === COD_SERVICE_CODE) {
          const amount = (props as VnpostAddonProperty[]).find((p) => p.propCode === COD_AMOUNT_PROP)?.propValue;
          if (amount === undefined || !/^\d{1,12}$/.test(amount)) {
            errors.push({ field: `${at}.propValue.${COD_AMOUNT_PROP}`, message: 'Dịch vụ thu hộ (GTG021) cần số tiền PROP0018' });
          } else {
            addonCod = Number(amount);
          }
        }
      });
    }
  }
  if (addonCod !== undefined && nonNegativeInteger(body.codAmount) && body.codAmount !== addonCod) {
    errors.push({ field: 'codAmount', message: 'Tiền thu hộ khác với PROP0018 của dịch vụ GTG021' });
  }
  if (errors.length > 0) return { ok: false, errors };
  const codAmount = addonCod ?? (body.codAmount as number | undefined) ?? 0;
  return { ok: true, request: body as unknown as CreateVnpostOrderRequest, codAmount };
}

/**
 * Simulated tariff (VND): first 500 g 16 500 within the province / 32 000 between provinces, then
 * 2 500 / 5 000 per further 500 g started; COD adds 0.8 % of the amount, at least 10 000.
 */
export function computeVnpostFee(input: {
  weight: number;
  senderProvinceCode: string;
  receiverProvinceCode: string;
  codAmount?: number;
}): number {
  const sameProvince = input.senderProvinceCode === input.receiverProvinceCode;
  const extraSteps = Math.max(0, Math.ceil((input.weight - 500) / 500));
  const postage = (sameProvince ? 16_500 : 32_000) + extraSteps * (sameProvince ? 2_500 : 5_000);
  const cod = input.codAmount ?? 0;
  const codFee = cod > 0 ? Math.max(10_000, Math.round(cod * 0.008)) : 0;
  return postage + codFee;
}

/** UPU S10 check digit for an 8-digit serial. */
export function s10CheckDigit(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(serial[i]), 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/** S10 tracking number, e.g. `s10ItemCode('EB', 12345678)` = `EB123456785VN`. */
export function s10ItemCode(prefix: string, serial: number): string {
  const digits = String(serial).padStart(8, '0');
  return `${prefix}${digits}${s10CheckDigit(digits)}VN`;
}
