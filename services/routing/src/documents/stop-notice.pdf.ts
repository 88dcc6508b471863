import { toLocalIso } from '@motcua/calendar';
import { ControlSlipEntry } from '../control-slip/control-slip-entry.entity';
import { WorkflowInstance } from '../workflows/workflow-instance.entity';
import { routingFormOn } from './form-sets';
import { motto, newDocument, render, viDateTime } from './pdf';

const DEFAULT_TITLE = 'Phiếu thông báo dừng xử lý hồ sơ';

/**
 * Thông báo dừng xử lý hồ sơ (form 05 of the 2025 set; numbered from `form-sets.ts` by the stop date): tells the
 * citizen that processing of the dossier stopped, why, by whom, and that the dossier is handed back at the one-stop counter.
 */
export function stopNoticePdf(instance: WorkflowInstance, stop: ControlSlipEntry): Promise<Buffer> {
  const stoppedAt = instance.resolvedAt ?? stop.handedOverAt;
  const form = routingFormOn('STOP', toLocalIso(stoppedAt).slice(0, 10));
  const title = form?.title ?? DEFAULT_TITLE;
  const doc = newDocument({ info: { Title: `${title} ${instance.dossierCode}` } });
  if (form) doc.font('regular').fontSize(10).text(`Mẫu số ${form.number}`, { align: 'right' });
  doc.font('regular').fontSize(10).text(`Cơ quan: ${stop.giverAgencyCode}`);
  doc.moveDown(0.5);
  motto(doc);
  doc.font('bold').fontSize(14).text(title.toLocaleUpperCase('vi-VN'), { align: 'center' });
  doc.moveDown();
  doc.font('regular').fontSize(11);
  doc.text(`Kính gửi: ${instance.applicantName ?? 'Ông/Bà'}`);
  doc.moveDown(0.5);
  doc.text(`Mã hồ sơ: ${instance.dossierCode}`);
  doc.text(`Thủ tục: ${instance.procedureName}`);
  if (stop.fromStepName) doc.text(`Bước xử lý: ${stop.fromStepName}`);
  if (instance.supplementDueAt && instance.stopReasonCode) doc.text(`Hạn bổ sung hồ sơ: ${viDateTime(instance.supplementDueAt)}`);
  doc.moveDown(0.5);
  doc.text(`Cơ quan giải quyết thông báo dừng xử lý hồ sơ của Ông/Bà kể từ ${viDateTime(stoppedAt)}.`);
  doc.font('bold').text(`Lý do: ${instance.stopReason ?? stop.note ?? ''}`);
  doc.font('regular').moveDown(0.5);
  doc.text('Hồ sơ được trả lại tại Bộ phận tiếp nhận và trả kết quả. Ông/Bà có thể nộp lại hồ sơ khi đủ điều kiện.');
  doc.moveDown(1.5);
  doc.text(`Lập lúc ${viDateTime(stop.handedOverAt)}`, { align: 'right' });
  doc.text(`Người lập phiếu: ${stop.giverName}`, { align: 'right' });
  return render(doc);
}
