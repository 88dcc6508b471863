import fc from 'fast-check';
import { BUILT_IN_SCHEDULES } from '@motcua/calendar';
import { CALENDAR_YEAR_SCHEDULE_REPLACED } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { WorkingCalendarService } from '@motcua/platform';
import { expectEventually, makeEnvelope } from '@motcua/testing';
import { FactsProjection } from '../src/projection/facts-projection';
import { RebuildProjectionUseCase } from '../src/admin/rebuild-projection.use-case';
import { AggregateCountsRepository } from '../src/aggregates/aggregate-counts.repository';
import { IndicatorsRepository } from '../src/indicators/indicators.repository';
import { WORKING_DAYS_FIRST, WORKING_DAYS_LAST, WorkingDaysTable } from '../src/working-time/working-days.table';
import { PROCESSING_MS, WORKING_DAY_JOINS } from '../src/working-time/working-time.sql';
import { receivedEvent, resolvedEvent } from './reporting-events';
import { useReportingApp } from './reporting-app';

const X = '000.21.01.H56';
const CENTRE = '000.00.06.H56';
const builtIn2026 = BUILT_IN_SCHEDULES.find((s) => s.year === 2026)!;

/** Instants 2024–2027 at any millisecond, half of them on office-period edges (07:00, 11:30, 13:30, 17:00 ± 1 ms). */
const instant = fc.oneof(
  fc.date({ min: new Date('2024-01-01T00:00:00+07:00'), max: new Date('2027-12-31T23:59:59+07:00'), noInvalidDate: true }),
  fc
    .tuple(fc.integer({ min: 0, max: 4 * 366 }), fc.constantFrom('07:00', '11:30', '13:30', '17:00', '00:00'), fc.constantFrom(-1, 0, 1))
    .map(([d, hm, ms]) => new Date(new Date(`2024-01-01T${hm}:00+07:00`).getTime() + d * 86_400_000 + ms)),
);

