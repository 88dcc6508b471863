import type { FieldProblem } from '@motcua/platform';
import type { PlaceholderType } from './template-catalog';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const DOSSIER_CODE = /^[\w.]+-\d{6}-\d{4,}$/;
const VN_OFFSET_MS = 7 * 3600_000;

/** Placeholder names used in `text`, in order of first use. */
export function placeholdersOf(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) if (!names.includes(m[1])) names.push(m[1]);
  return names;
}

/**
 * Problems of a template text against the placeholders its key allows: unknown or malformed
 * placeholders, unbalanced braces. Empty when the text is valid.
 */
export function checkTemplateText(field: string, text: string, allowed: Record<string, PlaceholderType>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const name of placeholdersOf(text)) {
    if (!NAME.test(name)) {
      problems.push({ field, rule: 'placeholderSyntax', message: `${field}: "{${name}}" không phải tên biến hợp lệ` });
    } else if (!(name in allowed)) {
      problems.push({
        field,
        rule: 'unknownPlaceholder',
        message: `${field}: biến {${name}} không có trong mẫu này (được dùng: ${Object.keys(allowed)
          .map((n) => `{${n}}`)
          .join(', ')})`,
      });
    }
  }
  if (/[{}]/.test(text.replace(PLACEHOLDER, ''))) {
    problems.push({ field, rule: 'unbalancedBraces', message: `${field}: dấu ngoặc nhọn { } không cân đối` });
  }
  return problems;
}

/** "09:00 ngày 05/01/2026" in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export function vietnameseDateTime(instant: Date): string {
  const d = new Date(instant.getTime() + VN_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ngày ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** 35000 → "35.000 đồng". */
export function vietnameseAmount(vnd: number): string {
  return `${String(vnd).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}

/**
 * Checks raw values against their placeholder types and formats them for the reader; problems name
 * the field `sample.<name>`.
 */
export function formatValues(
  raw: Record<string, string>,
  types: Record<string, PlaceholderType>,
): { values: Record<string, string>; problems: FieldProblem[] } {
  const values: Record<string, string> = {};
  const problems: FieldProblem[] = [];
  for (const [name, type] of Object.entries(types)) {
    const v = raw[name];
    if (v === undefined) continue;
    const field = `sample.${name}`;
    if (type === 'datetime') {
      const d = new Date(v);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(d.getTime()))
        problems.push({ field, rule: 'isISO8601', message: `${field} phải là thời điểm theo ISO 8601` });
      else values[name] = vietnameseDateTime(d);
    } else if (type === 'url') {
      if (!/^https?:\/\/\S+$/.test(v)) problems.push({ field, rule: 'isUrl', message: `${field} phải là đường dẫn http(s)` });
      else values[name] = v;
    } else if (type === 'money') {
      if (!/^\d{1,12}$/.test(v)) problems.push({ field, rule: 'isAmount', message: `${field} phải là số tiền (đồng), chỉ gồm chữ số` });
      else values[name] = vietnameseAmount(Number(v));
    } else if (type === 'dossierCode') {
      if (!DOSSIER_CODE.test(v)) problems.push({ field, rule: 'isDossierCode', message: `${field} không phải mã hồ sơ hợp lệ` });
      else values[name] = v;
    } else {
      values[name] = v;
    }
  }
  for (const name of Object.keys(raw)) {
    if (!(name in types))
      problems.push({ field: `sample.${name}`, rule: 'unknownPlaceholder', message: `biến {${name}} không có trong mẫu này` });
  }
  return { values, problems };
}

/** Fills `{name}` placeholders; a placeholder without a value is an error (the template was validated at save). */
export function fill(text: string, values: Record<string, string>): string {
  return text
    .replace(PLACEHOLDER, (whole, key: string) => {
      const v = values[key];
      if (v === undefined) throw new Error(`Template placeholder ${whole} has no value`);
      return v;
    })
    .normalize('NFC');
}
