import type { DossierDocument } from '../documents/document.entity';
import type { Dossier } from '../dossiers/dossier.entity';
import { dossierRecord, PORTAL_CHANNEL, portalDate } from './portal-records';

describe('national portal records', () => {
  it('write dates as yyyyMMddHHmmss in Vietnam local time, empty when absent', () => {
    expect(portalDate(new Date('2026-11-20T17:30:05Z'))).toBe('20261121003005');
    expect(portalDate(new Date('2026-01-01T00:00:00+07:00'))).toBe('20260101000000');
    expect(portalDate(null)).toBe('');
  });

  it('map channels to KenhThucHien 1 counter, 2 online, 3 post', () => {
    expect(PORTAL_CHANNEL).toEqual({ COUNTER: 1, ONLINE: 2, POSTAL: 3 });
  });

  it('carry the documents (components with flags, results) with SHA-256, and the fees as phí (1) or lệ phí (2)', () => {
    const dossier = { code: 'X', channel: 'COUNTER', receivedAt: new Date('2026-11-20T02:00:00Z'), nationalStatus: 2 } as Dossier;
    const doc = (over: Partial<DossierDocument>) =>
      ({
        kind: 'COMPONENT',
        componentIndex: 1,
        componentName: 'Tờ khai',
        fileName: 'to-khai.pdf',
        mediaType: 'application/pdf',
        sizeBytes: 10,
        sha256: 'a'.repeat(64),
        reusedFromDocumentId: null,
        uploadedAt: new Date('2026-11-20T02:30:00Z'),
        ...over,
      }) as DossierDocument;
    const record = dossierRecord(dossier, 'HOTICH', [], {
      documents: [
        doc({}),
        doc({ componentIndex: 2, reusedFromDocumentId: 'src' }),
        doc({ kind: 'RESULT', componentIndex: null, componentName: 'Giấy khai sinh' }),
      ],
      fees: [
        { name: 'Lệ phí đăng ký khai sinh', amountVnd: 0 },
        { name: 'Phí cấp bản sao', amountVnd: 8000 },
      ],
    });
    expect(record.DanhSachTepDinhKemKhac).toEqual([
      expect.objectContaining({
        MaThanhPhanHoSo: '1',
        MaBamSHA256: 'a'.repeat(64),
        NgayTaiLen: '20261120093000',
        DuocSoHoa: 1,
        DuocTaiSuDung: 0,
        DuocLayTuKhoDMQG: 0,
      }),
      expect.objectContaining({ MaThanhPhanHoSo: '2', DuocTaiSuDung: 1 }),
    ]);
    expect(record.DanhSachGiayToKetQua).toEqual([
      expect.objectContaining({ TenGiayTo: 'Giấy khai sinh', LoaiTep: 'application/pdf', KichThuoc: 10 }),
    ]);
    expect(record.DanhSachLePhi).toEqual([
      { MaPhiLePhi: '1', TenPhiLePhi: 'Lệ phí đăng ký khai sinh', Gia: 0, LoaiPhiLePhi: 2 },
      { MaPhiLePhi: '2', TenPhiLePhi: 'Phí cấp bản sao', Gia: 8000, LoaiPhiLePhi: 1 },
    ]);
    expect(dossierRecord(dossier, 'HOTICH', [])).toMatchObject({ DanhSachTepDinhKemKhac: [], DanhSachGiayToKetQua: [], DanhSachLePhi: [] });
  });
});
