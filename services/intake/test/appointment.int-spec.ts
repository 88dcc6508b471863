import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser, issueToken } from '@motcua/auth';
import { BUILT_IN_SCHEDULES, legalClockFrom, localDate, toLocalIso, YearSchedule } from '@motcua/calendar';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, expectEventually, TestDatabase } from '@motcua/testing';
import { CALENDAR_YEAR_SCHEDULE_REPLACED, EventEnvelope } from '@motcua/contracts';
import { INTAKE_MIGRATIONS, INTAKE_SERVICE, IntakeModule, intakeConfigFromEnv } from '../src';
import { LegalClockProvider } from '../src/calendar/legal-clock.provider';
import { CatalogRepository } from '../src/catalog/catalog.repository';
import { Procedure } from '../src/catalog/procedure.entity';

const SECRET = 'intake-test-secret-0123456789';
const admin: AuthUser = { sub: 'admin1', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' };
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: '000.00.06.H56' };
const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;

const testProcedure = (code: string, processingTime: Procedure['processingTime']): Procedure => ({
  code,
  name: `Thủ tục thử ${code}`,
  fieldCode: 'THU',
  fieldName: 'Thử nghiệm',
  competentAgencyCode: '000.21.01.H56',
  processingTime,
  postAllowed: true,
  components: [],
});

