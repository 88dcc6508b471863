import fc from 'fast-check';
import {
  BUILT_IN_SCHEDULES,
  calendarFrom,
  dateRange,
  defaultLegalClock,
  legalClockFrom,
  LegalClock,
  localDate,
  localMinutes,
  parseOfficePeriods,
  ProcessingTime,
  toLocalIso,
  validateYearSchedule,
} from './index';

const at = (local: string) => new Date(`${local}+07:00`);
const clock = defaultLegalClock();
const plain = new LegalClock(calendarFrom([]));
const due = (received: string, time: ProcessingTime, c: LegalClock = clock) => toLocalIso(c.addDuration(at(received), time));

const instants = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-12-01T00:00:00Z'), noInvalidDate: true });
const minutesArb = fc.integer({ min: 1, max: 30 * 480 });
/** A clock whose make-up Saturdays only work in the morning, to check the periods of worked weekend days. */
const morningSaturdays = legalClockFrom(BUILT_IN_SCHEDULES, {
  periods: [
    [420, 690],
    [810, 1020],
  ],
  makeUpDayPeriods: [[420, 690]],
});

describe('LegalClock: DOMAIN.md §4 examples (received at 09:00)', () => {
  it.each([
    ['2025-01-24T09:00:00', 1, '2025-02-03T09:00:00+07:00'], // Fri before Tết 2025
    ['2025-01-24T09:00:00', 3, '2025-02-05T09:00:00+07:00'],
    ['2025-04-25T09:00:00', 1, '2025-04-26T09:00:00+07:00'], // make-up Saturday 26/04/2025
    ['2025-12-31T09:00:00', 1, '2026-01-05T09:00:00+07:00'], // New Year 2026, across two year schedules
    ['2026-02-13T09:00:00', 1, '2026-02-23T09:00:00+07:00'], // Tết 2026
  ])('received %s + %i working day(s) = %s', (received, days, expected) => {
    expect(toLocalIso(clock.addWorkingDays(at(received), days))).toBe(expected);
    expect(due(received, { value: days, unit: 'WORKING_DAYS' })).toBe(expected);
  });

  it('Friday 09:00 + 1 working day = the next working day 09:00; Friday 17:30 + 1 = end of the next working day', () => {
    expect(due('2026-11-20T09:00:00', { value: 1, unit: 'WORKING_DAYS' })).toBe('2026-11-23T09:00:00+07:00');
    expect(due('2026-11-20T17:30:00', { value: 1, unit: 'WORKING_DAYS' })).toBe('2026-11-23T17:00:00+07:00');
  });
});

