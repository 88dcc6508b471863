import type { ControlSlipView } from '../control-slip/control-slip.controller';
import { motto, newDocument, render, viDateTime } from './pdf';

const KIND: Record<string, string> = {
  RECEIVED: 'Tiếp nhận, chuyển xử lý',
  FORWARDED: 'Chuyển bước tiếp theo',
  RETURNED: 'Trả lại bước trước',
  SUPPLEMENT_REQUESTED: 'Yêu cầu bổ sung hồ sơ',
  SUPPLEMENT_RECEIVED: 'Nhận hồ sơ bổ sung',
  RESOLVED: 'Có kết quả, chuyển trả kết quả',
  REFUSED: 'Từ chối giải quyết',
  EXTENDED: 'Xin lỗi, hẹn lại ngày trả kết quả',
  STOPPED: 'Dừng xử lý',
  SKIPPED: 'Bỏ qua bước',
  POSTAL_HANDED_OVER: 'Chuyển hồ sơ giấy qua bưu điện',
  POSTAL_DELIVERED: 'Bưu điện giao hồ sơ giấy',
};
const OUTCOME: Record<string, string> = { EARLY: 'Trước hạn', ON_TIME: 'Đúng hạn', LATE: 'Quá hạn' };

/** Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-over (time to the minute, giver, receiver, outcome). */
export function controlSlipPdf(slip: ControlSlipView): Promise<Buffer> {
  const doc = newDocument({ layout: 'landscape', margin: 36, info: { Title: `Phiếu kiểm soát ${slip.dossierCode}` } });
  motto(doc);
  doc.font('bold').fontSize(14).text('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', { align: 'center' });
  doc.moveDown(0.5);
  doc.font('regular').fontSize(10);
  doc.text(`Mã hồ sơ: ${slip.dossierCode}`);
  doc.text(`Thủ tục: ${slip.procedureName} (${slip.procedureCode})`);
  doc.text(`Hẹn trả kết quả: ${viDateTime(new Date(slip.appointmentAt))}`);
  doc.moveDown(0.5);

  const columns = [
    { title: 'STT', width: 30 },
    { title: 'Thời gian giao, nhận', width: 110 },
    { title: 'Bên giao', width: 160 },
    { title: 'Bên nhận', width: 170 },
    { title: 'Nội dung', width: 160 },
    { title: 'Kết quả', width: 60 },
    { title: 'Ghi chú', width: 80 },
  ];
  const left = doc.page.margins.left;
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(8);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i].width - 6 }))) + 6;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.rect(x, top, columns[i].width, height).stroke();
      doc.text(c, x + 3, top + 3, { width: columns[i].width - 6 });
      x += columns[i].width;
    });
    doc.x = left;
    doc.y = top + height;
  };
  row(
    columns.map((c) => c.title),
    true,
  );
  slip.handOvers.forEach((h, i) => {
    const receiver = h.postal
      ? [h.receiver.name, h.kind === 'POSTAL_HANDED_OVER' ? `số hiệu ${h.postal.trackingNumber}` : h.receiver.agencyCode, h.receiver.role]
          .filter(Boolean)
          .join(' — ')
      : [h.receiver.name, h.receiver.agencyCode, h.receiver.role].filter(Boolean).join(' — ');
    const content = [KIND[h.kind] ?? h.kind, h.toStep?.name].filter(Boolean).join(': ');
    row(
      [
        String(i + 1),
        viDateTime(new Date(h.handedOverAt)),
        h.postal && h.kind === 'POSTAL_DELIVERED'
          ? `${h.giver.name} — số hiệu ${h.postal.trackingNumber}`
          : `${h.giver.name} — ${h.giver.agencyCode}`,
        receiver,
        content,
        h.outcome ? OUTCOME[h.outcome] : '',
        h.note ?? '',
      ],
      false,
    );
  });
  return render(doc);
}