describe('appointments and year schedules over HTTP, real PostgreSQL', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;
  const published: EventEnvelope<Record<string, unknown>>[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('intake_clock');
    bus = new InProcessBus({ delayScale: 0.01 });
    await bus.consume({ service: 'probe', bindings: [CALENDAR_YEAR_SCHEDULE_REPLACED] }, async (raw) => {
      published.push(raw as EventEnvelope<Record<string, unknown>>);
    });
    const config = intakeConfigFromEnv(
      { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' },
      { databaseUrl: db.url, authJwtSecret: SECRET, bus, seedDemoData: true, lookupSecretKey: 'lookup-test-key-0123456789' },
    );
    app = await createServiceApp(IntakeModule.forRoot(config), INTAKE_SERVICE);
    const ds = app.get(DataSource);
    await app
      .get(CatalogRepository)
      .upsertProcedures(ds.manager, [
        testProcedure('T.HOURS', { value: 4, unit: 'WORKING_HOURS' }),
        testProcedure('T.CALENDAR', { value: 5, unit: 'CALENDAR_DAYS' }),
        testProcedure('T.WITHIN', { value: 1, unit: 'WITHIN_DAY' }),
      ]);
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());
  const appointment = (code: string, receivedAt: string) =>
    http()
      .get(`/api/intake/v1/procedures/${encodeURIComponent(code)}/appointment`)
      .query({ receivedAt });
  const countYears = async () => Number((await app.get(DataSource).query('SELECT count(*)::int AS n FROM calendar_year'))[0].n);

  it('keeps the e2e procedure 1.001193 at 1 working day', async () => {
    const res = await http().get('/api/intake/v1/procedures').expect(200);
    const birth = res.body.find((p: { code: string }) => p.code === '1.001193');
    expect(birth).toMatchObject({ processingTime: { value: 1, unit: 'WORKING_DAYS' }, competentAgencyCode: '000.21.01.H56' });
  });

  it('loads the seed catalog, and every procedure has an appointment', async () => {
    const res = await http().get('/api/intake/v1/procedures').expect(200);
    expect(res.body.length).toBeGreaterThanOrEqual(34);
    for (const p of res.body as { code: string }[]) {
      const answer = await appointment(p.code, '2026-03-02T09:00:00+07:00');
      expect({ code: p.code, status: answer.status }).toEqual({ code: p.code, status: 200 });
      expect(answer.body.appointmentAt).toMatch(/^2026-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    }
  });

  it.each([
    ['2025-01-24T09:00:00+07:00', '2025-02-03T09:00:00+07:00'],
    ['2025-04-25T09:00:00+07:00', '2025-04-26T09:00:00+07:00'],
    ['2025-12-31T09:00:00+07:00', '2026-01-05T09:00:00+07:00'],
    ['2026-02-13T09:00:00+07:00', '2026-02-23T09:00:00+07:00'],
    ['2026-02-13T02:00:00Z', '2026-02-23T09:00:00+07:00'],
    ['2026-02-13T10:00:00.000+08:00', '2026-02-23T09:00:00+07:00'],
  ])('answers the DOMAIN.md example: 1.001193 received %s is due %s', async (receivedAt, due) => {
    const res = await appointment('1.001193', receivedAt).expect(200);
    expect(res.body).toEqual({
      procedureCode: '1.001193',
      processingTime: { value: 1, unit: 'WORKING_DAYS' },
      receivedAt: toLocalIso(new Date(receivedAt)),
      countingStartsAt: toLocalIso(new Date(receivedAt)),
      appointmentAt: due,
      provisional: false,
      unscheduledYears: [],
    });
  });

  it('applies the after-hours rule, and each unit of processing time', async () => {
    const afterHours = await appointment('1.001193', '2026-11-20T17:30:00+07:00').expect(200);
    expect(afterHours.body).toMatchObject({ countingStartsAt: '2026-11-23T07:00:00+07:00', appointmentAt: '2026-11-23T17:00:00+07:00' });
    expect((await appointment('T.HOURS', '2026-11-23T16:00:00+07:00').expect(200)).body.appointmentAt).toBe('2026-11-24T10:00:00+07:00');
    expect((await appointment('T.CALENDAR', '2026-11-23T10:00:00+07:00').expect(200)).body.appointmentAt).toBe('2026-11-30T17:00:00+07:00');
    expect((await appointment('T.WITHIN', '2026-11-23T15:00:00+07:00').expect(200)).body.appointmentAt).toBe('2026-11-23T17:00:00+07:00');
    expect((await appointment('T.WITHIN', '2026-11-23T15:30:00+07:00').expect(200)).body.appointmentAt).toBe('2026-11-24T17:00:00+07:00');
  });

  it('reads an unencoded "+" of the offset (a space once decoded) as "+"', async () => {
    const res = await http().get('/api/intake/v1/procedures/1.001193/appointment?receivedAt=2026-02-13T09:00:00+07:00').expect(200);
    expect(res.body.appointmentAt).toBe('2026-02-23T09:00:00+07:00');
  });

  it("uses a receiving agency's own office hours when asked (xã Đông Sơn: 07:30–11:30, 13:30–17:30)", async () => {
    const dongSon = await appointment('1.001193', '2026-11-23T07:00:00+07:00').query({ agencyCode: '000.21.02.H56' }).expect(200);
    expect(dongSon.body).toMatchObject({ countingStartsAt: '2026-11-23T07:30:00+07:00', appointmentAt: '2026-11-23T17:30:00+07:00' });
    const within = await appointment('T.WITHIN', '2026-11-23T10:00:00+07:00').query({ agencyCode: '000.21.02.H56' }).expect(200);
    expect(within.body.appointmentAt).toBe('2026-11-23T17:30:00+07:00');
    const province = await appointment('1.001193', '2026-11-23T07:00:00+07:00').query({ agencyCode: '000.00.06.H56' }).expect(200);
    expect(province.body.appointmentAt).toBe('2026-11-23T17:00:00+07:00');
    const unknown = await appointment('1.001193', '2026-11-23T07:00:00+07:00').query({ agencyCode: '999.99.99.Z99' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([expect.objectContaining({ field: 'agencyCode', rule: 'exists' })]);
    const malformed = await appointment('1.001193', '2026-11-23T07:00:00+07:00').query({ agencyCode: "x' OR 1=1" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details).toEqual([expect.objectContaining({ field: 'agencyCode', rule: 'matches' })]);
  });

  it('flags an appointment reaching into a year without a schedule as provisional', async () => {
    const res = await appointment('T.CALENDAR', '2026-12-30T10:00:00+07:00').expect(200);
    expect(res.body).toMatchObject({ appointmentAt: '2027-01-04T17:00:00+07:00', provisional: true, unscheduledYears: [2027] });
  });

  it.each([
    ['missing', undefined, 'isDefined'],
    ['garbage', 'yesterday', 'isIso8601'],
    ['without an offset', '2026-11-23T09:00:00', 'matches'],
    ['a date only', '2026-11-23', 'matches'],
    ['an impossible date', '2026-02-30T09:00:00+07:00', 'isIso8601'],
    ['an impossible hour', '2026-11-23T25:00:00+07:00', 'isIso8601'],
    ['a five-digit year', '20260-11-23T09:00:00+07:00', 'isIso8601'],
    ['a very long value', `2026-11-23T09:00:00+07:00${'0'.repeat(5000)}`, 'isIso8601'],
  ])('refuses receivedAt %s with 400 naming the field', async (_, receivedAt, rule) => {
    const res = await http()
      .get('/api/intake/v1/procedures/1.001193/appointment')
      .query(receivedAt === undefined ? {} : { receivedAt });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'receivedAt', rule: expect.stringMatching(new RegExp(rule, 'i')) })]),
    );
  });

  it('refuses receivedAt given twice, and unknown query parameters', async () => {
    const twice = await http().get(
      '/api/intake/v1/procedures/1.001193/appointment?receivedAt=2026-11-23T09:00:00Z&receivedAt=2026-11-24T09:00:00Z',
    );
    expect(twice.status).toBe(400);
    expect(twice.body.error.details[0].field).toBe('receivedAt');
    const extra = await appointment('1.001193', '2026-11-23T09:00:00Z').query({ debug: 1 });
    expect(extra.status).toBe(400);
    expect(extra.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'debug' })]));
  });

  it('answers 404 for an unknown procedure and 422 for a year without a schedule', async () => {
    const unknown = await appointment('9.999999', '2026-11-23T09:00:00+07:00');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('INTAKE.PROCEDURE_NOT_FOUND');
    for (const receivedAt of ['2999-01-02T09:00:00+07:00', '1999-06-01T09:00:00+07:00']) {
      const far = await appointment('1.001193', receivedAt);
      expect(far.status).toBe(422);
      expect(far.body.error).toMatchObject({
        code: 'INTAKE.CALENDAR_YEAR_UNKNOWN',
        details: [expect.objectContaining({ field: 'receivedAt', rule: 'scheduleExists' })],
      });
    }
  });

  it('stores the built-in 2025 and 2026 schedules and shows them to administrators only', async () => {
    const list = await http().get('/api/intake/v1/calendar/years').set('Authorization', bearer(admin)).expect(200);
    expect(list.body.map((y: YearSchedule) => y.year)).toEqual(expect.arrayContaining([2025, 2026]));
    const y2026 = await http().get('/api/intake/v1/calendar/years/2026').set('Authorization', bearer(admin)).expect(200);
    const builtIn = BUILT_IN_SCHEDULES.find((s) => s.year === 2026)!;
    expect(y2026.body).toMatchObject({ year: 2026, daysOff: builtIn.daysOff, extraWorkingDays: ['2026-01-10'], updatedBy: 'built-in' });
    await http().get('/api/intake/v1/calendar/years/2026').set('Authorization', bearer(clerk)).expect(403);
    await http().get('/api/intake/v1/calendar/years').expect(401);
    await http()
      .put('/api/intake/v1/calendar/years/2030')
      .set('Authorization', bearer(clerk))
      .send({ daysOff: [], extraWorkingDays: [] })
      .expect(403);
    await http().get('/api/intake/v1/calendar/years/2031').set('Authorization', bearer(admin)).expect(404);
  });

  it('replaces a year schedule and the next appointment uses it at once', async () => {
    const put = (body: object) => http().put('/api/intake/v1/calendar/years/2030').set('Authorization', bearer(admin)).send(body);
    await appointment('1.001193', '2030-04-29T09:00:00+07:00').expect(422);
    const res = await put({ daysOff: ['2030-05-01', '2030-04-30'], extraWorkingDays: ['2030-05-04'] }).expect(200);
    expect(res.body).toMatchObject({
      year: 2030,
      daysOff: ['2030-04-30', '2030-05-01'],
      extraWorkingDays: ['2030-05-04'],
      updatedBy: 'admin1',
    });
    const event = await expectEventually(() => {
      const e = published.find((p) => p.type === CALENDAR_YEAR_SCHEDULE_REPLACED && p.data.year === 2030);
      if (!e) throw new Error('not yet published');
      return e;
    });
    expect(event.data).toEqual({
      year: 2030,
      daysOff: ['2030-04-30', '2030-05-01'],
      extraWorkingDays: ['2030-05-04'],
      replacedAt: res.body.updatedAt,
    });
    expect((await appointment('1.001193', '2030-04-29T09:00:00+07:00').expect(200)).body.appointmentAt).toBe('2030-05-02T09:00:00+07:00');
    expect((await appointment('1.001193', '2030-05-03T09:00:00+07:00').expect(200)).body.appointmentAt).toBe('2030-05-04T09:00:00+07:00');
    await put({ daysOff: [], extraWorkingDays: [] }).expect(200);
    expect((await appointment('1.001193', '2030-04-29T09:00:00+07:00').expect(200)).body.appointmentAt).toBe('2030-04-30T09:00:00+07:00');
  });

  it('keeps the schedules cached until a change here or the cache time, then reloads', async () => {
    const provider = app.get(LegalClockProvider);
    await http()
      .put('/api/intake/v1/calendar/years/2030')
      .set('Authorization', bearer(admin))
      .send({ daysOff: [], extraWorkingDays: [] })
      .expect(200);
    const before = await provider.clock();
    expect(before.isWorkingDay('2030-06-03')).toBe(true);
    // another replica changes the table behind this one's back: the cached clock stays until it expires
    await app.get(DataSource).query(`UPDATE calendar_year SET days_off = '["2030-06-03"]'::jsonb WHERE year = 2030`);
    expect(await provider.clock()).toBe(before);
    provider.invalidate();
    expect((await provider.clock()).isWorkingDay('2030-06-03')).toBe(false);
  });

  it.each([
    ['a date of another year', { daysOff: ['2031-01-01'], extraWorkingDays: [] }, 'daysOff[0]', 'sameYear'],
    ['an impossible date', { daysOff: ['2032-02-30'], extraWorkingDays: [] }, 'daysOff[0]', 'isDate'],
    ['a date both off and worked', { daysOff: ['2032-05-01'], extraWorkingDays: ['2032-05-01'] }, 'extraWorkingDays[0]', 'notAlsoDayOff'],
    ['a duplicate date', { daysOff: ['2032-05-01', '2032-05-01'], extraWorkingDays: [] }, 'daysOff[1]', 'unique'],
    ['a list that is not one', { daysOff: '2032-05-01', extraWorkingDays: [] }, 'daysOff', 'isArray'],
    ['a missing list', { daysOff: [] }, 'extraWorkingDays', 'isArray'],
    ['numbers for dates', { daysOff: [20320501], extraWorkingDays: [] }, 'daysOff', 'isString'],
    ['an unknown field', { daysOff: [], extraWorkingDays: [], year: 2033 }, 'year', 'whitelistValidation'],
  ])('refuses a schedule with %s, storing nothing', async (_, body, field, rule) => {
    const before = await countYears();
    const res = await http().put('/api/intake/v1/calendar/years/2032').set('Authorization', bearer(admin)).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect(await countYears()).toBe(before);
  });

  it('refuses a year that is not four digits', async () => {
    for (const year of ['abcd', '203', '20300']) {
      const res = await http()
        .put(`/api/intake/v1/calendar/years/${year}`)
        .set('Authorization', bearer(admin))
        .send({ daysOff: [], extraWorkingDays: [] });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0]).toMatchObject({ field: 'year', rule: 'matches' });
    }
  });

  it('receives dossiers with the appointment of the stored schedules', async () => {
    // make every remaining weekday of the next ten days of this year a day off: the appointment must skip them
    const now = new Date();
    const year = Number(localDate(now).slice(0, 4));
    const stored = (await http().get(`/api/intake/v1/calendar/years/${year}`).set('Authorization', bearer(admin))).body as YearSchedule;
    const extra = Array.from({ length: 10 }, (_, i) => localDate(new Date(now.getTime() + i * 86_400_000))).filter(
      (d) => d.startsWith(`${year}-`) && !stored.extraWorkingDays?.includes(d),
    );
    const schedule = { daysOff: [...new Set([...(stored.daysOff ?? []), ...extra])], extraWorkingDays: stored.extraWorkingDays ?? [] };
    await http().put(`/api/intake/v1/calendar/years/${year}`).set('Authorization', bearer(admin)).send(schedule).expect(200);
    const res = await http()
      .post('/api/intake/v1/dossiers')
      .set('Authorization', bearer(clerk))
      .send({
        procedureCode: 'T.HOURS',
        channel: 'COUNTER',
        applicant: { fullName: 'Nguyễn Thị Hòa', idNumber: '038190001234' },
        resultDelivery: 'COUNTER',
      })
      .expect(201);
    const years = (await http().get('/api/intake/v1/calendar/years').set('Authorization', bearer(admin))).body as YearSchedule[];
    const expected = legalClockFrom(years).addDuration(new Date(res.body.receivedAt), { value: 4, unit: 'WORKING_HOURS' });
    expect(res.body.appointmentAt).toBe(toLocalIso(expected));
    expect(extra).not.toContain(localDate(new Date(res.body.appointmentAt)));
  });

  it("receives dossiers with the receiving agency's office hours", async () => {
    const communeClerk: AuthUser = { sub: 'clerk2', name: 'Nguyễn Thị Lan', roles: ['COUNTER_CLERK'], agencyCode: '000.21.02.H56' };
    const res = await http()
      .post('/api/intake/v1/dossiers')
      .set('Authorization', bearer(communeClerk))
      .send({
        procedureCode: 'T.WITHIN',
        channel: 'COUNTER',
        applicant: { fullName: 'Trần Văn Minh', idNumber: '038190001235' },
        resultDelivery: 'COUNTER',
      })
      .expect(201);
    // "within the day" is due at a close of office: Đông Sơn closes at 17:30, not the province's 17:00
    expect(res.body.appointmentAt).toMatch(/T17:30:00\+07:00$/);
  });
});