describe('LegalClock: counting start and working time', () => {
  it.each([
    ['inside office hours: the instant itself', '2026-11-24T09:15:00', '2026-11-24T09:15:00+07:00'],
    ['at the opening: the opening', '2026-11-24T07:00:00', '2026-11-24T07:00:00+07:00'],
    ['before the opening: the opening', '2026-11-24T06:10:00', '2026-11-24T07:00:00+07:00'],
    ['at the lunch break: the afternoon period', '2026-11-24T11:30:00', '2026-11-24T13:30:00+07:00'],
    ['during lunch: the afternoon period', '2026-11-24T12:45:00', '2026-11-24T13:30:00+07:00'],
    ['after hours: the next working morning', '2026-11-24T17:00:00', '2026-11-25T07:00:00+07:00'],
    ['Friday evening: Monday morning', '2026-11-20T23:30:00', '2026-11-23T07:00:00+07:00'],
    ['on a weekend: the next working morning', '2026-11-22T10:00:00', '2026-11-23T07:00:00+07:00'],
    ['during Tết 2025: the first working day after it', '2025-01-28T10:00:00', '2025-02-03T07:00:00+07:00'],
    ['on a make-up Saturday: that Saturday', '2026-01-10T08:00:00', '2026-01-10T08:00:00+07:00'],
    ['on a substitute day off: the next working day', '2026-04-27T08:00:00', '2026-04-28T07:00:00+07:00'],
  ])('%s', (_, received, start) => {
    expect(toLocalIso(clock.countingStart(at(received)))).toBe(start);
  });

  it('starts counting at the next office period when received after hours or at lunch', () => {
    expect(toLocalIso(clock.addWorkingMinutes(at('2026-11-24T12:00:00'), 60))).toBe('2026-11-24T14:30:00+07:00');
    expect(toLocalIso(clock.addWorkingMinutes(at('2026-11-24T06:00:00'), 60))).toBe('2026-11-24T08:00:00+07:00');
    expect(due('2025-01-25T10:00:00', { value: 1, unit: 'WORKING_DAYS' })).toBe('2025-02-03T17:00:00+07:00');
  });

  it('ends exactly at a period end instead of jumping to the next one', () => {
    expect(toLocalIso(clock.addWorkingMinutes(at('2026-11-24T07:00:00'), 270))).toBe('2026-11-24T11:30:00+07:00');
    expect(toLocalIso(clock.addWorkingMinutes(at('2026-11-24T07:00:00'), 480))).toBe('2026-11-24T17:00:00+07:00');
  });

  it('works make-up Saturdays and skips official days off', () => {
    expect(due('2025-04-26T09:00:00', { value: 1, unit: 'WORKING_DAYS' })).toBe('2025-04-28T09:00:00+07:00');
    expect(due('2025-04-29T09:00:00', { value: 1, unit: 'WORKING_DAYS' })).toBe('2025-05-05T09:00:00+07:00');
    expect(due('2026-01-09T10:00:00', { value: 1, unit: 'WORKING_DAYS' })).toBe('2026-01-10T10:00:00+07:00');
    expect(due('2026-04-24T10:00:00', { value: 1, unit: 'WORKING_DAYS' })).toBe('2026-04-28T10:00:00+07:00');
    expect(due('2026-08-31T10:00:00', { value: 1, unit: 'WORKING_DAYS' })).toBe('2026-09-03T10:00:00+07:00');
  });

  it('uses the office periods of make-up days when they differ', () => {
    expect(toLocalIso(morningSaturdays.addWorkingMinutes(at('2026-01-09T16:00:00'), 240))).toBe('2026-01-10T10:00:00+07:00');
    expect(toLocalIso(morningSaturdays.addWorkingMinutes(at('2026-01-09T16:00:00'), 360))).toBe('2026-01-12T07:30:00+07:00');
    expect(toLocalIso(morningSaturdays.closeOfOffice('2026-01-10'))).toBe('2026-01-10T11:30:00+07:00');
    expect(morningSaturdays.minutesPerDay).toBe(480);
  });

  it('counts working hours and fractions of a working day', () => {
    expect(due('2026-11-23T16:00:00', { value: 4, unit: 'WORKING_HOURS' })).toBe('2026-11-24T10:00:00+07:00');
    expect(due('2026-11-23T09:00:00', { value: 0.5, unit: 'WORKING_DAYS' })).toBe('2026-11-23T15:00:00+07:00');
    expect(due('2026-11-23T09:00:00', { value: 8, unit: 'WORKING_HOURS' })).toBe('2026-11-24T09:00:00+07:00');
  });

  it('uses the local date for instants late in the evening', () => {
    expect(localDate(new Date('2026-11-24T16:30:00Z'))).toBe('2026-11-24');
    expect(localDate(new Date('2026-11-24T17:30:00Z'))).toBe('2026-11-25');
  });

  it('counts working minutes between instants', () => {
    expect(clock.workingMinutesBetween(at('2025-01-24T09:00:00'), at('2025-02-03T09:00:00'))).toBe(480);
    expect(clock.workingMinutesBetween(at('2025-04-25T07:00:00'), at('2025-04-28T07:00:00'))).toBe(960);
    expect(clock.workingMinutesBetween(at('2026-11-24T11:00:00'), at('2026-11-24T14:00:00'))).toBe(60);
    expect(clock.workingMinutesBetween(at('2026-11-21T08:00:00'), at('2026-11-22T16:00:00'))).toBe(0);
    expect(clock.workingMinutesBetween(at('2026-11-24T10:00:00'), at('2026-11-24T09:00:00'))).toBe(0);
  });
});

