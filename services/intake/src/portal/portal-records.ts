import { toLocalIso } from '@motcua/calendar';
import type { Dossier } from '../dossiers/dossier.entity';
import type { DossierSupplement } from '../dossiers/dossier-supplement.entity';
import type { DossierDocument } from '../documents/document.entity';

/** A fee or charge of the procedure version the dossier was received under. */
export interface PortalFee {
  name: string;
  amountVnd: number;
}

/** What a record carries besides the dossier row: its documents and the fees of its procedure. */
export interface DossierRecordExtras {
  documents?: DossierDocument[];
  fees?: PortalFee[];
}

const documentItem = (doc: DossierDocument) => ({
  TenGiayTo: doc.componentName,
  TenTepDinhKem: doc.fileName,
  LoaiTep: doc.mediaType,
  KichThuoc: doc.sizeBytes,
  MaBamSHA256: doc.sha256,
  NgayTaiLen: portalDate(doc.uploadedAt),
});

/** National portal service names (DOMAIN.md §6). */
export const DONG_BO_HO_SO = 'DongBoHoSoMC';
export const CAP_NHAT_TIEN_DO = 'CapNhatTienDoHoSoMC';

/** `yyyyMMddHHmmss` in local time (Asia/Ho_Chi_Minh), as the portal wants its dates. */
export function portalDate(at: Date | null | undefined): string {
  if (!at) return '';
  return toLocalIso(at).replace(/[-T:]/g, '').slice(0, 14);
}

/** KenhThucHien: 1 counter, 2 online, 3 public postal service. */
export const PORTAL_CHANNEL: Record<Dossier['channel'], number> = { COUNTER: 1, ONLINE: 2, POSTAL: 3 };

/** The dossier record (`DongBoHoSoMC` data item). */
export function dossierRecord(
  d: Dossier,
  fieldCode: string,
  supplements: DossierSupplement[],
  extras: DossierRecordExtras = {},
): Record<string, unknown> {
  const documents = extras.documents ?? [];
  return {
    MaHoSo: d.code,
    MaTTHC: d.procedureCode,
    TenTTHC: d.procedureName,
    MaLinhVuc: fieldCode,
    KenhThucHien: PORTAL_CHANNEL[d.channel],
    ChuHoSo: d.applicantName,
    SoGiayToChuHoSo: d.applicantIdNumber,
    LoaiDoiTuong: 1,
    SoDienThoai: d.applicantPhone ?? '',
    Email: d.applicantEmail ?? '',
    NgayTiepNhan: portalDate(d.receivedAt),
    NgayHenTra: portalDate(d.appointmentAt),
    TrangThaiHoSo: d.nationalStatus,
    NgayKetThucXuLy: portalDate(d.resolvedAt ?? d.closedAt),
    NgayTra: portalDate(d.returnedAt),
    HinhThuc: d.resultDelivery === 'POST' ? 1 : 0,
    DanhSachHoSoBoSung: supplements.map((s) => ({
      NgayYeuCauBoSung: portalDate(s.requestedAt),
      NoiDungBoSung: [s.reason, ...s.items].join('; '),
      NgayTiepNhanBoSung: portalDate(s.receivedAt),
      NgayHenTraCu: portalDate(s.appointmentBefore),
      NgayHenTraMoi: portalDate(s.appointmentAfter),
    })),
    // components: DuocSoHoa (digitized here), DuocTaiSuDung (linked from the citizen's digitized documents),
    // DuocLayTuKhoDMQG (from the national shared database: not connected, always 0); SHA-256 of the bytes
    DanhSachTepDinhKemKhac: documents
      .filter((doc) => doc.kind !== 'RESULT')
      .map((doc) => ({
        MaThanhPhanHoSo: String(doc.componentIndex ?? ''),
        ...documentItem(doc),
        DuocSoHoa: 1,
        DuocTaiSuDung: doc.reusedFromDocumentId ? 1 : 0,
        DuocLayTuKhoDMQG: 0,
      })),
    DanhSachGiayToKetQua: documents.filter((doc) => doc.kind === 'RESULT').map(documentItem),
    // LoaiPhiLePhi: 1 phí (fee), 2 lệ phí (charge)
    DanhSachLePhi: (extras.fees ?? []).map((f, i) => ({
      MaPhiLePhi: String(i + 1),
      TenPhiLePhi: f.name,
      Gia: f.amountVnd,
      LoaiPhiLePhi: /^lệ phí/i.test(f.name.normalize('NFC')) ? 2 : 1,
    })),
  };
}

export interface ProgressStep {
  /** Who acted (a person, or the system). */
  actor: string;
  title?: string;
  department: string;
  content: string;
  at: Date;
}

/** One processing step (`CapNhatTienDoHoSoMC` data item). */
export function progressRecord(d: Dossier, step: ProgressStep): Record<string, unknown> {
  return {
    MaHoSo: d.code,
    NguoiXuLy: step.actor,
    ChucDanh: step.title ?? '',
    ThoiDiemXuLy: portalDate(step.at),
    PhongBanXuLy: step.department,
    NoiDungXuLy: step.content,
    TrangThai: d.nationalStatus,
    NgayBatDau: portalDate(d.receivedAt),
    NgayKetThucTheoQuyDinh: portalDate(d.appointmentAt),
  };
}
