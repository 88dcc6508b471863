import { toLocalIso } from '@motcua/calendar';
import type { Dossier } from '../dossiers/dossier.entity';
import type { DossierSupplement } from '../dossiers/dossier-supplement.entity';

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
export function dossierRecord(d: Dossier, fieldCode: string, supplements: DossierSupplement[]): Record<string, unknown> {
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
