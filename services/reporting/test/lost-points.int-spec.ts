import request from 'supertest';
import { DataSource, EntityManager } from 'typeorm';
import { issueToken } from '@motcua/auth';
import { EventEnvelope } from '@motcua/contracts';
import { expectEventually } from '@motcua/testing';
import { FactsProjection } from '../src/projection/facts-projection';
import { LOST_POINT_REASONS, LostPointReason, LostPointsRepository } from '../src/indicators/lost-points.repository';
import {
  at,
  digitizedEvent,
  evaluatedEvent,
  receivedEvent,
  refusedEvent,
  resolvedEvent,
  supplementRequestedEvent,
} from './reporting-events';
import { useReportingApp } from './reporting-app';

const SECRET = 'reporting-lost-points-test-secret';
const X = '000.21.01.H56'; // the agency whose lists are checked
const Y = '000.21.02.H56';
const CENTRE = '000.00.06.H56';
const supervisorX = issueToken(SECRET, { sub: 'sup-x', name: 'Giám sát X', roles: ['SUPERVISOR'], agencyCode: X });
const supervisorY = issueToken(SECRET, { sub: 'sup-y', name: 'Giám sát Y', roles: ['SUPERVISOR'], agencyCode: Y });

const e = (n: number) => `${CENTRE}-260302-${String(n).padStart(4, '0')}`;
const t = (local: string) => `${local}:00+07:00`; // 'YYYY-MM-DDTHH:mm' local → ISO
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const codes = (ns: number[]) => ns.map(e);
const cursorOf = (code: string) => Buffer.from(code).toString('base64url');

const PERIOD = { from: '2026-03-02', to: '2026-03-06' }; // Mon – Fri; its end (07/03 00:00) is the "in progress" instant
const AS_OF = '2026-03-03T17:00:00+07:00';

/**
 * The hand-checked set, agency X competent, every event occurring at its own instant (for "as of"):
 *  L1 ONLINE  recv 02/03 08:00, due 03/03 09:00, resolved 03/03 10:00 LATE                  → RESOLVED_LATE
 *  L2 L3      ONLINE recv 02/03 08:00, due 03/03 09:00, resolved 04/03 09:00 LATE           → RESOLVED_LATE (as of 03/03 17:00: IN_PROGRESS_OVERDUE)
 *  L4 ONLINE  recv 02/03 08:00, due 06/03, supplements 02/03 14:00 and 03/03 09:00, resolved 05/03 EARLY → late by its second supplement
 *  L5 COUNTER carried over (recv 26/02), due 03/03 09:00, refused 04/03 10:00 after it    → RESOLVED_LATE (not NOT_ONLINE)
 *  O11–O13    ONLINE recv 02/03 08:00, due 04/03 08:00, open                              → IN_PROGRESS_OVERDUE (as of: within deadline)
 *  O14 ONLINE recv 02/03 08:00, due 20/03, supplements 03/03 10:00 and 11:00, open        → IN_PROGRESS_OVERDUE (as of too)
 *  O15 ONLINE recv 03/03 09:00, due 05/03 08:00, resolved 10/03 LATE (after the period)   → IN_PROGRESS_OVERDUE
 *  D21–D25    ONLINE recv 02/03 08:00, due 06/03, resolved 04/03 EARLY, rated 05/03 (very) dissatisfied → DISSATISFIED
 *  D26 the same, rated satisfied (satisfaction computable, not listed)
 *  N101–N202  COUNTER recv 02/03 10:00, due 30/03, open                                   → NOT_ONLINE (102: more than the index lists)
 *  Not listed: E31 resolved late before the period; E32 ONLINE open within deadline; E33 competent Y, COUNTER, resolved late.
 *  Digitization: O11 fully digitized (no reuse), D26 fully digitized with a reused component, N101 partly digitized; every
 *  other dossier received in the period is NOT_DIGITIZED and all but D26 NOT_REUSED.
 */
