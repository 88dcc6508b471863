import type { ImportProblem } from './catalog-writer';

/**
 * Catalog files. CSV: UTF-8 (BOM allowed), comma-separated, RFC 4180 quoting ("" inside quotes), a
 * header line naming the columns below (any order; unknown columns refused). One line per procedure
 * (the next version of it). Components and fees are encoded in one cell each:
 *
 * - `components`: items separated by `|`, fields of an item by `~`:
 *   `code~name~form~quantity~required|code~name~form~quantity~conditional~condition`
 *   (form ORIGINAL, CERTIFIED_COPY or COPY; `required` or `conditional`, a conditional one with its condition).
 * - `fees`: `name~amountVnd|name~amountVnd`, empty for none.
 * - booleans `true`/`false`; empty optional cells are absent.
 */
export const CSV_COLUMNS = [
  'code',
  'nationalCode',
  'name',
  'fieldCode',
  'fieldName',
  'level',
  'competentAgencyCode',
  'competentAgencyRule',
  'processingTimeValue',
  'processingTimeUnit',
  'components',
  'fees',
  'onlineLevel',
  'postMayCarryDossier',
  'postMayCarryResult',
  'effectiveFrom',
  'effectiveTo',
] as const;
const REQUIRED_COLUMNS = CSV_COLUMNS.filter(
  (c) => !['nationalCode', 'competentAgencyCode', 'competentAgencyRule', 'fees', 'effectiveTo'].includes(c),
);

export interface RawRecord {
  line: number;
  raw: Record<string, unknown>;
}

export interface ParsedFile {
  records: RawRecord[];
  problems: ImportProblem[];
}

/** Splits CSV text into records of cells, each with the line it starts on. */
export function parseCsv(text: string): { line: number; cells: string[] }[] | ImportProblem {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      fieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.length > 1 || cells[0] !== '') out.push({ line: start, cells });
      cells = [];
      cell = '';
      line++;
      start = line;
      fieldStart = true;
    } else {
      cell += ch;
      fieldStart = false;
    }
  }
  if (quoted) return { line: start, field: 'file', rule: 'csv', message: `Dòng ${start}: thiếu dấu " đóng` };
  cells.push(cell);
  if (cells.length > 1 || cells[0] !== '') out.push({ line: start, cells });
  return out;
}

const toNumber = (s: string): unknown => (/^-?\d+$/.test(s.trim()) ? Number(s.trim()) : s);
const toBool = (s: string): unknown => (s.trim() === 'true' ? true : s.trim() === 'false' ? false : s);

/** Reads a CSV catalog into raw procedure objects (validated afterwards like JSON items). */
export function readCsvCatalog(text: string): ParsedFile {
  const parsed = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!Array.isArray(parsed)) return { records: [], problems: [parsed] };
  const problems: ImportProblem[] = [];
  if (!parsed.length) return { records: [], problems: [{ line: 1, field: 'file', rule: 'notEmpty', message: 'Tệp CSV trống' }] };
  const header = parsed[0].cells.map((c) => c.trim());
  for (const h of header) {
    if (!(CSV_COLUMNS as readonly string[]).includes(h)) {
      problems.push({ line: 1, field: h || '(trống)', rule: 'knownColumn', message: `Cột "${h}" không thuộc các cột của tệp danh mục` });
    }
  }
  for (const c of REQUIRED_COLUMNS) {
    if (!header.includes(c)) problems.push({ line: 1, field: c, rule: 'requiredColumn', message: `Thiếu cột bắt buộc "${c}"` });
  }
  if (new Set(header).size !== header.length) problems.push({ line: 1, field: 'header', rule: 'unique', message: 'Tên cột bị trùng' });
  if (problems.length) return { records: [], problems };
  const records: RawRecord[] = [];
  for (const { line, cells } of parsed.slice(1)) {
    if (cells.length !== header.length) {
      problems.push({ line, field: 'line', rule: 'columnCount', message: `Dòng ${line} có ${cells.length} cột, cần ${header.length}` });
      continue;
    }
    const cell = Object.fromEntries(header.map((h, i) => [h, cells[i].trim()]));
    const raw: Record<string, unknown> = {};
    for (const key of [
      'code',
      'nationalCode',
      'name',
      'fieldCode',
      'fieldName',
      'level',
      'competentAgencyCode',
      'competentAgencyRule',
      'onlineLevel',
      'effectiveFrom',
      'effectiveTo',
    ]) {
      if (cell[key]) raw[key] = cell[key];
    }
    raw.processingTime = { value: toNumber(cell.processingTimeValue ?? ''), unit: cell.processingTimeUnit };
    raw.postMayCarryDossier = toBool(cell.postMayCarryDossier ?? '');
    raw.postMayCarryResult = toBool(cell.postMayCarryResult ?? '');
    raw.components = (cell.components ?? '')
      .split('|')
      .filter((s) => s.trim())
      .map((item, i) => {
        const [code, name, form, quantity, required, condition, ...rest] = item.split('~').map((s) => s.trim());
        if (rest.length || !['required', 'conditional'].includes(required ?? '')) {
          problems.push({
            line,
            field: `components.${i}`,
            rule: 'encoding',
            message: 'Thành phần hồ sơ ghi dạng mã~tên~ORIGINAL|CERTIFIED_COPY|COPY~số lượng~required|conditional[~điều kiện]',
          });
        }
        return {
          ...(code ? { code } : {}),
          name,
          form,
          quantity: toNumber(quantity ?? ''),
          required: required === 'required',
          ...(condition ? { condition } : {}),
        };
      });
    raw.fees = (cell.fees ?? '')
      .split('|')
      .filter((s) => s.trim())
      .map((item, i) => {
        const parts = item.split('~').map((s) => s.trim());
        if (parts.length !== 2) {
          problems.push({ line, field: `fees.${i}`, rule: 'encoding', message: 'Phí, lệ phí ghi dạng tên~số tiền (VND)' });
        }
        return { name: parts[0], amountVnd: toNumber(parts[1] ?? '') };
      });
    records.push({ line, raw });
  }
  return { records, problems };
}

/** Reads a JSON catalog: `{ "procedures": [ … ] }` or an array of procedures. */
export function readJsonCatalog(text: string): { items: unknown[]; problems: ImportProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const position = Number(/position (\d+)/.exec((err as Error).message)?.[1] ?? NaN);
    const line = Number.isNaN(position) ? undefined : text.slice(0, position).split('\n').length;
    return { items: [], problems: [{ line, field: 'file', rule: 'json', message: 'Tệp JSON không đúng cú pháp' }] };
  }
  const items = Array.isArray(data) ? data : (data as { procedures?: unknown })?.procedures;
  if (!Array.isArray(items)) {
    return {
      items: [],
      problems: [{ field: 'procedures', rule: 'isArray', message: 'Tệp JSON phải là danh sách thủ tục hoặc { "procedures": [...] }' }],
    };
  }
  return { items, problems: [] };
}