describe('LegalClock: calendar-day procedures', () => {
  it.each([
    ['ends at the close of office on the last day', '2026-11-25T10:00:00', 2, '2026-11-27T17:00:00+07:00'],
    ['last day a Saturday: the next working day', '2026-11-23T10:00:00', 5, '2026-11-30T17:00:00+07:00'],
    ['last day a substitute day off: the next working day', '2026-04-20T10:00:00', 7, '2026-04-28T17:00:00+07:00'],
    ['last day inside a holiday span: after it', '2026-04-28T09:00:00', 2, '2026-05-04T17:00:00+07:00'],
    ['last day a make-up Saturday: that Saturday', '2026-01-08T10:00:00', 2, '2026-01-10T17:00:00+07:00'],
    ['received after hours: counted from the next office day', '2026-11-20T18:00:00', 1, '2026-11-24T17:00:00+07:00'],
    ['weekend days inside the span count', '2026-11-19T10:00:00', 4, '2026-11-23T17:00:00+07:00'],
  ])('%s', (_, received, days, expected) => {
    expect(due(received, { value: days, unit: 'CALENDAR_DAYS' })).toBe(expected);
  });

  it('ends at the close of a shorter make-up day', () => {
    expect(due('2026-01-08T10:00:00', { value: 2, unit: 'CALENDAR_DAYS' }, morningSaturdays)).toBe('2026-01-10T11:30:00+07:00');
  });
});

describe('LegalClock: "within the day" procedures', () => {
  it.each([
    ['received in the morning: end of that day', '2026-11-23T09:00:00', '2026-11-23T17:00:00+07:00'],
    ['received at lunch: end of that day', '2026-11-23T12:00:00', '2026-11-23T17:00:00+07:00'],
    ['received at exactly 15:00: end of that day', '2026-11-23T15:00:00', '2026-11-23T17:00:00+07:00'],
    ['received after 15:00: end of the next working day', '2026-11-23T15:01:00', '2026-11-24T17:00:00+07:00'],
    ['Friday after 15:00: Monday', '2026-11-20T16:00:00', '2026-11-23T17:00:00+07:00'],
    ['Friday after hours: end of Monday', '2026-11-20T17:30:00', '2026-11-23T17:00:00+07:00'],
    ['on a Saturday: end of Monday', '2026-11-21T10:00:00', '2026-11-23T17:00:00+07:00'],
    ['after the cut-off before a holiday span: after it', '2026-04-29T15:30:00', '2026-05-04T17:00:00+07:00'],
    ['after the cut-off on a Friday before a make-up Saturday', '2026-01-09T15:30:00', '2026-01-10T17:00:00+07:00'],
  ])('%s', (_, received, expected) => {
    expect(due(received, { value: 1, unit: 'WITHIN_DAY' })).toBe(expected);
  });

  it('honours a configured cut-off', () => {
    const late = legalClockFrom(BUILT_IN_SCHEDULES, { periods: parseOfficePeriods('07:00-11:30,13:30-17:00'), withinDayCutoff: 16 * 60 });
    expect(due('2026-11-23T15:30:00', { value: 1, unit: 'WITHIN_DAY' }, late)).toBe('2026-11-23T17:00:00+07:00');
    expect(due('2026-11-23T16:30:00', { value: 1, unit: 'WITHIN_DAY' }, late)).toBe('2026-11-24T17:00:00+07:00');
  });
});

describe('LegalClock: supplement pauses', () => {
  it('moves the appointment by the working time elapsed while paused', () => {
    // paused Mon 14:00 → Tue 09:00 = 3 h + 2 h of office time; Fri 10:00 + 5 h = Fri 17:00
    expect(toLocalIso(clock.shiftByPause(at('2026-11-27T10:00:00'), at('2026-11-23T14:00:00'), at('2026-11-24T09:00:00')))).toBe(
      '2026-11-27T17:00:00+07:00',
    );
    // paused over Tết: nothing of it was working time except the Friday afternoon
    expect(toLocalIso(clock.shiftByPause(at('2026-02-24T09:00:00'), at('2026-02-13T16:00:00'), at('2026-02-23T07:00:00')))).toBe(
      '2026-02-24T10:00:00+07:00',
    );
  });

  it('changes nothing for a pause over a weekend or an empty pause', () => {
    const appointment = at('2026-11-27T10:00:00');
    expect(clock.shiftByPause(appointment, at('2026-11-21T08:00:00'), at('2026-11-22T20:00:00'))).toEqual(appointment);
    expect(clock.shiftByPause(appointment, at('2026-11-24T10:00:00'), at('2026-11-24T10:00:00'))).toEqual(appointment);
  });
});