function handCheckedEvents(): EventEnvelope<object>[] {
  const r = (n: number, channel: 'ONLINE' | 'COUNTER', recv: string, due: string, competent = X) =>
    at(
      receivedEvent({
        code: e(n),
        procedureCode: '1.001193',
        receiving: CENTRE,
        competent,
        channel,
        receivedAt: t(recv),
        appointmentAt: t(due),
      }),
      t(recv),
    );
  const s = (n: number, at_: string, due: string, timeliness: 'EARLY' | 'ON_TIME' | 'LATE', by = X) =>
    at(resolvedEvent({ code: e(n), by, resolvedAt: t(at_), appointmentAt: t(due), timeliness }), t(at_));
  return [
    r(1, 'ONLINE', '2026-03-02T08:00', '2026-03-03T09:00'),
    s(1, '2026-03-03T10:00', '2026-03-03T09:00', 'LATE'),
    ...[2, 3].flatMap((n) => [
      r(n, 'ONLINE', '2026-03-02T08:00', '2026-03-03T09:00'),
      s(n, '2026-03-04T09:00', '2026-03-03T09:00', 'LATE'),
    ]),
    r(4, 'ONLINE', '2026-03-02T08:00', '2026-03-06T08:00'),
    supplementRequestedEvent(e(4), X, t('2026-03-02T14:00'), 1),
    supplementRequestedEvent(e(4), X, t('2026-03-03T09:00'), 2),
    s(4, '2026-03-05T08:00', '2026-03-06T08:00', 'EARLY'),
    r(5, 'COUNTER', '2026-02-26T09:00', '2026-03-03T09:00'),
    refusedEvent(e(5), X, t('2026-03-04T10:00')),
    ...[11, 12, 13].map((n) => r(n, 'ONLINE', '2026-03-02T08:00', '2026-03-04T08:00')),
    r(14, 'ONLINE', '2026-03-02T08:00', '2026-03-20T08:00'),
    supplementRequestedEvent(e(14), X, t('2026-03-03T10:00'), 1),
    supplementRequestedEvent(e(14), X, t('2026-03-03T11:00'), 2),
    r(15, 'ONLINE', '2026-03-03T09:00', '2026-03-05T08:00'),
    s(15, '2026-03-10T09:00', '2026-03-05T08:00', 'LATE'),
    ...range(21, 26).flatMap((n) => [
      r(n, 'ONLINE', '2026-03-02T08:00', '2026-03-06T08:00'),
      s(n, '2026-03-04T08:00', '2026-03-06T08:00', 'EARLY'),
      evaluatedEvent(e(n), X, n === 26 ? 'SATISFIED' : n <= 23 ? 'DISSATISFIED' : 'VERY_DISSATISFIED', t('2026-03-05T08:00')),
    ]),
    ...range(101, 202).map((n) => r(n, 'COUNTER', '2026-03-02T10:00', '2026-03-30T08:00')),
    r(31, 'ONLINE', '2026-02-20T08:00', '2026-02-23T08:00'),
    s(31, '2026-02-25T08:00', '2026-02-23T08:00', 'LATE'),
    r(32, 'ONLINE', '2026-03-02T08:00', '2026-03-20T08:00'),
    r(33, 'COUNTER', '2026-03-02T08:00', '2026-03-03T08:00', Y),
    s(33, '2026-03-04T08:00', '2026-03-03T08:00', 'LATE', Y),
    digitizedEvent(e(11), 'COMPONENT', [1, 1, 0], t('2026-03-02T09:00')),
    digitizedEvent(e(26), 'COMPONENT', [2, 2, 1], t('2026-03-02T09:00'), true),
    digitizedEvent(e(101), 'COMPONENT', [2, 1, 0], t('2026-03-02T11:00')),
  ];
}

/** X's dossiers received in the period (the digitization denominators). */
const RECEIVED_IN_PERIOD = [1, 2, 3, 4, ...range(11, 15), ...range(21, 26), 32, ...range(101, 202)];

const EXPECTED: Record<LostPointReason, string[]> = {
  RESOLVED_LATE: codes([1, 2, 3, 4, 5]),
  IN_PROGRESS_OVERDUE: codes([11, 12, 13, 14, 15]),
  NOT_ONLINE: codes(range(101, 202)),
  DISSATISFIED: codes([21, 22, 23, 24, 25]),
  NOT_DIGITIZED: codes(RECEIVED_IN_PERIOD.filter((n) => n !== 11 && n !== 26)),
  NOT_REUSED: codes(RECEIVED_IN_PERIOD.filter((n) => n !== 26)),
};

