import fc from 'fast-check';
import { defaultLegalClock, LegalClock, calendarFrom, localDate, toLocalIso } from './index';

const at = (local: string) => new Date(`${local}+07:00`);
const clock = defaultLegalClock();

describe('LegalClock (DOMAIN.md §4 examples)', () => {
  it.each([
    ['2025-01-24T09:00:00', 1, '2025-02-03T09:00:00+07:00'],
    ['2025-01-24T09:00:00', 3, '2025-02-05T09:00:00+07:00'],
    ['2025-04-25T09:00:00', 1, '2025-04-26T09:00:00+07:00'],
    ['2025-12-31T09:00:00', 1, '2026-01-05T09:00:00+07:00'],
    ['2026-02-13T09:00:00', 1, '2026-02-23T09:00:00+07:00'],
  ])('received %s + %i working day(s) = %s', (received, days, due) => {
    expect(toLocalIso(clock.addWorkingDays(at(received), days))).toBe(due);
  });

  it('starts counting at the next office period when received after hours', () => {
    // Friday 17:30 + 1 working day = end of the next working day.
    expect(toLocalIso(clock.addWorkingDays(at('2026-11-20T17:30:00'), 1))).toBe('2026-11-23T17:00:00+07:00');
    // Lunch break: 12:00 counts from 13:30.
    expect(toLocalIso(clock.addWorkingMinutes(at('2026-11-24T12:00:00'), 60))).toBe('2026-11-24T14:30:00+07:00');
  });

  it('ends exactly at a period end instead of jumping to the next one', () => {
    expect(toLocalIso(clock.addWorkingMinutes(at('2026-11-24T07:00:00'), 270))).toBe('2026-11-24T11:30:00+07:00');
  });

  it('uses the local date for instants late in the evening', () => {
    expect(localDate(new Date('2026-11-24T16:30:00Z'))).toBe('2026-11-24');
    expect(localDate(new Date('2026-11-24T17:30:00Z'))).toBe('2026-11-25');
  });

  it('counts working minutes between instants', () => {
    expect(clock.workingMinutesBetween(at('2025-01-24T09:00:00'), at('2025-02-03T09:00:00'))).toBe(480);
    expect(clock.workingMinutesBetween(at('2026-11-24T10:00:00'), at('2026-11-24T09:00:00'))).toBe(0);
  });

  it('adding then measuring gives back the added working time (property)', () => {
    const plain = new LegalClock(calendarFrom([]));
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-12-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 30 * 480 }),
        (from, minutes) => {
          for (const c of [clock, plain]) {
            const due = c.addWorkingMinutes(from, minutes);
            expect(c.workingMinutesBetween(from, due)).toBeCloseTo(minutes, 6);
            expect(due.getTime()).toBeGreaterThan(from.getTime());
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