describe('LegalClock: years and validation', () => {
  it('tells which years had no schedule (Monday–Friday used)', () => {
    expect(clock.unscheduledYears(at('2026-12-30T09:00:00'), clock.addWorkingDays(at('2026-12-30T09:00:00'), 5))).toEqual([2027]);
    expect(clock.unscheduledYears(at('2025-03-01T09:00:00'), at('2026-03-01T09:00:00'))).toEqual([]);
    expect(toLocalIso(clock.addWorkingDays(at('2027-01-01T09:00:00'), 1))).toBe('2027-01-04T09:00:00+07:00');
  });

  it('refuses processing times it cannot count', () => {
    expect(() => clock.addDuration(new Date(), { value: -1, unit: 'WORKING_DAYS' })).toThrow(/Invalid/);
    expect(() => clock.addDuration(new Date(), { value: 1.5, unit: 'CALENDAR_DAYS' })).toThrow(/whole/);
    expect(() => clock.addDuration(new Date(), { value: 1, unit: 'FORTNIGHTS' as never })).toThrow(/Unknown/);
    expect(() => clock.addWorkingMinutes(new Date(), Number.NaN)).toThrow(/Invalid/);
  });

  it('never loops forever on a calendar without working days', () => {
    // every day off from 2020 to 2090: further than the scans' bound (about 55 years)
    const never = new LegalClock({ ...calendarFrom([]), daysOff: new Set(dateRange('2020-01-01', '2090-12-31')) });
    expect(() => never.addWorkingDays(new Date(), 1)).toThrow(/converge/);
    expect(() => never.countingStart(new Date())).toThrow(/No office period/);
  });

  it('parses office hours and refuses bad ones', () => {
    expect(parseOfficePeriods('07:30-11:30, 13:00-16:30')).toEqual([
      [450, 690],
      [780, 990],
    ]);
    expect(() => parseOfficePeriods('11:30-07:00')).toThrow(/start before/);
    expect(() => parseOfficePeriods('07:00-12:00,11:00-17:00')).toThrow(/overlap/);
    expect(() => parseOfficePeriods('7h-11h')).toThrow(/HH:mm/);
    expect(() => parseOfficePeriods('')).toThrow(/at least one/);
    expect(() => parseOfficePeriods('07:00-25:00')).toThrow(/HH:mm/);
  });

  it('validates year schedules', () => {
    for (const s of BUILT_IN_SCHEDULES) expect(validateYearSchedule(s)).toEqual([]);
    const problems = validateYearSchedule({
      year: 2027,
      daysOff: ['2027-01-01', '2026-12-31', '2027-02-30', 'tomorrow', '2027-01-01', '2027-05-01'],
      extraWorkingDays: ['2027-05-01'],
    });
    expect(problems.map((p) => `${p.field}:${p.rule}`)).toEqual([
      'daysOff[1]:sameYear',
      'daysOff[2]:isDate',
      'daysOff[3]:isDate',
      'daysOff[4]:unique',
      'extraWorkingDays[0]:notAlsoDayOff',
    ]);
    expect(validateYearSchedule({ year: 20270, daysOff: [], extraWorkingDays: [] })[0]).toMatchObject({ field: 'year', rule: 'range' });
  });

  it('builds the DOMAIN.md schedules: Tết 2026 spans Sat 14/02 – Sun 22/02', () => {
    expect(dateRange('2026-02-14', '2026-02-22')).toHaveLength(9);
    expect(clock.isWorkingDay('2026-02-13')).toBe(true);
    expect(dateRange('2026-02-14', '2026-02-22').some((d) => clock.isWorkingDay(d))).toBe(false);
    expect(clock.isWorkingDay('2025-04-26')).toBe(true);
    expect(clock.isWorkingDay('2025-05-02')).toBe(false);
  });
});