describe('reporting: Decision 766 lost-point lists, complete and paginated', () => {
  const { app, bus } = useReportingApp('reporting_lost_points', { authJwtSecret: SECRET });

  beforeAll(async () => {
    const events = handCheckedEvents();
    await bus.publish(events);
    const ds = app.get(DataSource);
    await expectEventually(async () => expect((await ds.query(`SELECT count(*)::int AS n FROM event_log`))[0].n).toBe(events.length));
    await app.get(FactsProjection).catchUp();
  });

  const get = (path: string, token: string, query: Record<string, string | number>) =>
    request(app.getHttpServer()).get(`/api/reporting/v1/${path}`).query(query).set('Authorization', `Bearer ${token}`);

  /** Every page of a reason's list with pages of `limit`: the codes in order and the page sizes. */
  async function walk(reason: LostPointReason, limit: number, query: Record<string, string> = PERIOD) {
    const seen: string[] = [];
    const sizes: number[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 200; pages++) {
      const body = (await get('index-766/lost-points', supervisorX, { ...query, reason, limit, ...(after ? { after } : {}) }).expect(200))
        .body as { reason: string; items: Array<{ dossierCode: string }>; nextCursor: string | null };
      expect(body.reason).toBe(reason);
      seen.push(...body.items.map((i) => i.dossierCode));
      sizes.push(body.items.length);
      after = body.nextCursor;
      if (after === null) return { seen, sizes };
    }
    throw new Error(`${reason}: the pages never end`);
  }

  it('walks every reason page by page: each dossier exactly once, in dossier-code order, none missing', async () => {
    for (const [reason, expected] of Object.entries(EXPECTED) as Array<[LostPointReason, string[]]>) {
      const { seen, sizes } = await walk(reason, 2);
      expect(seen).toEqual(expected); // the exact set, sorted, no duplicates
      expect(new Set(seen).size).toBe(seen.length);
      expect(sizes.slice(0, -1).every((n) => n === 2)).toBe(true);
      expect(sizes.at(-1)).toBeGreaterThan(0); // no empty trailing page
    }
    // the same with another page size
    expect((await walk('NOT_ONLINE', 7)).seen).toEqual(EXPECTED.NOT_ONLINE);
    expect((await walk('RESOLVED_LATE', 5)).sizes).toEqual([5]);
  });

  it('answers the facts of each dossier', async () => {
    const late = (await get('index-766/lost-points', supervisorX, { ...PERIOD, reason: 'RESOLVED_LATE', limit: 5 }).expect(200)).body;
    expect(late).toMatchObject({ agencyCode: X, ...PERIOD, asOf: '2026-03-06T17:00:00.000Z', nextCursor: null });
    expect(late.items[0]).toEqual({
      dossierCode: e(1),
      procedureCode: '1.001193',
      channel: 'ONLINE',
      receivedAt: '2026-03-02T01:00:00.000Z',
      appointmentAt: '2026-03-03T02:00:00.000Z',
      closedAt: '2026-03-03T03:00:00.000Z',
      resolvedAt: '2026-03-03T03:00:00.000Z',
      timeliness: 'LATE',
      supplementRequests: 0,
      evaluationLevel: null,
    });
    expect(late.items[3]).toMatchObject({ dossierCode: e(4), timeliness: 'EARLY', supplementRequests: 2 });
    expect(late.items[4]).toMatchObject({ dossierCode: e(5), channel: 'COUNTER', resolvedAt: null, closedAt: '2026-03-04T03:00:00.000Z' });
    const dis = (await get('index-766/lost-points', supervisorX, { ...PERIOD, reason: 'DISSATISFIED', limit: 1 }).expect(200)).body;
    expect(dis.items).toEqual([expect.objectContaining({ dossierCode: e(21), evaluationLevel: 'DISSATISFIED' })]);
    expect(dis.nextCursor).toBe(cursorOf(e(21)));
  });

  it('the index lists the first page per reason when asked and gives, per group, the totals the indicators imply and the cursor of the rest', async () => {
    const index = (await get('index-766', supervisorX, { ...PERIOD, dossiers: 100 }).expect(200)).body;
    const ind = (await get('indicators', supervisorX, PERIOD).expect(200)).body;
    const group = (code: string) => index.groups.find((g: { code: string }) => g.code === code);
    expect(group('PROGRESS').lostPoints).toEqual([
      { reason: 'IN_PROGRESS_OVERDUE', total: 5, nextCursor: null },
      { reason: 'RESOLVED_LATE', total: 5, nextCursor: null },
    ]);
    expect(group('PROGRESS').lostPointDossiers).toEqual([
      ...EXPECTED.IN_PROGRESS_OVERDUE.map((dossierCode) => ({ dossierCode, reason: 'IN_PROGRESS_OVERDUE' })),
      ...EXPECTED.RESOLVED_LATE.map((dossierCode) => ({ dossierCode, reason: 'RESOLVED_LATE' })),
    ]);
    // the on-time rate's misses are exactly these ten
    expect(ind.onTimeRate.denominator - ind.onTimeRate.numerator).toBe(10);
    // more NOT_ONLINE dossiers than the index lists: the first 100, then a cursor to the rest
    expect(group('ONLINE').lostPoints).toEqual([{ reason: 'NOT_ONLINE', total: 102, nextCursor: cursorOf(e(200)) }]);
    expect(group('ONLINE').lostPointDossiers.map((d: { dossierCode: string }) => d.dossierCode)).toEqual(EXPECTED.NOT_ONLINE.slice(0, 100));
    expect(ind.onlineShare.denominator - ind.onlineShare.numerator).toBe(102);
    const rest = (
      await get('index-766/lost-points', supervisorX, {
        ...PERIOD,
        reason: 'NOT_ONLINE',
        after: group('ONLINE').lostPoints[0].nextCursor,
      }).expect(200)
    ).body;
    expect(rest.items.map((d: { dossierCode: string }) => d.dossierCode)).toEqual(codes([201, 202]));
    expect(rest.nextCursor).toBeNull();
    expect(group('SATISFACTION').lostPoints).toEqual([
      { reason: 'DISSATISFIED', total: 5, nextCursor: null },
      { reason: 'RESOLVED_LATE', total: 5, nextCursor: null },
    ]);
    expect(ind.satisfaction).toMatchObject({ computable: true, late: 5, dissatisfied: 5 });
    expect(group('TRANSPARENCY')).toMatchObject({ lostPointDossiers: [], lostPoints: [] });
    // digitization: 2 of the 118 received fully digitized, 1 reusing data
    expect(ind.digitization).toMatchObject({ dossiers: { numerator: 2, denominator: 118 }, reuse: { numerator: 1, denominator: 118 } });
    expect(group('DIGITIZATION').lostPoints).toEqual([
      { reason: 'NOT_DIGITIZED', total: 116, nextCursor: cursorOf(EXPECTED.NOT_DIGITIZED[99]) },
      { reason: 'NOT_REUSED', total: 117, nextCursor: cursorOf(EXPECTED.NOT_REUSED[99]) },
    ]);
    // without `dossiers`: the totals and no list (nothing read for it)
    const plain = (await get('index-766', supervisorX, PERIOD).expect(200)).body;
    for (const g of plain.groups as Array<{ code: string; lostPointDossiers: unknown[]; lostPoints: Array<{ nextCursor: unknown }> }>) {
      expect(g.lostPointDossiers).toEqual([]);
      expect(g.lostPoints.map((lp) => ({ ...lp, nextCursor: null }))).toEqual(
        group(g.code).lostPoints.map((lp: object) => ({ ...lp, nextCursor: null })),
      );
    }
    // every total is what walking the endpoint finds
    for (const g of index.groups as Array<{ lostPoints: Array<{ reason: LostPointReason; total: number }> }>) {
      for (const lp of g.lostPoints) expect(lp.total).toBe(EXPECTED[lp.reason].length);
    }
  });

  it('as of an instant: a dossier resolved late after it is in progress overdue then, not resolved late', async () => {
    const asOf = { ...PERIOD, asOf: AS_OF };
    expect((await walk('RESOLVED_LATE', 2, asOf)).seen).toEqual(codes([1]));
    // L2 L3 overdue since 03/03 09:00, L4 O14 late by their second supplement, L5 overdue (refused later); O11–O13 within deadline then
    expect((await walk('IN_PROGRESS_OVERDUE', 2, asOf)).seen).toEqual(codes([2, 3, 4, 5, 14]));
    expect((await walk('DISSATISFIED', 2, asOf)).seen).toEqual([]);
    const index = (await get('index-766', supervisorX, { ...asOf, dossiers: 10 }).expect(200)).body;
    expect(index.groups.find((g: { code: string }) => g.code === 'PROGRESS').lostPoints).toEqual([
      { reason: 'IN_PROGRESS_OVERDUE', total: 5, nextCursor: null },
      { reason: 'RESOLVED_LATE', total: 1, nextCursor: null },
    ]);
  });

  it('starts after any dossier code the cursor names, and scopes to the caller agency', async () => {
    const page = (
      await get('index-766/lost-points', supervisorX, { ...PERIOD, reason: 'RESOLVED_LATE', after: cursorOf(e(3)) }).expect(200)
    ).body;
    expect(page.items.map((d: { dossierCode: string }) => d.dossierCode)).toEqual(codes([4, 5]));
    // Y's own late dossier is Y's, not X's
    const y = (await get('index-766/lost-points', supervisorY, { ...PERIOD, reason: 'RESOLVED_LATE' }).expect(200)).body;
    expect(y.items.map((d: { dossierCode: string }) => d.dossierCode)).toEqual([e(33)]);
    const forbidden = await get('index-766/lost-points', supervisorY, { ...PERIOD, agency: X, reason: 'RESOLVED_LATE' }).expect(403);
    expect(forbidden.body.error.code).toBe('REPORTING.AGENCY_FORBIDDEN');
  });

  it('refuses a bad cursor, limit or reason with 400 naming the field', async () => {
    /** The fields named (each once: a field may break several rules). */
    const fieldsOf = async (query: Record<string, string | number>) => {
      const res = await get('index-766/lost-points', supervisorX, { ...PERIOD, ...query }).expect(400);
      return [...new Set((res.body.error.details as Array<{ field: string }>).map((d) => d.field))];
    };
    for (const after of ['not a cursor', '!!', 'QR' /* non-canonical base64url of "A" */, cursorOf('mã\u00a0hồ sơ'), 'A'.repeat(300)]) {
      expect(await fieldsOf({ reason: 'RESOLVED_LATE', after })).toEqual(['after']);
    }
    for (const limit of [0, 1001, 'many', 2.5]) expect(await fieldsOf({ reason: 'RESOLVED_LATE', limit })).toEqual(['limit']);
    expect(await fieldsOf({ reason: 'LATE' })).toEqual(['reason']);
    expect(await fieldsOf({})).toEqual(['reason']);
    expect(await fieldsOf({ reason: 'NOT_ONLINE', from: '2026-02-30' })).toEqual(['from']);
    // the index's own list size
    for (const dossiers of [-1, 1001, 'all']) {
      const res = await get('index-766', supervisorX, { ...PERIOD, dossiers }).expect(400);
      expect([...new Set((res.body.error.details as Array<{ field: string }>).map((d) => d.field))]).toEqual(['dossiers']);
    }
  });
  interface PlanNode {
    'Node Type': string;
    'Index Name'?: string;
    'Relation Name'?: string;
    'Index Cond'?: string;
    Plans?: PlanNode[];
  }
  const scansOf = (n: PlanNode): string[] => [
    ...(n['Relation Name'] === 'dossier_fact' || /^(ix|pk)_dossier_fact/.test(n['Index Name'] ?? '')
      ? [`${n['Node Type']} ${n['Index Name'] ?? ''}${n['Index Name'] === 'pk_dossier_fact' ? ` ${n['Index Cond'] ?? ''}` : ''}`.trim()]
      : []),
    ...(n.Plans ?? []).flatMap(scansOf),
  ];

  /** The scans of `dossier_fact` of a reason's page (EXPLAIN instead of running it). */
  async function pageScans(m: EntityManager, reason: LostPointReason, agencies: string[], year = false): Promise<string[]> {
    let plan: PlanNode | undefined;
    const explain = {
      query: async (sql: string, params: unknown[]) => {
        const [row] = (await m.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)) as Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>;
        plan = row['QUERY PLAN'][0].Plan;
        return [];
      },
    } as unknown as EntityManager;
    const [start, end] = [
      new Date(year ? '2025-01-01T00:00:00+07:00' : '2025-06-01T00:00:00+07:00'),
      new Date('2025-07-01T00:00:00+07:00'),
    ];
    await app.get(LostPointsRepository).page(explain, agencies, start, end, end, reason, null, 100);
    return scansOf(plan!);
  }

  it('a page of an agency-month reads the lost-point indexes, never the whole table nor the primary key in code order', async () => {
    const ds = app.get(DataSource);
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      // 40,000 facts of 20 other agencies over four years: a fifth late, a tenth open, a third online, some dissatisfied
      await runner.query(
        `INSERT INTO dossier_fact (dossier_code, procedure_code, competent_agency_code, channel, received_at, appointment_at,
           resolved_at, timeliness, supplement_requests, evaluation_level)
         SELECT format('000.00.06.H56-220101-%s', lpad(i::text, 6, '0')), '1.001193', format('000.31.%s.H56', lpad((i % 20)::text, 2, '0')),
                (ARRAY['ONLINE','COUNTER','POSTAL'])[1 + i % 3], r, r + interval '5 days',
                CASE WHEN i % 10 <> 0 THEN r + (i % 7) * interval '1 day' END,
                CASE WHEN i % 10 <> 0 THEN (CASE WHEN i % 7 > 5 THEN 'LATE' ELSE 'EARLY' END) END,
                CASE WHEN i % 50 = 3 THEN 2 ELSE 0 END, CASE WHEN i % 30 = 0 THEN 'DISSATISFIED' END
         FROM generate_series(1, 40000) AS i, LATERAL (SELECT timestamptz '2022-01-01 08:00+07' + (i % 1460) * interval '1 day' AS r) x`,
      );
      await runner.query(`ANALYZE dossier_fact`);
      // (the open dossiers: by either partial index of them, index-only through ix_dossier_fact_open_lost when they are many)
      const expected: Record<LostPointReason, RegExp> = {
        RESOLVED_LATE: /ix_dossier_fact_lost_closed$/,
        IN_PROGRESS_OVERDUE: /ix_dossier_fact_open_(lost|competent_appointment)$/,
        NOT_ONLINE: /ix_dossier_fact_not_online$/,
        DISSATISFIED: /ix_dossier_fact_lost_closed$/,
        NOT_DIGITIZED: /ix_dossier_fact_competent_agency_received_at$/,
        NOT_REUSED: /ix_dossier_fact_competent_agency_received_at$/,
      };
      for (const reason of LOST_POINT_REASONS) {
        const scans = await pageScans(runner.manager, reason, ['000.31.07.H56']);
        expect(scans.some((s) => expected[reason].test(s))).toBe(true);
        expect(scans.filter((s) => s.startsWith('Seq Scan'))).toEqual([]);
        // the facts of the page's dossiers are read by key, not by walking it
        const byKey = scans.filter((s) => s.includes('pk_dossier_fact'));
        expect(byKey).toEqual([expect.stringMatching(/^Index Scan pk_dossier_fact \(dossier_code = /)]);
      }
      // every agency, half a year: many match, so walking the primary key from the cursor looks cheap to the planner (it is
      // not: codes embed the date, the walk crosses every other period's dossiers first); the fence keeps it off
      const all = Array.from({ length: 20 }, (_, i) => `000.31.${String(i).padStart(2, '0')}.H56`);
      for (const reason of LOST_POINT_REASONS) {
        expect((await pageScans(runner.manager, reason, all, true)).filter((s) => s.includes('pk_dossier_fact'))).toEqual([
          expect.stringMatching(/^Index Scan pk_dossier_fact \(dossier_code = /),
        ]);
      }
      // the dossiers closed after the period, apart
      expect(await pageScans(runner.manager, 'IN_PROGRESS_OVERDUE', ['000.31.07.H56'])).toContain(
        'Bitmap Index Scan ix_dossier_fact_lost_closed',
      );
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
