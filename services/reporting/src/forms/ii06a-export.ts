import ExcelJS from 'exceljs';
import { Ii06aCounts } from './ii06a.repository';
import { Ii06aForm } from './build-ii06a-form.use-case';

/** Leaf columns of form II.06a after "STT" and "Lĩnh vực giải quyết", in the form's order. */
export const II06A_COLUMNS: ReadonlyArray<{ header: string; value: (c: Ii06aCounts) => number }> = [
  { header: 'Tổng số hồ sơ nhận giải quyết', value: (c) => c.received.total },
  { header: 'Nhận trong kỳ: trực tuyến', value: (c) => c.received.online },
  { header: 'Nhận trong kỳ: trực tiếp và qua dịch vụ bưu chính', value: (c) => c.received.directOrPostal },
  { header: 'Từ kỳ trước chuyển qua', value: (c) => c.received.carriedOver },
  { header: 'Tổng số hồ sơ đã giải quyết', value: (c) => c.resolved.total },
  { header: 'Đã giải quyết trước hạn', value: (c) => c.resolved.early },
  { header: 'Đã giải quyết đúng hạn', value: (c) => c.resolved.onTime },
  { header: 'Đã giải quyết quá hạn', value: (c) => c.resolved.late },
  { header: 'Tổng số hồ sơ đang giải quyết', value: (c) => c.inProgress.total },
  { header: 'Đang giải quyết trong hạn', value: (c) => c.inProgress.withinDeadline },
  { header: 'Đang giải quyết quá hạn', value: (c) => c.inProgress.overdue },
];

const TITLE = 'Biểu số II.06a — Tình hình, kết quả giải quyết thủ tục hành chính';
const TOTAL_LABEL = 'Tổng cộng';

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV, UTF-8 with a BOM (Excel opens Vietnamese text correctly), one line per field and the total. */
export function ii06aToCsv(form: Ii06aForm): string {
  const lines: Array<Array<string | number>> = [['STT', 'Mã lĩnh vực', 'Lĩnh vực giải quyết', ...II06A_COLUMNS.map((c) => c.header)]];
  form.rows.forEach((r, i) => lines.push([i + 1, r.fieldCode, r.fieldName, ...II06A_COLUMNS.map((c) => c.value(r))]));
  lines.push(['', '', TOTAL_LABEL, ...II06A_COLUMNS.map((c) => c.value(form.total))]);
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * XLSX in the II.06a layout: a title and the period, then three header rows — groups "Số hồ sơ nhận
 * giải quyết" (Tổng số | Trong kỳ: Trực tuyến, Trực tiếp/BCCI | Từ kỳ trước), "Kết quả giải quyết: Số
 * hồ sơ đã giải quyết" (Tổng số | Trước hạn | Đúng hạn | Quá hạn), "Số hồ sơ đang giải quyết" (Tổng số
 * | Trong hạn | Quá hạn) — the column numbers (1)…(13), a row per field and the total.
 */
export async function ii06aToXlsx(form: Ii06aForm): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một Cửa — reporting';
  const ws = wb.addWorksheet('II.06a');
  ws.mergeCells('A1:M1');
  ws.getCell('A1').value = TITLE;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.mergeCells('A2:M2');
  ws.getCell('A2').value = `Cơ quan: ${form.agencyCode} — Kỳ báo cáo: từ ngày ${vnDate(form.from)} đến ngày ${vnDate(form.to)}`;

  // header rows 4-6
  const merge = (range: string, text: string) => {
    ws.mergeCells(range);
    ws.getCell(range.split(':')[0]).value = text;
  };
  merge('A4:A6', 'STT');
  merge('B4:B6', 'Lĩnh vực giải quyết');
  merge('C4:F4', 'Số hồ sơ nhận giải quyết');
  merge('C5:C6', 'Tổng số');
  merge('D5:E5', 'Trong kỳ');
  ws.getCell('D6').value = 'Trực tuyến';
  ws.getCell('E6').value = 'Trực tiếp, dịch vụ bưu chính';
  merge('F5:F6', 'Từ kỳ trước');
  merge('G4:J4', 'Số hồ sơ đã giải quyết');
  merge('G5:G6', 'Tổng số');
  merge('H5:H6', 'Trước hạn');
  merge('I5:I6', 'Đúng hạn');
  merge('J5:J6', 'Quá hạn');
  merge('K4:M4', 'Số hồ sơ đang giải quyết');
  merge('K5:K6', 'Tổng số');
  merge('L5:L6', 'Trong hạn');
  merge('M5:M6', 'Quá hạn');
  ws.getRow(7).values = Array.from({ length: 13 }, (_, i) => `(${i + 1})`);
  for (const n of [4, 5, 6, 7]) {
    const row = ws.getRow(n);
    row.font = { bold: n < 7 };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }

  const values = (c: Ii06aCounts) => II06A_COLUMNS.map((col) => col.value(c));
  form.rows.forEach((r) => ws.addRow([ws.rowCount - 6, r.fieldName, ...values(r)]));
  const total = ws.addRow([null, TOTAL_LABEL, ...values(form.total)]);
  total.font = { bold: true };
  ws.getColumn(2).width = 28;
  for (let col = 3; col <= 13; col++) ws.getColumn(col).width = 13;
  for (let r = 4; r <= ws.rowCount; r++) {
    for (let col = 1; col <= 13; col++) {
      ws.getCell(r, col).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function vnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
