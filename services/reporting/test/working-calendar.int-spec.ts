import request from 'supertest';
import { issueToken } from '@motcua/auth';
import { BUILT_IN_SCHEDULES } from '@motcua/calendar';
import { CALENDAR_YEAR_SCHEDULE_REPLACED, CalendarYearScheduleReplacedV1 } from '@motcua/contracts';
import { expectEventually, makeEnvelope } from '@motcua/testing';
import { FactsProjection } from '../src/projection/facts-projection';
import { WorkingCalendarService } from '@motcua/platform';
import { receivedEvent, resolvedEvent } from './reporting-events';
import { useReportingApp } from './reporting-app';

const SECRET = 'reporting-calendar-test-secret';
const X = '000.21.01.H56';
const CENTRE = '000.00.06.H56';
const supervisorX = issueToken(SECRET, { sub: 'sup-x', name: 'Giám sát X', roles: ['SUPERVISOR'], agencyCode: X });
const PERIOD = { from: '2026-03-02', to: '2026-03-06' };
const CODE = `${CENTRE}-260302-0001`;
const builtIn2026 = BUILT_IN_SCHEDULES.find((s) => s.year === 2026)!;

describe('reporting counts working time on the year schedules an administrator replaced in intake', () => {
  const under = useReportingApp('reporting_calendar', { authJwtSecret: SECRET });

  beforeAll(async () => {
    // received Mon 02/03 08:00, resolved Wed 04/03 08:00: 420 + 480 + 60 working minutes on the built-in calendar
    await under.bus.publish([
      receivedEvent({
        code: CODE,
        procedureCode: '1.001193',
        receiving: CENTRE,
        competent: X,
        channel: 'COUNTER',
        receivedAt: '2026-03-02T08:00:00+07:00',
        appointmentAt: '2026-03-05T08:00:00+07:00',
      }),
      resolvedEvent({
        code: CODE,
        by: X,
        resolvedAt: '2026-03-04T08:00:00+07:00',
        appointmentAt: '2026-03-05T08:00:00+07:00',
        timeliness: 'EARLY',
      }),
    ]);
    await expectEventually(async () => expect((await under.ds.query(`SELECT count(*)::int AS n FROM event_log`))[0].n).toBe(2));
    await under.app.get(FactsProjection).catchUp(); // the projector applies the logged events
  });

  const averageTime = async () =>
    (
      await request(under.app.getHttpServer())
        .get('/api/reporting/v1/indicators')
        .query(PERIOD)
        .set('Authorization', `Bearer ${supervisorX}`)
        .expect(200)
    ).body.averageProcessingTime;

  const replaced = (daysOff: string[], replacedAt: string): CalendarYearScheduleReplacedV1 => ({
    year: 2026,
    daysOff,
    extraWorkingDays: builtIn2026.extraWorkingDays,
    replacedAt,
  });

  it('average working time drops a day declared off after the fact; an older replacement arriving late is ignored', async () => {
    expect(await averageTime()).toMatchObject({ dossiers: 1, workingMinutes: 960 });

    const newer = replaced([...builtIn2026.daysOff, '2026-03-03'].sort(), '2026-11-25T03:00:00.000Z');
    await under.bus.publish([makeEnvelope(CALENDAR_YEAR_SCHEDULE_REPLACED, newer, { source: 'intake' })]);
    await expectEventually(async () => expect(await averageTime()).toMatchObject({ dossiers: 1, workingMinutes: 480 }));

    await under.bus.publish([
      makeEnvelope(CALENDAR_YEAR_SCHEDULE_REPLACED, replaced(builtIn2026.daysOff, '2026-11-25T02:00:00.000Z'), { source: 'intake' }),
    ]);
    // the stale event was handled (logged) without changing the stored schedule
    await expectEventually(async () =>
      expect(
        (await under.ds.query(`SELECT count(*)::int AS n FROM event_log WHERE type = $1`, [CALENDAR_YEAR_SCHEDULE_REPLACED]))[0].n,
      ).toBe(2),
    );
    expect(under.app.get(WorkingCalendarService).clock().isWorkingDay('2026-03-03')).toBe(false);
    expect(await averageTime()).toMatchObject({ dossiers: 1, workingMinutes: 480 });
  });
});
