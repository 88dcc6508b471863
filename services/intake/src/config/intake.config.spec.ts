import { intakeConfigFromEnv } from './intake.config';

const base = {
  DATABASE_URL: 'postgresql://u:p@localhost:5432/db',
  AUTH_JWT_SECRET: 's',
  RABBITMQ_URL: 'amqp://localhost',
  LOOKUP_SECRET_KEY: 'lookup-key-0123456789',
};

describe('intake configuration of the legal clock', () => {
  it('defaults to the typical office hours and the 15:00 cut-off', () => {
    expect(intakeConfigFromEnv(base)).toMatchObject({
      officeHours: '07:00-11:30,13:30-17:00',
      withinDayCutoff: '15:00',
      calendarCacheSeconds: 60,
    });
    expect(intakeConfigFromEnv(base).makeUpDayOfficeHours).toBeUndefined();
  });

  it('reads office hours, make-up day hours, the cut-off and the cache time', () => {
    const c = intakeConfigFromEnv({
      ...base,
      OFFICE_HOURS: '07:30-11:30,13:30-17:30',
      MAKE_UP_DAY_OFFICE_HOURS: '07:30-11:30',
      WITHIN_DAY_CUTOFF: '16:00',
      CALENDAR_CACHE_SECONDS: '5',
    });
    expect(c).toMatchObject({
      officeHours: '07:30-11:30,13:30-17:30',
      makeUpDayOfficeHours: '07:30-11:30',
      withinDayCutoff: '16:00',
      calendarCacheSeconds: 5,
    });
  });

  it('refuses to start with bad values, naming each variable', () => {
    let message = '';
    try {
      intakeConfigFromEnv({
        ...base,
        OFFICE_HOURS: '13:30-17:00,07:00-11:30',
        MAKE_UP_DAY_OFFICE_HOURS: '7h-11h',
        WITHIN_DAY_CUTOFF: '25:00',
        CALENDAR_CACHE_SECONDS: '-1',
      });
    } catch (err) {
      message = (err as Error).message;
    }
    for (const name of ['OFFICE_HOURS', 'MAKE_UP_DAY_OFFICE_HOURS', 'WITHIN_DAY_CUTOFF', 'CALENDAR_CACHE_SECONDS']) {
      expect(message).toContain(`- ${name}:`);
    }
  });
});
