import { ProcessingExtension } from '../extensions/processing-extension.entity';
import { WorkflowInstance } from '../workflows/workflow-instance.entity';
import { motto, newDocument, render, viDateTime } from './pdf';

/** Phiếu xin lỗi và hẹn lại ngày trả kết quả: the apology to the citizen with the new appointment. */
export function apologyLetterPdf(instance: WorkflowInstance, extension: ProcessingExtension): Promise<Buffer> {
  const doc = newDocument({ info: { Title: `Phiếu xin lỗi và hẹn lại ngày trả kết quả ${instance.dossierCode}` } });
  doc.font('regular').fontSize(10).text(`Cơ quan: ${extension.agencyCode}`);
  doc.moveDown(0.5);
  motto(doc);
  doc.font('bold').fontSize(14).text('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', { align: 'center' });
  doc.moveDown();
  doc.font('regular').fontSize(11);
  doc.text(`Kính gửi: ${instance.applicantName ?? 'Ông/Bà'}`);
  doc.moveDown(0.5);
  doc.text(`Mã hồ sơ: ${instance.dossierCode}`);
  doc.text(`Thủ tục: ${instance.procedureName}`);
  doc.text(`Ngày hẹn trả kết quả trước đây: ${viDateTime(extension.previousAppointmentAt)}`);
  doc.moveDown(0.5);
  doc.text(`Lý do chậm trả kết quả: ${extension.reason}`);
  doc.moveDown(0.5);
  doc.text('Cơ quan giải quyết thành thật xin lỗi Ông/Bà vì sự chậm trễ này và xin hẹn lại thời gian trả kết quả:');
  doc.font('bold').text(`Ngày hẹn trả kết quả mới: ${viDateTime(extension.newAppointmentAt)}`);
  doc.font('regular').moveDown(0.5);
  doc.text('Mong Ông/Bà thông cảm.');
  doc.moveDown(1.5);
  doc.text(`Lập lúc ${viDateTime(extension.requestedAt)}`, { align: 'right' });
  doc.text(`Người lập phiếu: ${extension.requestedByName}`, { align: 'right' });
  doc.text(`Bước xử lý: ${extension.stepName}`, { align: 'right' });
  return render(doc);
}
