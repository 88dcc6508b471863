import { parseQuietHours, quietHoursRelease } from './quiet-hours';

const vn = (iso: string) => new Date(`${iso}+07:00`);

describe('quiet hours (Asia/Ho_Chi_Minh)', () => {
  const night = parseQuietHours('21:00-07:00');

  it('defers a message queued inside a window that crosses midnight to its end', () => {
    expect(quietHoursRelease(vn('2026-01-05T22:15:00'), night)).toEqual(vn('2026-01-06T07:00:00'));
    expect(quietHoursRelease(vn('2026-01-06T03:00:00'), night)).toEqual(vn('2026-01-06T07:00:00'));
    expect(quietHoursRelease(vn('2026-01-05T21:00:00'), night)).toEqual(vn('2026-01-06T07:00:00'));
  });

  it('sends at once outside the window, and at its very end', () => {
    const at = vn('2026-01-06T07:00:00');
    expect(quietHoursRelease(at, night)).toBe(at);
    const evening = vn('2026-01-05T20:59:59');
    expect(quietHoursRelease(evening, night)).toBe(evening);
  });

  it('handles a window inside one day, seconds, and no window', () => {
    const lunch = parseQuietHours('12:00:00-13:30:15');
    expect(quietHoursRelease(vn('2026-01-05T12:10:00'), lunch)).toEqual(vn('2026-01-05T13:30:15'));
    expect(quietHoursRelease(vn('2026-01-05T13:31:00'), lunch)).toEqual(vn('2026-01-05T13:31:00'));
    expect(parseQuietHours('')).toBeNull();
    const now = new Date();
    expect(quietHoursRelease(now, null)).toBe(now);
  });
});
