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
});
