import { localDate, toLocalIso } from '@motcua/calendar';
import { VNPOST_STATUS } from '../carriers/vnpost-status';
import { PostalConfig } from '../config/postal.config';
import { DeliveryOrder } from '../orders/delivery-order.entity';
import { DeliveryRequest } from '../orders/delivery-request.entity';
import { PickupRequest } from '../pickups/pickup-request.entity';
import type { AgencyDirectory } from '../transfers/agency-directory';
import type { PaperTransfer } from '../transfers/paper-transfer.entity';
import { code128Png, newDocument, render } from './pdf';

const STATE_LABELS: Record<string, string> = {
  PENDING: 'Chờ gửi bưu điện',
  CREATED: 'Đã tạo đơn',
  PICKED_UP: 'Bưu điện đã nhận',
  IN_TRANSIT: 'Đang vận chuyển',
  OUT_FOR_DELIVERY: 'Đang phát',
  DELIVERY_FAILED: 'Phát không thành công',
  RETURNING: 'Đang chuyển hoàn',
  DELIVERED: 'Đã phát',
  RETURNED: 'Đã chuyển hoàn',
  CANCELLED: 'Đã hủy',
};

export function stateLabel(state: string): string {
  return STATE_LABELS[state] ?? state;
}

export function carrierStatusLabel(code: number | null): string | null {
  return code === null ? null : (VNPOST_STATUS[code]?.label ?? `Trạng thái ${code}`);
}

function addressOf(r: DeliveryRequest | undefined): string {
  if (!r) return '';
  const codes = [
    r.communeCode && `xã/phường ${r.communeCode}`,
    r.districtCode && `huyện ${r.districtCode}`,
    r.provinceCode && `tỉnh ${r.provinceCode}`,
  ]
    .filter(Boolean)
    .join(', ');
  return [r.addressLine, codes].filter(Boolean).join(', ');
}

const vnDate = (isoDate: string) => isoDate.split('-').reverse().join('/');

export interface LabelParty {
  name: string;
  phone: string | null;
  address: string;
}

/**
 * Who sends to whom: the centre sends a result to the citizen; a pickup goes from the citizen to the centre;
 * a transfer from one agency to another (names and addresses from the agency directory).
 */
export function labelParties(
  order: DeliveryOrder,
  request: DeliveryRequest | undefined,
  pickup: PickupRequest | undefined,
  config: PostalConfig,
  transfer?: { transfer: PaperTransfer; directory: AgencyDirectory },
): { sender: LabelParty; receiver: LabelParty; content: string[] } {
  const centre = { name: config.senderName, phone: config.senderPhone, address: config.senderAddress };
  if (order.kind === 'TRANSFER' && transfer) {
    const { transfer: t, directory } = transfer;
    const party = (code: string): LabelParty => ({
      name: directory.name(code, t.centreCode),
      phone: directory.party(code, t.centreCode).phone,
      address: directory.addressLine(code, t.centreCode),
    });
    return {
      sender: party(t.fromAgencyCode),
      receiver: party(t.toAgencyCode),
      content: [
        `Mã chuyển: ${order.dossierCode}`,
        `Hồ sơ: ${t.dossierCode}`,
        t.purpose === 'RETURN' ? 'Chuyển trả hồ sơ, kết quả về nơi tiếp nhận' : `Bước xử lý: ${t.stepName ?? ''}`,
        `Ngày gửi: ${vnDate(localDate(order.createdAt))}`,
      ],
    };
  }
  if (order.kind === 'PICKUP' && pickup) {
    const address = [pickup.addressLine, pickup.communeCode && `xã/phường ${pickup.communeCode}`, `tỉnh ${pickup.provinceCode}`]
      .filter(Boolean)
      .join(', ');
    return {
      sender: { name: pickup.applicantName, phone: pickup.applicantPhone, address },
      receiver: centre,
      content: [`Mã thu gom: ${order.dossierCode}`, `Thủ tục: ${pickup.procedureName}`, `Ngày gửi: ${vnDate(localDate(order.createdAt))}`],
    };
  }
  return {
    sender: centre,
    receiver: { name: request?.recipientName ?? order.recipientName, phone: request?.recipientPhone ?? null, address: addressOf(request) },
    content: [
      `Mã hồ sơ: ${order.dossierCode}`,
      request ? `Thủ tục: ${request.procedureName}` : '',
      `Ngày gửi: ${vnDate(localDate(order.createdAt))}`,
    ],
  };
}

/** A6 shipping label: Code 128 barcode of the tracking number, sender and receiver, what it carries. */
export async function labelPdf(
  order: DeliveryOrder,
  parties: { sender: LabelParty; receiver: LabelParty; content: string[] },
  config: PostalConfig,
): Promise<Buffer> {
  const tracking = order.trackingNumber ?? '';
  const barcode = await code128Png(tracking);
  const doc = newDocument({
    size: 'A6',
    margin: 18,
    info: { Title: `Nhãn bưu gửi ${tracking}`, Author: config.senderName, Subject: order.dossierCode },
  });
  const width = doc.page.width - 36;
  doc.font('bold').fontSize(11).text('BƯU CHÍNH CÔNG ÍCH — VNPOST', { align: 'center', width });
  const service =
    order.kind === 'PICKUP'
      ? 'Thu gom hồ sơ thủ tục hành chính'
      : order.kind === 'TRANSFER'
        ? 'Chuyển hồ sơ giấy giữa các cơ quan'
        : 'Chuyển phát kết quả giải quyết thủ tục hành chính';
  doc.font('regular').fontSize(8).text(service, { align: 'center', width });
  doc.moveDown(0.5);
  doc.image(barcode, 18, doc.y, { fit: [width, 60], align: 'center' });
  doc.y += 64;
  doc.font('bold').fontSize(12).text(tracking, 18, doc.y, { align: 'center', width, characterSpacing: 2 });
  doc.moveDown(0.6);
  const block = (title: string, lines: string[]) => {
    doc.font('bold').fontSize(9).text(title, 18, doc.y, { width });
    doc.font('regular').fontSize(9);
    for (const line of lines.filter((l) => l.length > 0)) doc.text(line, { width });
    doc.moveDown(0.5);
  };
  const party = (p: LabelParty) => [p.name, p.phone ? `ĐT: ${p.phone}` : '', p.address];
  block('Người gửi:', party(parties.sender));
  block('Người nhận:', party(parties.receiver));
  block('Nội dung:', parties.content);
  return render(doc);
}