describe('working time in SQL (working_day, PROCESSING_MS) equals the legal clock', () => {
  const under = useReportingApp('reporting_working_time', { authJwtSecret: 'working-time-secret' });

  /** The SQL working time (`PROCESSING_MS`, as the counts compute it) of each pair [received, resolved], in order. */
  const sqlMs = async (pairs: Array<[Date | string | null, Date | string | null]>): Promise<Array<number | null>> =>
    (
      (await under.ds.query(
        `SELECT ${PROCESSING_MS('f')}::float8 AS ms
         FROM unnest($1::timestamptz[], $2::timestamptz[]) WITH ORDINALITY AS f(received_at, resolved_at, i) ${WORKING_DAY_JOINS('f')}
         ORDER BY f.i`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      )) as Array<{ ms: number | null }>
    ).map((r) => r.ms);

  /** Asserts the SQL working time of every pair equals the current clock's, to the millisecond. */
  const expectSqlEqualsClock = async (pairs: Array<[Date, Date]>) => {
    const clock = under.app.get(WorkingCalendarService).clock();
    expect(await sqlMs(pairs)).toEqual(pairs.map(([a, b]) => Math.round(clock.workingMinutesBetween(a, b) * 60_000)));
  };

  it('is filled at start for 2000–2099 and a second sync changes nothing', async () => {
    const [{ n }] = (await under.ds.query(`SELECT count(*)::int AS n FROM working_day`)) as Array<{ n: number }>;
    expect(n).toBe(WORKING_DAYS_LAST - WORKING_DAYS_FIRST + 1);
    expect(await runInTransaction(under.ds, (m) => under.app.get(WorkingDaysTable).sync(m))).toEqual({ rowsChanged: 0 });
    // out of the table's days (and NULL instants): unknown, not zero; resolved before received: zero
    expect(
      await sqlMs([
        ['1999-12-31T10:00:00+07:00', '2000-01-04T10:00:00+07:00'],
        [null, '2026-01-05T10:00:00+07:00'],
        ['2026-01-05T10:00:00+07:00', null],
        ['2026-01-06T10:00:00+07:00', '2026-01-05T10:00:00+07:00'],
      ]),
    ).toEqual([null, null, null, 0]);
  });

  it('gives the clock’s working time for random spans (holidays, make-up days, office-period edges, milliseconds)', async () => {
    const pairs = fc.sample(fc.tuple(instant, instant), { numRuns: 2000, seed: 766 });
    await expectSqlEqualsClock(pairs.map(([a, b]) => (a <= b ? [a, b] : [b, a])));
    // known values (DOMAIN.md §4): Fri 24/01/2025 09:00 → Mon 03/02/2025 09:00 over Tết is one working day
    await expectSqlEqualsClock([[new Date('2025-01-24T09:00:00+07:00'), new Date('2025-02-03T09:00:00+07:00')]]);
    expect(await sqlMs([['2025-01-24T09:00:00+07:00', '2025-02-03T09:00:00+07:00']])).toEqual([480 * 60_000]);
  });

  it('follows a replaced year schedule: the table, and the processing-time counts of the dossiers it touches, exactly as a rebuild', async () => {
    // D1 spans Tue 03/03/2026 (declared off below), D2 does not
    const events = [
      receivedEvent({
        code: `${CENTRE}-260302-0001`,
        procedureCode: '1.001193',
        receiving: CENTRE,
        competent: X,
        channel: 'COUNTER',
        receivedAt: '2026-03-02T08:00:00+07:00',
        appointmentAt: '2026-03-05T08:00:00+07:00',
      }),
      resolvedEvent({
        code: `${CENTRE}-260302-0001`,
        by: X,
        resolvedAt: '2026-03-04T08:00:00+07:00',
        appointmentAt: '2026-03-05T08:00:00+07:00',
        timeliness: 'EARLY',
      }),
      receivedEvent({
        code: `${CENTRE}-260309-0002`,
        procedureCode: '2.000908',
        receiving: CENTRE,
        competent: X,
        channel: 'ONLINE',
        receivedAt: '2026-03-09T14:00:00+07:00',
        appointmentAt: '2026-03-11T14:00:00+07:00',
      }),
      resolvedEvent({
        code: `${CENTRE}-260309-0002`,
        by: X,
        resolvedAt: '2026-03-10T09:30:00+07:00',
        appointmentAt: '2026-03-11T14:00:00+07:00',
        timeliness: 'EARLY',
      }),
    ];
    await under.bus.publish(events);
    await expectEventually(async () => expect((await under.ds.query(`SELECT count(*)::int AS n FROM event_log`))[0].n).toBe(events.length));
    await under.app.get(FactsProjection).catchUp();
    const start = new Date('2026-03-01T00:00:00+07:00');
    const end = new Date('2026-04-01T00:00:00+07:00');
    const fromCounts = () => under.app.get(AggregateCountsRepository).processingTimeByProcedure(under.ds.manager, [X], start, end);
    const minutes = async () => (await fromCounts()).map((t) => [t.procedureCode, t.dossiers, t.ms / 60_000]);
    // D1: 420 + 480 + 60; D2: 180 + 150
    expect(await minutes()).toEqual([
      ['1.001193', 1, 960],
      ['2.000908', 1, 330],
    ]);

    const daysOff = [...builtIn2026.daysOff, '2026-03-03'].sort();
    const replaced = { year: 2026, daysOff, extraWorkingDays: builtIn2026.extraWorkingDays, replacedAt: '2026-11-25T03:00:00.000Z' };
    await under.bus.publish([makeEnvelope(CALENDAR_YEAR_SCHEDULE_REPLACED, replaced, { source: 'intake' })]);
    await expectEventually(async () =>
      expect(await minutes()).toEqual([
        ['1.001193', 1, 480],
        ['2.000908', 1, 330],
      ]),
    );
    expect(await fromCounts()).toEqual(
      await under.app.get(IndicatorsRepository).processingTimeByProcedure(under.ds.manager, [X], start, end),
    );
    await expectSqlEqualsClock(
      fc.sample(fc.tuple(instant, instant), { numRuns: 300, seed: 61 }).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
    );

    // the counts moved in place equal the counts a rebuild computes from scratch on the new table
    const counts = () =>
      under.ds.query(`SELECT agency_code, procedure_code, month, proc_dossiers, proc_ms FROM agency_month_counts ORDER BY 1, 2, 3`);
    const moved = await counts();
    await under.app.get(RebuildProjectionUseCase).execute();
    expect(await counts()).toEqual(moved);
  });
});