describe('LegalClock: properties', () => {
  const clocks = [clock, plain, morningSaturdays];

  it('adding then measuring gives back the added working time', () => {
    fc.assert(
      fc.property(instants, minutesArb, (from, minutes) => {
        for (const c of clocks) {
          const end = c.addWorkingMinutes(from, minutes);
          expect(c.workingMinutesBetween(from, end)).toBeCloseTo(minutes, 6);
          expect(end.getTime()).toBeGreaterThan(from.getTime());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with a minute-by-minute reference count', () => {
    const reference = (c: LegalClock, from: Date, to: Date) => {
      let n = 0;
      for (let t = from.getTime(); t < to.getTime(); t += 60_000) {
        const m = localMinutes(new Date(t));
        if (c.officePeriodsOf(localDate(new Date(t))).some(([s, e]) => m >= s && m < e)) n++;
      }
      return n;
    };
    const minuteInstants = instants.map((d) => new Date(Math.floor(d.getTime() / 60_000) * 60_000));
    fc.assert(
      fc.property(minuteInstants, fc.integer({ min: 0, max: 4 * 1440 }), (from, span) => {
        const to = new Date(from.getTime() + span * 60_000);
        for (const c of clocks) expect(c.workingMinutesBetween(from, to)).toBe(reference(c, from, to));
      }),
      { numRuns: 100 },
    );
  });

  it('is monotonic in the start and in the duration', () => {
    fc.assert(
      fc.property(instants, instants, minutesArb, minutesArb, (a, b, m1, m2) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const [short, long] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(clock.addWorkingMinutes(early, short).getTime()).toBeLessThanOrEqual(clock.addWorkingMinutes(late, short).getTime());
        expect(clock.addWorkingMinutes(early, short).getTime()).toBeLessThanOrEqual(clock.addWorkingMinutes(early, long).getTime());
        expect(clock.workingMinutesBetween(early, late)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('adds in steps as it adds at once', () => {
    fc.assert(
      fc.property(instants, minutesArb, minutesArb, (from, m1, m2) => {
        expect(clock.addWorkingMinutes(clock.addWorkingMinutes(from, m1), m2)).toEqual(clock.addWorkingMinutes(from, m1 + m2));
      }),
      { numRuns: 200 },
    );
  });

  it('ends inside office time of a working day', () => {
    fc.assert(
      fc.property(instants, minutesArb, (from, minutes) => {
        for (const c of clocks) {
          const end = c.addWorkingMinutes(from, minutes);
          const m = localMinutes(end);
          expect(c.officePeriodsOf(localDate(end)).some(([s, e]) => m > s && m <= e)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('shifting by an empty pause is the identity; a pause never brings the appointment forward', () => {
    fc.assert(
      fc.property(instants, instants, instants, (appointment, p1, p2) => {
        expect(clock.shiftByPause(appointment, p1, p1)).toEqual(appointment);
        const [from, to] = p1 <= p2 ? [p1, p2] : [p2, p1];
        const shifted = clock.shiftByPause(appointment, from, to);
        expect(shifted.getTime()).toBeGreaterThanOrEqual(appointment.getTime());
        if (clock.workingMinutesBetween(from, to) > 0) {
          expect(clock.workingMinutesBetween(appointment, shifted)).toBeCloseTo(clock.workingMinutesBetween(from, to), 6);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('calendar-day and within-day appointments fall at a close of office on a working day', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 60 }), (received, days) => {
        const calendarDue = clock.addDuration(received, { value: days, unit: 'CALENDAR_DAYS' });
        expect(clock.closeOfOffice(localDate(calendarDue))).toEqual(calendarDue);
        expect(localDate(calendarDue) >= localDate(new Date(received.getTime() + days * 86_400_000))).toBe(true);
        const withinDay = clock.addDuration(received, { value: 1, unit: 'WITHIN_DAY' });
        expect(clock.closeOfOffice(localDate(withinDay))).toEqual(withinDay);
        const worked = clock.workingMinutesBetween(received, withinDay);
        expect(worked).toBeGreaterThan(0);
        expect(worked).toBeLessThanOrEqual(2 * clock.minutesPerDay);
      }),
      { numRuns: 300 },
    );
  });
});