describe('the processing-time migration', () => {
  it('converts existing processing days to working days, and back', async () => {
    const scratch = await createTestDatabase('intake_migration');
    const ds = new DataSource({ type: 'postgres', url: scratch.url, migrations: [INTAKE_MIGRATIONS[0]] });
    try {
      await ds.initialize();
      await ds.runMigrations();
      await ds.query(
        `INSERT INTO procedure (code, name, field_code, field_name, competent_agency_code, processing_days) VALUES
         ('1.001193', 'Đăng ký khai sinh', 'HOTICH', 'Hộ tịch', '000.21.01.H56', 1), ('X.1', 'Nửa ngày', 'F', 'F', 'A', 0.5)`,
      );
      await ds.destroy();
      // up to the processing-time migration (later migrations are not what this test is about)
      ds.setOptions({ migrations: INTAKE_MIGRATIONS.slice(0, 2) });
      await ds.initialize();
      await ds.runMigrations();
      expect(await ds.query(`SELECT code, processing_time FROM procedure ORDER BY code`)).toEqual([
        { code: '1.001193', processing_time: { value: 1, unit: 'WORKING_DAYS' } },
        { code: 'X.1', processing_time: { value: 0.5, unit: 'WORKING_DAYS' } },
      ]);
      await ds.undoLastMigration();
      expect(await ds.query(`SELECT code, processing_days FROM procedure ORDER BY code`)).toEqual([
        { code: '1.001193', processing_days: '1.00' },
        { code: 'X.1', processing_days: '0.50' },
      ]);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await scratch.drop();
    }
  });
});
