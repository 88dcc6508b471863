import { DomainError } from '@motcua/platform';

const DAY_MS = 86_400_000;
const VN_OFFSET = '+07:00';

/** Local midnight (Asia/Ho_Chi_Minh) starting a `YYYY-MM-DD` date, or null if no such date exists. */
export function localDayStart(date: string): Date | null {
  const d = new Date(`${date}T00:00:00${VN_OFFSET}`);
  if (Number.isNaN(d.getTime())) return null;
  // reject dates JavaScript rolls over (2026-02-30 → 2026-03-02)
  const back = new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  return back === date ? d : null;
}

/** [start, end) instants of the local dates `from`…`to`, both included; 400 naming the field otherwise. */
export function localPeriod(from: string, to: string): { start: Date; end: Date } {
  const start = localDayStart(from);
  const last = localDayStart(to);
  const invalid = (field: string, rule: string, message: string) =>
    new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [{ field, rule, message }]);
  if (!start) throw invalid('from', 'isDate', `from: ngày ${from} không tồn tại`);
  if (!last) throw invalid('to', 'isDate', `to: ngày ${to} không tồn tại`);
  if (last < start) throw invalid('to', 'notBeforeFrom', 'to không được trước from');
  return { start, end: new Date(last.getTime() + DAY_MS) };
}
