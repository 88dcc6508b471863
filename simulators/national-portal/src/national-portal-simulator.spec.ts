import { NationalPortalEngine } from './national-portal-simulator';

const call = (over: Record<string, unknown> = {}) => ({
  service: 'DongBoHoSoMC',
  isUpdating: false,
  data: [{ MaHoSo: '000.00.06.H56-261120-0001', NgayTiepNhan: '20261120093000', NgayTra: '' }],
  ...over,
});

describe('national portal simulator engine', () => {
  it('records valid calls and answers error_code 0', () => {
    const e = new NationalPortalEngine();
    expect(e.receive(call())).toEqual({ status: 200, answer: { error_code: 0, message: 'Thành công' } });
    expect(e.listCalls({ maHoSo: '000.00.06.H56-261120-0001' })).toHaveLength(1);
    expect(e.listCalls({ service: 'CapNhatTienDoHoSoMC' })).toHaveLength(0);
  });

  it('refuses bad envelopes and dates not in yyyyMMddHHmmss', () => {
    const e = new NationalPortalEngine();
    expect(e.receive(call({ service: 'Khac' })).answer.error_code).toBe(1);
    expect(e.receive(call({ data: [] })).answer.error_code).toBe(1);
    expect(e.receive(call({ data: [{ MaHoSo: 'X', NgayTiepNhan: '2026-11-20' }] })).answer.message).toMatch(/NgayTiepNhan/);
    expect(e.listCalls()).toHaveLength(0);
  });

  it('fails the next calls when told to, then recovers', () => {
    const e = new NationalPortalEngine();
    e.configure({ failNext: 1, httpStatus: 503 });
    expect(e.receive(call()).status).toBe(503);
    e.configure({ failNext: 1, httpStatus: 0 });
    expect(e.receive(call()).answer.error_code).toBe(-1);
    expect(e.receive(call()).answer.error_code).toBe(0);
    expect(e.listCalls()).toHaveLength(1);
  });

  it('checks the record lists: files with SHA-256 and the 0/1 flags, result documents, fees, nested dates', () => {
    const e = new NationalPortalEngine();
    const sha = 'a'.repeat(64);
    const file = {
      TenGiayTo: 'Tờ khai',
      MaBamSHA256: sha,
      KichThuoc: 10,
      NgayTaiLen: '20261120093000',
      DuocSoHoa: 1,
      DuocTaiSuDung: 0,
      DuocLayTuKhoDMQG: 0,
    };
    const fee = { TenPhiLePhi: 'Lệ phí đăng ký', Gia: 8000, LoaiPhiLePhi: 2 };
    const record = (over: Record<string, unknown>) =>
      call({ data: [{ MaHoSo: 'X', DanhSachTepDinhKemKhac: [file], DanhSachLePhi: [fee], ...over }] });
    expect(e.receive(record({})).answer.error_code).toBe(0);
    expect(e.receive(record({ DanhSachGiayToKetQua: [{ TenGiayTo: 'Giấy khai sinh', MaBamSHA256: sha }] })).answer.error_code).toBe(0);
    const refused: Array<[Record<string, unknown>, RegExp]> = [
      [{ DanhSachTepDinhKemKhac: [{ ...file, MaBamSHA256: 'abc' }] }, /MaBamSHA256/],
      [{ DanhSachTepDinhKemKhac: [{ ...file, DuocTaiSuDung: true }] }, /DuocTaiSuDung/],
      [{ DanhSachTepDinhKemKhac: [{ ...file, TenGiayTo: '' }] }, /TenGiayTo/],
      [{ DanhSachTepDinhKemKhac: [{ ...file, NgayTaiLen: '2026-11-20' }] }, /DanhSachTepDinhKemKhac\[0\]\.NgayTaiLen/],
      [{ DanhSachTepDinhKemKhac: 'x' }, /danh sách/],
      [{ DanhSachGiayToKetQua: [{ TenGiayTo: 'Giấy khai sinh' }] }, /MaBamSHA256/],
      [{ DanhSachLePhi: [{ ...fee, Gia: -1 }] }, /Gia/],
      [{ DanhSachLePhi: [{ ...fee, LoaiPhiLePhi: 3 }] }, /LoaiPhiLePhi/],
    ];
    for (const [over, message] of refused) {
      const { answer } = e.receive(record(over));
      expect(answer.error_code).toBe(1);
      expect(answer.message).toMatch(message);
    }
    // the progress step has no such lists: not checked there
    expect(e.receive(call({ service: 'CapNhatTienDoHoSoMC', data: [{ MaHoSo: 'X', DanhSachLePhi: 'x' }] })).answer.error_code).toBe(0);
    expect(e.listCalls()).toHaveLength(3);
  });
});
