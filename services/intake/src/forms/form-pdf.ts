import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { localDate } from '@motcua/calendar';
import { formOn, FormDefinition } from './form-sets';

const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const LOCAL = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** `dd/MM/yyyy HH:mm` in Asia/Ho_Chi_Minh. */
export function localDateTime(d: Date): string {
  const p = Object.fromEntries(LOCAL.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

export interface PdfOptions {
  /** Uncompressed content streams (tests extract the text). */
  compress?: boolean;
}

type Doc = PDFKit.PDFDocument;

async function render(options: PdfOptions, layout: 'portrait' | 'landscape', draw: (doc: Doc) => Promise<void> | void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout, margin: 50, compress: options.compress ?? true, info: { Title: 'Một Cửa' } });
  doc.registerFont('Regular', FONT_REGULAR);
  doc.registerFont('Bold', FONT_BOLD);
  doc.font('Regular');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  await draw(doc);
  doc.end();
  return done;
}

function header(doc: Doc, agencyName: string, form: FormDefinition & { setId: string }, number?: string | null) {
  const top = doc.y;
  const width = doc.page.width - 100;
  doc.font('Regular').fontSize(9).text(`Mẫu số ${form.number}`, 50, top, { width, align: 'right' });
  doc
    .font('Bold')
    .fontSize(10)
    .text(agencyName.toLocaleUpperCase('vi'), 50, top + 14, { width: width / 2 - 10, align: 'center' });
  doc.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 50 + width / 2, top + 14, { width: width / 2, align: 'center' });
  doc.font('Regular').text('Độc lập - Tự do - Hạnh phúc', 50 + width / 2, doc.y, { width: width / 2, align: 'center' });
  if (number) doc.text(`Số: ${number}`, 50, top + 44, { width: width / 2 - 10, align: 'center' });
  doc.moveDown(2);
  doc.font('Bold').fontSize(14).text(form.title, 50, doc.y, { width, align: 'center' });
  doc.font('Regular').fontSize(11).moveDown();
}

/** The QR code printed on forms: a PNG of the lookup URL. */
export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 120 });
}

async function qr(doc: Doc, url: string) {
  const png = await qrPng(url);
  const y = doc.y + 10;
  doc.image(png, 50, y, { width: 90, height: 90 });
  doc
    .fontSize(9)
    .text('Quét mã để tra cứu tình trạng hồ sơ:', 150, y + 20)
    .text(url, 150, doc.y, { link: url });
  doc.fontSize(11).text('', 50, y + 100);
}

function line(doc: Doc, label: string, value: string) {
  doc.font('Bold').text(`${label}: `, { continued: true }).font('Regular').text(value);
}

export interface ReceiptData {
  code: string;
  receivedAt: Date;
  appointmentAt: Date;
  receivingAgencyName: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  applicantPhone?: string | null;
  channelLabel: string;
  resultDeliveryLabel: string;
  components: Array<{ name: string; form: string; quantity: number; digitized?: boolean }>;
  receivedByName: string;
  /** e.g. "Công chức tiếp nhận tại bộ phận một cửa" or "Nhân viên bưu điện làm việc tại bộ phận một cửa". */
  receivedByRoleLabel?: string | null;
  lookupUrl: string;
  /** Printed only when the caller proved it knows it (see the README). */
  lookupSecret?: string;
}

/** Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, numbered by the set in force on the received date. */
export function receiptPdf(data: ReceiptData, options: PdfOptions = {}): Promise<Buffer> {
  const form = formOn('RECEIPT', localDate(data.receivedAt));
  return render(options, 'portrait', async (doc) => {
    header(doc, data.receivingAgencyName, form, data.code);
    line(doc, 'Mã hồ sơ', data.code);
    line(doc, 'Thủ tục', `${data.procedureName} (${data.procedureCode})`);
    line(doc, 'Người nộp hồ sơ', data.applicantName);
    if (data.applicantPhone) line(doc, 'Số điện thoại', data.applicantPhone);
    line(doc, 'Hình thức nộp', data.channelLabel);
    doc.moveDown(0.5).font('Bold').text('Thành phần hồ sơ đã tiếp nhận:').font('Regular');
    data.components.forEach((c, i) =>
      doc.text(`${i + 1}. ${c.name} — ${c.form}, số lượng: ${c.quantity}${c.digitized ? ' (đã số hóa)' : ''}`, { indent: 15 }),
    );
    doc.moveDown(0.5);
    line(doc, 'Thời gian tiếp nhận', localDateTime(data.receivedAt));
    line(doc, 'Thời gian hẹn trả kết quả', localDateTime(data.appointmentAt));
    line(doc, 'Nhận kết quả', data.resultDeliveryLabel);
    if (data.lookupSecret) line(doc, 'Mã tra cứu', data.lookupSecret);
    line(doc, 'Người tiếp nhận', data.receivedByRoleLabel ? `${data.receivedByName} — ${data.receivedByRoleLabel}` : data.receivedByName);
    await qr(doc, data.lookupUrl);
  });
}

