import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BUILT_IN_SCHEDULES, defaultLegalClock, legalClockFrom, localDate, YearSchedule } from '@motcua/calendar';
import { CALENDAR_YEAR_SCHEDULE_REPLACED, CalendarYearScheduleReplacedV1 } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createTestDatabase, expectEventually, makeEnvelope, TestDatabase } from '@motcua/testing';
import { WorkingCalendarService } from '@motcua/platform';
import { bootRouting, client, LINKED_PROCEDURE, received, USERS } from './routing-test-kit';

const localIsoSeconds = (d: Date) =>
  new Date(Math.floor(d.getTime() / 1000) * 1000 + 7 * 3_600_000).toISOString().replace('.000Z', '+07:00');

describe('the working calendar follows the year schedules an administrator replaced in intake', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    db = await createTestDatabase('routing_calendar');
    bus = new InProcessBus({ delayScale: 0.01 });
    app = await bootRouting(db.url, bus);
    api = client(app);
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.drop();
  });

  it('a replaced year with an extra day off moves the next due instant past that day; older replacements are ignored', async () => {
    // the day a 1-working-day step opened now would fall due on the built-in calendar (in 2026 while it runs)
    const builtInDue = defaultLegalClock().addWorkingDays(new Date(), 1);
    const dayOff = localDate(builtInDue);
    const year = Number(dayOff.slice(0, 4));
    const builtIn: YearSchedule = BUILT_IN_SCHEDULES.find((s) => s.year === year) ?? { year, daysOff: [], extraWorkingDays: [] };
    const replaced: CalendarYearScheduleReplacedV1 = {
      year,
      daysOff: [...builtIn.daysOff, dayOff].sort(),
      extraWorkingDays: builtIn.extraWorkingDays,
      replacedAt: new Date().toISOString(),
    };
    const calendar = app.get(WorkingCalendarService);
    expect(calendar.clock().isWorkingDay(dayOff)).toBe(true);

    await bus.publish([makeEnvelope(CALENDAR_YEAR_SCHEDULE_REPLACED, replaced, { source: 'intake' })]);
    await expectEventually(() => expect(calendar.clock().isWorkingDay(dayOff)).toBe(false));

    // a replacement published earlier but arriving late changes nothing
    const stale = { ...replaced, daysOff: builtIn.daysOff, replacedAt: new Date(Date.now() - 60_000).toISOString() };
    expect(await calendar.replaceYear(stale)).toBe('stale');
    expect(calendar.clock().isWorkingDay(dayOff)).toBe(false);
    const [row] = await app.get(DataSource).query('SELECT days_off FROM calendar_year_schedule WHERE year = $1', [year]);
    expect(row.days_off).toContain(dayOff);

    const e = received({ procedureCode: LINKED_PROCEDURE, procedureName: 'Liên thông khai sinh, thường trú, thẻ BHYT' });
    await bus.publish([e]);
    const birth = await api.taskFor(USERS.justice, e.data.dossierCode, 'khai-sinh');
    const expected = legalClockFrom(
      BUILT_IN_SCHEDULES.filter((s) => s.year !== year).concat([
        { year, daysOff: replaced.daysOff, extraWorkingDays: replaced.extraWorkingDays },
      ]),
    ).addWorkingDays(new Date(birth.startedAt), 1);
    expect(birth.dueAt).toBe(localIsoSeconds(expected));
    expect(localDate(new Date(birth.dueAt))).not.toBe(dayOff);
    expect(birth.dueAt).not.toBe(localIsoSeconds(defaultLegalClock().addWorkingDays(new Date(birth.startedAt), 1)));
  });

  it('loads the stored schedules at start (another replica, or after a restart)', async () => {
    const stored = await app.get(DataSource).query('SELECT year, days_off FROM calendar_year_schedule');
    expect(stored).toHaveLength(1);
    const otherBus = new InProcessBus({ delayScale: 0.01 });
    const other = await bootRouting(db.url, otherBus);
    try {
      const clock = other.get(WorkingCalendarService).clock();
      expect((stored[0].days_off as string[]).filter((d) => clock.isWorkingDay(d))).toEqual([]);
    } finally {
      await other.close();
      await otherBus.close();
    }
  });
});
