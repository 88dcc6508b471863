import { FORM_SETS, formOn, formSetOn } from './form-sets';

describe('form sets by effective date', () => {
  it('uses Circular 01/2018 numbering before 01/07/2025 and the 2025 set from that day', () => {
    expect(formSetOn('2025-06-30').id).toBe('TT01-2018');
    expect(formSetOn('2025-07-01').id).toBe('ND118-2025');
    expect(formOn('LOGBOOK', '2025-06-30').number).toBe('06');
    expect(formOn('LOGBOOK', '2025-07-01').number).toBe('07');
    expect(formOn('CONTROL_SLIP', '2024-01-01').number).toBe('05');
    expect(formOn('CONTROL_SLIP', '2026-01-01').number).toBe('06');
  });

  it('keeps 01 receipt, 02 supplement, 03 refusal in both sets with their Vietnamese titles', () => {
    for (const day of ['2019-03-01', '2026-11-25']) {
      expect(formOn('RECEIPT', day)).toMatchObject({ number: '01', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' });
      expect(formOn('SUPPLEMENT_REQUEST', day)).toMatchObject({ number: '02', title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ' });
      expect(formOn('REFUSAL', day)).toMatchObject({ number: '03', title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ' });
    }
  });

  it('has the 2025 set numbered 01–07 in order and the stop notice only there', () => {
    expect(formSetOn('2026-01-01').forms.map((f) => f.number)).toEqual(['01', '02', '03', '04', '05', '06', '07']);
    expect(formOn('STOP', '2025-08-01').number).toBe('05');
    expect(() => formOn('STOP', '2025-06-30')).toThrow(/no form STOP/);
  });

  it('falls back to the earliest set before any effective date, and every title is NFC', () => {
    expect(formSetOn('2000-01-01').id).toBe('TT01-2018');
    for (const set of FORM_SETS) for (const f of set.forms) expect(f.title).toBe(f.title.normalize('NFC'));
  });
});