export interface CheckData {
  kind: 'SUPPLEMENT_REQUEST' | 'REFUSAL';
  number: string;
  checkedAt: Date;
  agencyName: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string | null;
  missing: Array<{ reason: string }>;
  refusalReason: string | null;
  checkedByName: string;
  lookupUrl: string;
}

/** Form 02 (everything missing at once) or form 03 (refusal with the reason). */
export function checkPdf(data: CheckData, options: PdfOptions = {}): Promise<Buffer> {
  const form = formOn(data.kind, localDate(data.checkedAt));
  return render(options, 'portrait', async (doc) => {
    header(doc, data.agencyName, form, data.number);
    if (data.applicantName) line(doc, 'Kính gửi', data.applicantName);
    line(doc, 'Thủ tục', `${data.procedureName} (${data.procedureCode})`);
    line(doc, 'Ngày lập phiếu', localDateTime(data.checkedAt));
    doc.moveDown(0.5);
    if (data.kind === 'SUPPLEMENT_REQUEST') {
      doc.text('Sau khi kiểm tra, hồ sơ chưa đầy đủ. Đề nghị bổ sung, hoàn thiện các nội dung sau:');
      data.missing.forEach((m, i) => doc.text(`${i + 1}. ${m.reason}`, { indent: 15 }));
    } else {
      doc.text('Hồ sơ không đủ điều kiện tiếp nhận giải quyết. Lý do từ chối:');
      doc.text(data.refusalReason ?? '', { indent: 15 });
    }
    doc.moveDown(0.5);
    doc.text('Xin lỗi ông/bà vì sự bất tiện này.');
    line(doc, 'Người lập phiếu', data.checkedByName);
    await qr(doc, data.lookupUrl);
  });
}

export interface LogbookRow {
  code: string;
  procedureName: string;
  applicantName: string;
  receivedAt: Date;
  appointmentAt: Date;
  resolvedAt: Date | null;
  returnedAt: Date | null;
  statusLabel: string;
}

/** Sổ theo dõi hồ sơ: one row per dossier received, intake columns then return columns. */
export function logbookPdf(
  data: { agencyName: string; from: Date; to: Date; rows: LogbookRow[]; lookupUrl: string },
  options: PdfOptions = {},
): Promise<Buffer> {
  const form = formOn('LOGBOOK', localDate(data.to));
  return render(options, 'landscape', async (doc) => {
    header(doc, data.agencyName, form);
    doc
      .text(`Từ ngày ${localDateTime(data.from).slice(0, 10)} đến ngày ${localDateTime(data.to).slice(0, 10)}`, { align: 'center' })
      .moveDown();
    const columns: Array<[string, number]> = [
      ['STT', 26],
      ['Mã hồ sơ', 136],
      ['Tên thủ tục', 150],
      ['Tên tổ chức, cá nhân', 106],
      ['Ngày nhận hồ sơ', 81],
      ['Hẹn trả kết quả', 81],
      ['Ngày có kết quả', 81],
      ['Ngày trả kết quả', 81],
    ];
    const row = (cells: string[], bold = false) => {
      if (doc.y > doc.page.height - 90) doc.addPage();
      const y = doc.y;
      let x = 50;
      let bottom = y;
      doc.font(bold ? 'Bold' : 'Regular').fontSize(8);
      cells.forEach((cell, i) => {
        doc.text(cell, x + 2, y, { width: columns[i][1] - 4 });
        bottom = Math.max(bottom, doc.y);
        x += columns[i][1];
      });
      doc
        .moveTo(50, bottom + 2)
        .lineTo(x, bottom + 2)
        .stroke();
      doc.text('', 50, bottom + 5);
    };
    // column groups: intake (STT … appointment) and return (result, returned)
    const groupY = doc.y;
    const intakeWidth = columns.slice(0, 6).reduce((n, c) => n + c[1], 0);
    doc.font('Bold').fontSize(9).text('Tiếp nhận hồ sơ', 50, groupY, { width: intakeWidth, align: 'center' });
    doc.text('Trả kết quả', 50 + intakeWidth, groupY, { width: 162, align: 'center' });
    doc.text('', 50, doc.y + 2);
    row(
      columns.map((c) => c[0]),
      true,
    );
    data.rows.forEach((r, i) =>
      row([
        String(i + 1),
        r.code,
        r.procedureName,
        r.applicantName,
        localDateTime(r.receivedAt),
        localDateTime(r.appointmentAt),
        r.resolvedAt ? localDateTime(r.resolvedAt) : '',
        r.returnedAt ? localDateTime(r.returnedAt) : r.statusLabel,
      ]),
    );
    doc.fontSize(9).text(`Tổng số hồ sơ: ${data.rows.length}`, 50, doc.y + 5);
    await qr(doc, data.lookupUrl);
  });
}