export interface ManifestLine {
  no: number;
  orderId: string;
  kind: string;
  trackingNumber: string | null;
  dossierCode: string;
  recipientName: string;
  recipientPhone: string | null;
  address: string;
  state: string;
  stateLabel: string;
  createdAt: string;
}

export interface Manifest {
  centre: string;
  date: string;
  carrier: string;
  count: number;
  orders: ManifestLine[];
  /** The PDF's title and who hands over (defaults: result deliveries handed over by the centre). */
  title?: string;
  giver?: string;
}

export function manifestOf(centre: string, date: string, orders: DeliveryOrder[], requests: DeliveryRequest[]): Manifest {
  const byCode = new Map(requests.map((r) => [r.dossierCode, r]));
  const lines = orders.map((o, i) => {
    const r = byCode.get(o.dossierCode);
    return {
      no: i + 1,
      orderId: o.id,
      kind: o.kind,
      trackingNumber: o.trackingNumber,
      dossierCode: o.dossierCode,
      recipientName: r?.recipientName ?? o.recipientName,
      recipientPhone: r?.recipientPhone ?? null,
      address: addressOf(r),
      state: o.state,
      stateLabel: stateLabel(o.state),
      createdAt: toLocalIso(o.createdAt),
    };
  });
  return { centre, date, carrier: 'VNPOST', count: lines.length, orders: lines };
}

/** A4 hand-over manifest (bảng kê giao nhận) with signature blocks for both sides. */
export function manifestPdf(manifest: Manifest, config: PostalConfig): Promise<Buffer> {
  const doc = newDocument({
    size: 'A4',
    margin: 36,
    info: { Title: `Bảng kê giao nhận ${manifest.centre} ${manifest.date}`, Author: config.senderName },
  });
  const left = 36;
  const width = doc.page.width - 72;
  doc
    .font('bold')
    .fontSize(10)
    .text(config.senderName.toUpperCase(), left, 36, { width: width / 2 });
  doc
    .font('regular')
    .fontSize(8)
    .text(`Mã đơn vị: ${manifest.centre}`, { width: width / 2 });
  doc
    .font('bold')
    .fontSize(10)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + width / 2, 36, { width: width / 2, align: 'center' });
  doc
    .font('regular')
    .fontSize(9)
    .text('Độc lập - Tự do - Hạnh phúc', { width: width / 2, align: 'center' });
  doc.moveDown(2);
  doc
    .font('bold')
    .fontSize(14)
    .text(manifest.title ?? 'BẢNG KÊ GIAO NHẬN BƯU GỬI', left, doc.y, { width, align: 'center' });
  doc
    .font('regular')
    .fontSize(10)
    .text(`Ngày ${vnDate(manifest.date)} — Đơn vị vận chuyển: ${manifest.carrier}`, { width, align: 'center' });
  doc.moveDown(1);

  const columns: Array<{ title: string; width: number; value: (l: ManifestLine) => string }> = [
    { title: 'STT', width: 28, value: (l) => String(l.no) },
    { title: 'Số hiệu bưu gửi', width: 90, value: (l) => l.trackingNumber ?? '' },
    { title: 'Mã hồ sơ', width: 120, value: (l) => l.dossierCode },
    { title: 'Người nhận', width: 100, value: (l) => [l.recipientName, l.recipientPhone].filter(Boolean).join(' — ') },
    { title: 'Địa chỉ', width: width - 28 - 90 - 120 - 100 - 70, value: (l) => l.address },
    { title: 'Trạng thái', width: 70, value: (l) => l.stateLabel },
  ];
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(8);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: columns[i].width - 6 }));
    const height = Math.max(...heights) + 6;
    if (doc.y + height > doc.page.height - 200) doc.addPage();
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
  for (const line of manifest.orders)
    row(
      columns.map((c) => c.value(line)),
      false,
    );
  doc.moveDown(1);
  doc.font('bold').fontSize(10).text(`Tổng số: ${manifest.count} bưu gửi`, left, doc.y, { width });
  doc.moveDown(2);
  const top = doc.y;
  const half = width / 2;
  doc.font('bold').fontSize(10).text('BÊN GIAO', left, top, { width: half, align: 'center' });
  doc
    .font('regular')
    .fontSize(9)
    .text(`(${manifest.giver ?? 'Trung tâm Phục vụ hành chính công'})`, left, doc.y, { width: half, align: 'center' });
  doc.text('(Ký, ghi rõ họ tên)', left, doc.y, { width: half, align: 'center' });
  doc
    .font('bold')
    .fontSize(10)
    .text('BÊN NHẬN', left + half, top, { width: half, align: 'center' });
  doc
    .font('regular')
    .fontSize(9)
    .text('(Bưu điện)', left + half, doc.y, { width: half, align: 'center' });
  doc.text('(Ký, ghi rõ họ tên)', left + half, doc.y, { width: half, align: 'center' });
  return render(doc);
}
