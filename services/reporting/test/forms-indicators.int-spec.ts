import ExcelJS from 'exceljs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { issueToken } from '@motcua/auth';
import { EVENT_CONTRACTS, EventEnvelope } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, expectEventually } from '@motcua/testing';
import { REPORTING_SERVICE, ReportingModule, reportingConfigFromEnv } from '../src';
import { FactsProjection } from '../src/projection/facts-projection';
import { brokenIi06aIdentities } from '../src/forms/build-ii06a-form.use-case';
import { postalCreatedEvent, postalDeliveredEvent, receivedEvent, resolvedEvent, returnedEvent } from './reporting-events';

const SECRET = 'reporting-forms-test-secret';
const X = '000.21.01.H56'; // the commune whose numbers are checked
const Y = '000.21.02.H56';
const CENTRE = '000.00.06.H56';
const supervisorX = issueToken(SECRET, { sub: 'sup-x', name: 'Giám sát X', roles: ['SUPERVISOR'], agencyCode: X });
const supervisorY = issueToken(SECRET, { sub: 'sup-y', name: 'Giám sát Y', roles: ['SUPERVISOR'], agencyCode: Y });
const admin = issueToken(SECRET, { sub: 'admin', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' });
const clerkX = issueToken(SECRET, { sub: 'clerk-x', name: 'Cán bộ X', roles: ['COUNTER_CLERK'], agencyCode: X });

const e = (n: number) => `${CENTRE}-260302-${String(n).padStart(4, '0')}`;
const t = (local: string) => `${local}:00+07:00`; // 'YYYY-MM-DDTHH:mm' local → ISO

/**
 * The hand-checked set for agency X (competent), period Mon 02/03 – Fri 06/03/2026, received at the centre:
 *  E1 1.001193 HOTICH    ONLINE  recv 02/03 08:00, due 04/03, resolved 03/03 10:00 EARLY (arrives first); by post:
 *                                order 03/03 14:00 (a later duplicate order 03/03 15:00 must not win), delivered and returned 04/03 09:00
 *  E2 2.000908 CHUNGTHUC COUNTER recv 02/03 09:00, due 03/03, resolved 04/03 09:00 LATE; returned 04/03 10:00 at the counter
 *  E3 2.000635 HOTICH    POSTAL  recv 03/03 14:00, due 05/03, resolved 05/03 14:00 ON_TIME; returned by post 06/03 10:00
 *  E4 9.999999 KHAC      COUNTER recv 04/03 10:00, due 20/03, in progress (within deadline)
 *  E5 1.000894 HOTICH    POSTAL  recv 04/03 10:00, due 05/03 10:00, in progress (overdue at the period end)
 *  E6 1.001193 HOTICH    COUNTER recv Thu 26/02 09:00 (carried over), due 02/03, resolved 03/03 08:00 LATE
 *  E7 2.000908 CHUNGTHUC ONLINE  recv Fri 27/02 10:00 (carried over), due 10/03, in progress (within deadline)
 *  E8 1.001193 recv 25/02, resolved 27/02 — before the period: not counted
 *  E9 competent Y, received at X's period — not X's
 *  E10 ONLINE recv Sat 07/03 00:00:30 local (06/03 in UTC) — after the period
 *  E11 only a resolution arrived (no reception) — not counted
 * Working time receipt → resolution (07:00–11:30, 13:30–17:00): E1 600, E2 960, E3 960, E6 1380 min.
 */
function handCheckedEvents(): EventEnvelope<object>[] {
  const r = (n: number, procedureCode: string, channel: 'ONLINE' | 'COUNTER' | 'POSTAL', at: string, due: string, more = {}) =>
    receivedEvent({
      code: e(n),
      procedureCode,
      receiving: CENTRE,
      competent: X,
      channel,
      receivedAt: t(at),
      appointmentAt: t(due),
      ...more,
    });
  const s = (n: number, at: string, due: string, timeliness: 'EARLY' | 'ON_TIME' | 'LATE', by = X) =>
    resolvedEvent({ code: e(n), by, resolvedAt: t(at), appointmentAt: t(due), timeliness });
  return [
    s(1, '2026-03-03T10:00', '2026-03-04T08:00', 'EARLY'),
    postalCreatedEvent(e(1), t('2026-03-03T15:00')),
    r(1, '1.001193', 'ONLINE', '2026-03-02T08:00', '2026-03-04T08:00', { resultDelivery: 'POST' }),
    postalCreatedEvent(e(1), t('2026-03-03T14:00')),
    returnedEvent(e(1), t('2026-03-04T09:00'), 'POST'),
    postalDeliveredEvent(e(1), t('2026-03-04T09:00')),
    r(2, '2.000908', 'COUNTER', '2026-03-02T09:00', '2026-03-03T09:00'),
    s(2, '2026-03-04T09:00', '2026-03-03T09:00', 'LATE'),
    returnedEvent(e(2), t('2026-03-04T10:00'), 'COUNTER'),
    r(3, '2.000635', 'POSTAL', '2026-03-03T14:00', '2026-03-05T14:00', { resultDelivery: 'POST' }),
    returnedEvent(e(3), t('2026-03-06T10:00'), 'POST'),
    s(3, '2026-03-05T14:00', '2026-03-05T14:00', 'ON_TIME'),
    r(4, '9.999999', 'COUNTER', '2026-03-04T10:00', '2026-03-20T10:00'),
    r(5, '1.000894', 'POSTAL', '2026-03-04T10:00', '2026-03-05T10:00'),
    r(6, '1.001193', 'COUNTER', '2026-02-26T09:00', '2026-03-02T09:00'),
    s(6, '2026-03-03T08:00', '2026-03-02T09:00', 'LATE'),
    r(7, '2.000908', 'ONLINE', '2026-02-27T10:00', '2026-03-10T10:00'),
    r(8, '1.001193', 'COUNTER', '2026-02-25T09:00', '2026-02-27T09:00'),
    s(8, '2026-02-27T08:00', '2026-02-27T09:00', 'EARLY'),
    receivedEvent({
      code: e(9),
      procedureCode: '1.001193',
      receiving: X,
      competent: Y,
      channel: 'COUNTER',
      receivedAt: t('2026-03-03T09:00'),
      appointmentAt: t('2026-03-04T09:00'),
    }),
    receivedEvent({
      code: e(10),
      procedureCode: '1.001193',
      receiving: CENTRE,
      competent: X,
      channel: 'ONLINE',
      receivedAt: '2026-03-07T00:00:30+07:00',
      appointmentAt: t('2026-03-10T09:00'),
    }),
    s(11, '2026-03-04T09:00', '2026-03-05T09:00', 'ON_TIME'),
  ];
}

const counts = (received: number[], resolved: number[], inProgress: number[]) => ({
  received: { total: received[0], online: received[1], directOrPostal: received[2], carriedOver: received[3] },
  resolved: { total: resolved[0], early: resolved[1], onTime: resolved[2], late: resolved[3] },
  inProgress: { total: inProgress[0], withinDeadline: inProgress[1], overdue: inProgress[2] },
});

const PERIOD = { from: '2026-03-02', to: '2026-03-06' };
const EXPECTED_FORM = {
  agencyCode: X,
  ...PERIOD,
  asOf: '2026-03-06T17:00:00.000Z',
  rows: [
    { fieldCode: 'CHUNGTHUC', fieldName: 'Chứng thực', ...counts([2, 0, 1, 1], [1, 0, 0, 1], [1, 1, 0]) },
    { fieldCode: 'HOTICH', fieldName: 'Hộ tịch', ...counts([4, 1, 2, 1], [3, 1, 1, 1], [1, 0, 1]) },
    { fieldCode: 'KHAC', fieldName: 'Khác', ...counts([1, 0, 1, 0], [0, 0, 0, 0], [1, 1, 0]) },
  ],
  total: counts([7, 1, 4, 2], [4, 1, 1, 2], [3, 2, 1]),
};
const EXPECTED_INDICATORS = {
  agencyCode: X,
  ...PERIOD,
  asOf: '2026-03-06T17:00:00.000Z',
  bcciIntakeShare: { numerator: 2, denominator: 5, rate: 0.4 }, // E3 E5 of E1–E5
  bcciReturnShare: { numerator: 2, denominator: 3, rate: 0.6667 }, // E1 E3 of E1 E2 E3
  onlineShare: { numerator: 1, denominator: 5, rate: 0.2 },
  // nothing digitized in this set: 0 of the 5 received, 0 of the 4 resolved (E1 E2 E3 E6)
  digitization: {
    dossiers: { numerator: 0, denominator: 5, rate: 0 },
    reuse: { numerator: 0, denominator: 5, rate: 0 },
    results: { numerator: 0, denominator: 4, rate: 0 },
  },
  onTimeRate: { numerator: 4, denominator: 7, rate: 0.5714 }, // E1 E3 + E4 E7 within deadline
  averageProcessingTime: {
    dossiers: 4,
    workingMinutes: 975, // (600 + 960 + 960 + 1380) / 4
    workingDays: 2.03,
    byProcedure: [
      { procedureCode: '1.001193', dossiers: 2, workingMinutes: 990, workingDays: 2.06 }, // E1 E6: (600 + 1380) / 2
      { procedureCode: '2.000635', dossiers: 1, workingMinutes: 960, workingDays: 2 }, // E3
      { procedureCode: '2.000908', dossiers: 1, workingMinutes: 960, workingDays: 2 }, // E2
    ],
  },
  supplements: { dossiers: 0, requests: 0, dossiersCountedLate: 0 },
  extensions: { dossiers: 0, extensions: 0 },
  refusals: 0,
  stops: 0,
  withdrawals: 0,
  // E1: order 03/03 14:00 (the earliest acceptance) → delivered 04/03 09:00 = 19 h
  postalDelivery: { orders: 1, delivered: 1, returned: 0, successRate: { numerator: 1, denominator: 1, rate: 1 }, meanHoursToDeliver: 19 },
  messages: { attempted: 0, sent: 0, failedSending: 0, undeliverable: 0, deliveryRate: { numerator: 0, denominator: 0, rate: null } },
  satisfaction: { computable: false, reason: expect.any(String), resolved: 4, rated: 0 }, // nobody rated E1 E2 E3 E6
};

describe('reporting: form II.06a, exports, indicators, Decision 766, rebuild', () => {
  let app: NestExpressApplication;
  let bus: InProcessBus;
  let db: { url: string; drop: () => Promise<void> };
  let events: EventEnvelope<object>[];
  const bindings: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('reporting_forms');
    bus = new InProcessBus({ delayScale: 0.01 });
    const consume = bus.consume.bind(bus);
    jest.spyOn(bus, 'consume').mockImplementation(async (spec, handler) => {
      if (spec.service === 'reporting') bindings.push(...spec.bindings);
      return consume(spec, handler);
    });
    const config = reportingConfigFromEnv(
      {},
      { databaseUrl: db.url, authJwtSecret: SECRET, bus, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent', rebuildPageSize: 4 },
    );
    app = await createServiceApp(ReportingModule.forRoot(config), REPORTING_SERVICE);
    events = handCheckedEvents();
    for (const ev of events) await bus.publish([ev]);
    await bus.publish([events[0], events[6]]); // redeliveries change nothing
    const ds = app.get(DataSource);
    await expectEventually(async () => expect((await ds.query(`SELECT count(*)::int AS n FROM event_log`))[0].n).toBe(events.length));
    await app.get(FactsProjection).catchUp(); // the projector applies the logged events
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.drop();
  });

  const get = (path: string, token: string, query: Record<string, string> = { ...PERIOD }) =>
    request(app.getHttpServer()).get(`/api/reporting/v1/${path}`).query(query).set('Authorization', `Bearer ${token}`);

  it('binds reporting to every registered event type', () => {
    expect(new Set(bindings)).toEqual(new Set(EVENT_CONTRACTS.map((c) => c.type)));
  });

  it('extends the per-dossier facts with postal legs and how the result was returned', async () => {
    const [f] = await app.get(DataSource).query(
      `SELECT procedure_code, competent_agency_code, channel, result_delivery, postal_order_created_at, postal_delivered_at, returned_at, return_method, timeliness
         FROM dossier_fact WHERE dossier_code = $1`,
      [e(1)],
    );
    expect(f).toEqual({
      procedure_code: '1.001193',
      competent_agency_code: X,
      channel: 'ONLINE',
      result_delivery: 'POST',
      postal_order_created_at: new Date('2026-03-03T07:00:00Z'), // the first acceptance, although it arrived second
      postal_delivered_at: new Date('2026-03-04T02:00:00Z'),
      returned_at: new Date('2026-03-04T02:00:00Z'),
      return_method: 'POST',
      timeliness: 'EARLY',
    });
  });

  it('form II.06a: rows per field on the hand-checked set, identities holding on every row and the total', async () => {
    const form = (await get('forms/ii06a', supervisorX).expect(200)).body;
    expect(form).toEqual(EXPECTED_FORM);
    for (const row of [...form.rows, form.total]) expect(brokenIi06aIdentities(row)).toEqual([]);
    // ADMIN names the agency; a supervisor's own agency is the default
    expect((await get('forms/ii06a', admin, { ...PERIOD, agency: X }).expect(200)).body).toEqual(EXPECTED_FORM);
    expect((await get('forms/ii06a', supervisorY).expect(200)).body.total).toEqual(counts([1, 0, 1, 0], [0, 0, 0, 0], [1, 0, 1]));
  });

  it('exports II.06a as CSV (UTF-8 with BOM, Vietnamese headers)', async () => {
    const res = await get('forms/ii06a.csv', supervisorX)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(`II.06a_${X}_2026-03-02_2026-03-06.csv`);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'STT,Mã lĩnh vực,Lĩnh vực giải quyết,Tổng số hồ sơ nhận giải quyết,Nhận trong kỳ: trực tuyến,Nhận trong kỳ: trực tiếp và qua dịch vụ bưu chính,' +
        'Từ kỳ trước chuyển qua,Tổng số hồ sơ đã giải quyết,Đã giải quyết trước hạn,Đã giải quyết đúng hạn,Đã giải quyết quá hạn,' +
        'Tổng số hồ sơ đang giải quyết,Đang giải quyết trong hạn,Đang giải quyết quá hạn',
    );
    expect(lines.slice(1)).toEqual([
      '1,CHUNGTHUC,Chứng thực,2,0,1,1,1,0,0,1,1,1,0',
      '2,HOTICH,Hộ tịch,4,1,2,1,3,1,1,1,1,0,1',
      '3,KHAC,Khác,1,0,1,0,0,0,0,0,1,1,0',
      ',,Tổng cộng,7,1,4,2,4,1,1,2,3,2,1',
    ]);
  });

  it('exports II.06a as XLSX in the form layout, read back with exceljs', async () => {
    const res = await get('forms/ii06a.xlsx', supervisorX)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.getWorksheet('II.06a')!;
    expect(ws.getCell('A1').value).toBe('Biểu số II.06a — Tình hình, kết quả giải quyết thủ tục hành chính');
    expect(ws.getCell('A2').value).toBe(`Cơ quan: ${X} — Kỳ báo cáo: từ ngày 02/03/2026 đến ngày 06/03/2026`);
    expect(['C4', 'G4', 'K4', 'D5', 'D6', 'E6', 'F5', 'H5', 'I5', 'J5', 'L5', 'M5'].map((a) => ws.getCell(a).value)).toEqual([
      'Số hồ sơ nhận giải quyết',
      'Số hồ sơ đã giải quyết',
      'Số hồ sơ đang giải quyết',
      'Trong kỳ',
      'Trực tuyến',
      'Trực tiếp, dịch vụ bưu chính',
      'Từ kỳ trước',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Trong hạn',
      'Quá hạn',
    ]);
    expect(ws.getCell('C4').isMerged && ws.getCell('F4').isMerged).toBe(true);
    expect(ws.getCell('F4').master.address).toBe('C4');
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(row(7)).toEqual(Array.from({ length: 13 }, (_, i) => `(${i + 1})`));
    expect(row(8)).toEqual([1, 'Chứng thực', 2, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0]);
    expect(row(9)).toEqual([2, 'Hộ tịch', 4, 1, 2, 1, 3, 1, 1, 1, 1, 0, 1]);
    expect(row(10)).toEqual([3, 'Khác', 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0]);
    expect(row(11)).toEqual([undefined, 'Tổng cộng', 7, 1, 4, 2, 4, 1, 1, 2, 3, 2, 1]);
    expect(ws.rowCount).toBe(11);
  });

  it('indicators: BCCI shares, online share, on-time rate, average working time', async () => {
    expect((await get('indicators', supervisorX).expect(200)).body).toEqual(EXPECTED_INDICATORS);
    const empty = (await get('indicators', admin, { agency: '000.99.99.H56', ...PERIOD }).expect(200)).body;
    expect(empty).toMatchObject({
      onlineShare: { numerator: 0, denominator: 0, rate: null },
      averageProcessingTime: { dossiers: 0, workingMinutes: null },
    });
  });

  it('Decision 766: computable groups scored, the others marked, the dossiers that lost points listed', async () => {
    const index = (await get('index-766', supervisorX, { ...PERIOD, dossiers: '100' }).expect(200)).body;
    expect(index).toMatchObject({ agencyCode: X, score: 20.23, computableMaxPoints: 64, maxPoints: 100 });
    const group = (code: string) => index.groups.find((g: { code: string }) => g.code === code);
    expect(group('PROGRESS')).toMatchObject({
      maxPoints: 20,
      score: 11.43, // 0.5714 × 20
      partial: false,
      lostPointDossiers: [
        { dossierCode: e(5), reason: 'IN_PROGRESS_OVERDUE' },
        { dossierCode: e(2), reason: 'RESOLVED_LATE' },
        { dossierCode: e(6), reason: 'RESOLVED_LATE' },
      ],
    });
    expect(group('ONLINE')).toMatchObject({
      maxPoints: 22,
      score: 8.8, // min(0.2 / 0.5, 1) × 22
      partial: true,
      lostPointDossiers: [2, 3, 4, 5].map((n) => ({ dossierCode: e(n), reason: 'NOT_ONLINE' })),
    });
    expect(group('ONLINE').inputs[1]).toMatchObject({ code: 'PROCEDURES_ONLINE', computable: false });
    // nothing digitized: 0 of 11 + 11 points, the five received dossiers listed under both reasons
    expect(group('DIGITIZATION')).toMatchObject({
      score: 0,
      partial: false,
      lostPoints: [
        { reason: 'NOT_DIGITIZED', total: 5, nextCursor: null },
        { reason: 'NOT_REUSED', total: 5, nextCursor: null },
      ],
    });
    expect(group('DIGITIZATION').lostPointDossiers).toHaveLength(10);
    for (const code of ['TRANSPARENCY', 'SATISFACTION']) {
      expect(group(code)).toMatchObject({ score: null, lostPointDossiers: [] });
      expect(
        group(code).inputs.every((i: { computable: boolean; notComputableReason?: string }) => !i.computable && i.notComputableReason),
      ).toBe(true);
    }
    // an agency with nothing to count loses nothing
    const none = (await get('index-766', admin, { agency: '000.99.99.H56', ...PERIOD }).expect(200)).body;
    expect(none.score).toBe(64);
    expect(none.groups.flatMap((g: { lostPointDossiers: unknown[] }) => g.lostPointDossiers)).toEqual([]);
  });

  it('rebuild: replaying event_log into empty projections gives the same II.06a, indicators and index', async () => {
    const snapshot = async () => ({
      form: (await get('forms/ii06a', supervisorX).expect(200)).body,
      formY: (await get('forms/ii06a', supervisorY).expect(200)).body,
      indicators: (await get('indicators', supervisorX).expect(200)).body,
      index: (await get('index-766', supervisorX).expect(200)).body,
      earlier: (await get('forms/ii06a', supervisorX, { from: '2026-02-20', to: '2026-03-03' }).expect(200)).body,
    });
    const live = await snapshot();
    expect(live.form).toEqual(EXPECTED_FORM);
    const ds = app.get(DataSource);
    const factsBefore = await ds.query(`SELECT * FROM dossier_fact ORDER BY dossier_code`);
    const res = await request(app.getHttpServer())
      .post('/api/reporting/v1/admin/rebuild')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(res.body).toMatchObject({ events: events.length, dossiers: 11 });
    expect(await ds.query(`SELECT * FROM dossier_fact ORDER BY dossier_code`)).toEqual(factsBefore);
    expect(await snapshot()).toEqual(live);
  });

  it('scopes to the caller agency and names the field of a bad query', async () => {
    for (const path of ['forms/ii06a', 'forms/ii06a.csv', 'forms/ii06a.xlsx', 'indicators', 'index-766']) {
      const forbidden = await get(path, supervisorX, { ...PERIOD, agency: Y }).expect(403);
      expect(forbidden.body.error.code).toBe('REPORTING.AGENCY_FORBIDDEN');
      await get(path, clerkX).expect(403);
      await request(app.getHttpServer()).get(`/api/reporting/v1/${path}`).query(PERIOD).expect(401);
    }
    const field = async (query: Record<string, string>, path = 'forms/ii06a') => {
      const res = await get(path, admin, query).expect(400);
      expect(res.body.error.code).toBe('REQUEST.VALIDATION_FAILED');
      return (res.body.error.details as Array<{ field: string }>).map((d) => d.field);
    };
    expect(await field({ ...PERIOD, agency: 'H56' })).toEqual(['agency']);
    expect(await field({ from: '2026-3-2', to: '2026-03-06' })).toEqual(['from']);
    expect(await field({ from: '2026-03-02' }, 'indicators')).toEqual(['to']);
    expect(await field({ from: '2026-02-29', to: '2026-03-06' }, 'forms/ii06a.xlsx')).toEqual(['from']);
    expect(await field({ from: '2026-03-06', to: '2026-03-02' }, 'index-766')).toEqual(['to']);
    expect(await field({ ...PERIOD, level: '1' }, 'forms/ii06a.csv')).toEqual(['level']);
  });
});
