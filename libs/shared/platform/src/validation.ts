import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { DomainError, FieldProblem } from './errors';

/** Vietnamese explanations of class-validator rules; custom rules pass their own message. */
const RULE_MESSAGES: Record<string, string> = {
  isDefined: 'là bắt buộc',
  isNotEmpty: 'không được để trống',
  isString: 'phải là chuỗi ký tự',
  isInt: 'phải là số nguyên',
  isNumber: 'phải là số',
  isBoolean: 'phải là true hoặc false',
  isIn: 'không thuộc các giá trị cho phép',
  isEnum: 'không thuộc các giá trị cho phép',
  isEmail: 'không phải địa chỉ e-mail hợp lệ',
  isISO8601: 'phải là thời điểm theo ISO 8601',
  isLength: 'có độ dài không hợp lệ',
  maxLength: 'quá dài',
  minLength: 'quá ngắn',
  matches: 'không đúng định dạng',
  min: 'nhỏ hơn giá trị cho phép',
  max: 'lớn hơn giá trị cho phép',
  isArray: 'phải là danh sách',
  arrayMinSize: 'có quá ít phần tử',
  arrayMaxSize: 'có quá nhiều phần tử',
  nestedValidation: 'phải là đối tượng',
  isObject: 'phải là đối tượng',
  whitelistValidation: 'không được phép có trong yêu cầu',
  isUuid: 'phải là UUID',
};

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [rule, raw] of Object.entries(e.constraints ?? {})) {
      // custom validators carry a Vietnamese message of their own; built-in ones get ours
      const message = RULE_MESSAGES[rule] ? `${field} ${RULE_MESSAGES[rule]}` : raw;
      out.push({ field, rule, message });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/** Unicode NFC for every string of a request body, recursively (Vietnamese text arrives in NFD too). */
export function normalizeNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((v) => normalizeNfc(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalizeNfc(v);
    return out as T;
  }
  return value;
}

/** C0 control characters other than tab and line breaks, and DEL: never text (PostgreSQL cannot even store NUL). */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Every string (recursively) holding a control character, as a problem naming its field. */
export function controlCharacterProblems(value: unknown, field: string): FieldProblem[] {
  if (typeof value === 'string') {
    return CONTROL_CHARACTER.test(value)
      ? [{ field, rule: 'noControlCharacters', message: `${field} chứa ký tự điều khiển không được phép` }]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => controlCharacterProblems(v, `${field}.${i}`));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([k, v]) =>
      controlCharacterProblems(v, field === '(body)' || field === '(query)' ? k : `${field}.${k}`),
    );
  }
  return [];
}

/**
 * Validates bodies and queries against their DTO classes. Unknown fields are refused, every problem
 * is reported at once with the field and rule, as a 400 in the API error format. Control characters
 * (NUL above all) are refused in any string of a body, query or path parameter before anything else.
 */
@Injectable()
export class ApiValidationPipe implements PipeTransform {
  async transform(value: unknown, meta: ArgumentMetadata): Promise<unknown> {
    const type = meta.metatype;
    if (meta.type !== 'custom') {
      const control = controlCharacterProblems(value, meta.type === 'param' ? (meta.data ?? '(param)') : `(${meta.type})`);
      if (control.length) throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', control);
    }
    if (meta.type === 'custom' || !type || [String, Boolean, Number, Array, Object].includes(type as never)) return value;
    if (meta.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: '(body)', rule: 'isObject', message: 'Nội dung yêu cầu phải là một đối tượng JSON' },
      ]);
    }
    const instance = plainToInstance(type, normalizeNfc(value ?? {}), { enableImplicitConversion: meta.type === 'query' }) as object;
    const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    if (errors.length) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', flatten(errors));
    }
    return instance;
  }
}
