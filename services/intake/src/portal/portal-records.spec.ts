import { PORTAL_CHANNEL, portalDate } from './portal-records';

describe('national portal records', () => {
  it('write dates as yyyyMMddHHmmss in Vietnam local time, empty when absent', () => {
    expect(portalDate(new Date('2026-11-20T17:30:05Z'))).toBe('20261121003005');
    expect(portalDate(new Date('2026-01-01T00:00:00+07:00'))).toBe('20260101000000');
    expect(portalDate(null)).toBe('');
  });

  it('map channels to KenhThucHien 1 counter, 2 online, 3 post', () => {
    expect(PORTAL_CHANNEL).toEqual({ COUNTER: 1, ONLINE: 2, POSTAL: 3 });
  });
});
