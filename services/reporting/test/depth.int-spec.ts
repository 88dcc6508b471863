import request from 'supertest';
import { DataSource } from 'typeorm';
import { issueToken } from '@motcua/auth';
import { EventEnvelope } from '@motcua/contracts';
import { expectEventually } from '@motcua/testing';
import { FactsProjection } from '../src/projection/facts-projection';
import { brokenIi06aIdentities } from '../src/forms/build-ii06a-form.use-case';
import type { Ii06aCounts } from '../src/forms/ii06a.repository';
import {
  at,
  deliveryFailedEvent,
  evaluatedEvent,
  extendedEvent,
  stoppedEvent,
  withdrawnEvent,
  notificationSentEvent,
  postalCreatedEvent,
  postalDeliveredEvent,
  postalReturnedEvent,
  receivedEvent,
  refusedEvent,
  resolvedEvent,
  supplementRequestedEvent,
} from './reporting-events';
import { useReportingApp } from './reporting-app';

const SECRET = 'reporting-depth-test-secret';
const PROVINCE = '000.00.00.H56';
const CENTRE = '000.00.06.H56';
const X = '000.21.01.H56'; // the commune of the hand-checked set
const Y = '000.21.02.H56';
const DEPT = '000.00.10.H56';
const SUB = '000.21.10.H56'; // added under DEPT by the test: a second level to roll up
const supervisorX = issueToken(SECRET, { sub: 'sup-x', name: 'Giám sát X', roles: ['SUPERVISOR'], agencyCode: X });
const supervisorY = issueToken(SECRET, { sub: 'sup-y', name: 'Giám sát Y', roles: ['SUPERVISOR'], agencyCode: Y });
const supervisorProvince = issueToken(SECRET, { sub: 'sup-p', name: 'Giám sát tỉnh', roles: ['SUPERVISOR'], agencyCode: PROVINCE });
const admin = issueToken(SECRET, { sub: 'admin', name: 'Quản trị', roles: ['ADMIN'], agencyCode: PROVINCE });

const t = (local: string) => `${local}:00+07:00`;
const d = (n: number) => `${CENTRE}-260105-${String(n).padStart(4, '0')}`;

/** Reception and resolution events dated when they occurred (so that "as of" queries see them in order). */
function received(code: string, competent: string, channel: 'ONLINE' | 'COUNTER' | 'POSTAL', recv: string, due: string) {
  return at(
    receivedEvent({ code, procedureCode: '1.001193', receiving: CENTRE, competent, channel, receivedAt: t(recv), appointmentAt: t(due) }),
    t(recv),
  );
}
function resolved(code: string, by: string, when: string, due: string, timeliness: 'EARLY' | 'ON_TIME' | 'LATE') {
  return at(resolvedEvent({ code, by, resolvedAt: t(when), appointmentAt: t(due), timeliness }), t(when));
}

/**
 * The hand-checked set for X, period Mon 05/01 – Fri 09/01/2026 (events dated when they occurred):
 *  D1 COUNTER recv 05/01 08:00 due 09/01; supplement #1 06/01 09:00; resolved 07/01 10:00 EARLY → early (one supplement)
 *  D2 ONLINE  recv 05/01 09:00 due 09/01; supplements #1 06/01 09:00, #2 07/01 09:00 (arrives first); resolved 08/01 ON_TIME → late
 *  D3 POSTAL  recv 05/01 10:00 due 20/01; supplements #1 06/01 09:00, #2 07/01 09:00 → in progress, overdue (second supplement)
 *  D4 COUNTER recv 06/01 08:00 due 20/01; refused 07/01 10:00 → a refusal; in progress within deadline
 *  D5 COUNTER recv 05/01 08:00 due 07/01; resolved 06/01 08:00 EARLY; post order 06/01 10:00, returned to sender 08/01 10:00
 *  D6 COUNTER recv 05/01 08:00 due 07/01; resolved 06/01 09:00 ON_TIME; post order 06/01 12:00, delivered 07/01 12:00 (24 h)
 *  two messages sent about D1 (06/01), one of them reported undeliverable 07/01 09:00; one about D2 failed at sending 06/01
 *  D4 extended 06/01 12:00 (due 20/01 → 25/01), withdrawn 08/01 11:00; D3 stopped 08/01 09:00. In II.06a a refusal,
 *  stop or withdrawal ends the dossier (README): D4 resolved on time at its refusal 07/01 10:00 (before its
 *  appointment), D3 resolved late at its stop (second supplement)
 *  ratings: D1 DISSATISFIED 07/01 12:00, D5 VERY_SATISFIED 06/01 10:00, D6 SATISFIED 06/01 12:00
 *  → satisfaction over the 6 that left processing (D1–D6): 100% − (2 late + 1 dissatisfied) / 6 = 50%
 * As of 07/01 08:00: D5 and D6 resolved; D1–D4 in progress, within deadline (one supplement each so far); no refusal,
 * the two postal orders not finished, D4's extension counted, D5 and D6 rated (satisfaction 100%), the undeliverable report not in yet.
 */
function handCheckedEvents(): EventEnvelope<object>[] {
  return [
    received(d(1), X, 'COUNTER', '2026-01-05T08:00', '2026-01-09T08:00'),
    supplementRequestedEvent(d(1), X, t('2026-01-06T09:00'), 1),
    resolved(d(1), X, '2026-01-07T10:00', '2026-01-09T08:00', 'EARLY'),
    supplementRequestedEvent(d(2), X, t('2026-01-07T09:00'), 2),
    received(d(2), X, 'ONLINE', '2026-01-05T09:00', '2026-01-09T09:00'),
    supplementRequestedEvent(d(2), X, t('2026-01-06T09:00'), 1),
    resolved(d(2), X, '2026-01-08T10:00', '2026-01-09T09:00', 'ON_TIME'),
    received(d(3), X, 'POSTAL', '2026-01-05T10:00', '2026-01-20T10:00'),
    supplementRequestedEvent(d(3), X, t('2026-01-06T09:00'), 1),
    supplementRequestedEvent(d(3), X, t('2026-01-07T09:00'), 2),
    received(d(4), X, 'COUNTER', '2026-01-06T08:00', '2026-01-20T08:00'),
    refusedEvent(d(4), X, t('2026-01-07T10:00')),
    received(d(5), X, 'COUNTER', '2026-01-05T08:00', '2026-01-07T08:00'),
    resolved(d(5), X, '2026-01-06T08:00', '2026-01-07T08:00', 'EARLY'),
    at(postalCreatedEvent(d(5), t('2026-01-06T10:00')), t('2026-01-06T10:00')),
    postalReturnedEvent(d(5), t('2026-01-08T10:00')),
    received(d(6), X, 'COUNTER', '2026-01-05T08:00', '2026-01-07T08:00'),
    resolved(d(6), X, '2026-01-06T09:00', '2026-01-07T08:00', 'ON_TIME'),
    at(postalCreatedEvent(d(6), t('2026-01-06T12:00')), t('2026-01-06T12:00')),
    at(postalDeliveredEvent(d(6), t('2026-01-07T12:00')), t('2026-01-07T12:00')),
    notificationSentEvent(d(1), t('2026-01-06T08:00')),
    notificationSentEvent(d(1), t('2026-01-06T09:00')),
    deliveryFailedEvent(d(1), 'PERMANENT_FAILURE', t('2026-01-07T09:00')),
    deliveryFailedEvent(d(2), 'FAILED', t('2026-01-06T09:30')),
    extendedEvent(d(4), X, t('2026-01-06T12:00'), t('2026-01-20T08:00'), t('2026-01-25T08:00')),
    withdrawnEvent(d(4), t('2026-01-08T11:00')),
    stoppedEvent(d(3), X, t('2026-01-08T09:00')),
    evaluatedEvent(d(1), X, 'DISSATISFIED', t('2026-01-07T12:00')),
    evaluatedEvent(d(5), X, 'VERY_SATISFIED', t('2026-01-06T10:00')),
    evaluatedEvent(d(6), X, 'SATISFIED', t('2026-01-06T12:00')),
  ];
}

/**
 * A spread for the aggregates: 45 dossiers of Y, DEPT and SUB received between 20/12/2025 and
 * 17/02/2026, on every channel, some unresolved, some resolved weeks later, some with two supplements.
 */
function spreadEvents(): EventEnvelope<object>[] {
  const events: EventEnvelope<object>[] = [];
  const agencies = [Y, DEPT, SUB];
  const channels = ['ONLINE', 'COUNTER', 'POSTAL'] as const;
  const base = Date.parse('2025-12-20T02:00:00Z'); // 20/12/2025 09:00 local
  for (let k = 0; k < 45; k++) {
    const code = `${CENTRE}-251220-${String(1000 + k).padStart(4, '0')}`;
    const agency = agencies[k % 3];
    const recv = new Date(base + ((k * 37) % 60) * 86_400_000 + (k % 5) * 3_600_000);
    const due = new Date(recv.getTime() + 5 * 86_400_000);
    const recvIso = recv.toISOString();
    events.push(
      at(
        receivedEvent({
          code,
          procedureCode: k % 2 ? '2.000908' : '1.001193',
          receiving: CENTRE,
          competent: agency,
          channel: channels[(k * 7) % 3],
          receivedAt: recvIso,
          appointmentAt: due.toISOString(),
        }),
        recvIso,
      ),
    );
    if (k % 10 === 3) {
      events.push(supplementRequestedEvent(code, agency, new Date(recv.getTime() + 86_400_000).toISOString(), 1));
      events.push(supplementRequestedEvent(code, agency, new Date(recv.getTime() + 2 * 86_400_000).toISOString(), 2));
    }
    if (k % 4 !== 0) {
      const res = new Date(recv.getTime() + (k % 9) * 86_400_000 + 3_600_000);
      const timeliness = res.getTime() <= due.getTime() - 86_400_000 ? 'EARLY' : res <= due ? 'ON_TIME' : 'LATE';
      events.push(
        at(
          resolvedEvent({ code, by: agency, resolvedAt: res.toISOString(), appointmentAt: due.toISOString(), timeliness }),
          res.toISOString(),
        ),
      );
    }
  }
  return events;
}

const counts = (received: number[], resolved: number[], inProgress: number[]): Ii06aCounts => ({
  received: { total: received[0], online: received[1], directOrPostal: received[2], carriedOver: received[3] },
  resolved: { total: resolved[0], early: resolved[1], onTime: resolved[2], late: resolved[3] },
  inProgress: { total: inProgress[0], withinDeadline: inProgress[1], overdue: inProgress[2] },
});

/** The counters that add up over time (flows), as opposed to stocks (carried over, in progress). */
const flows = (c: Ii06aCounts) => ({
  online: c.received.online,
  directOrPostal: c.received.directOrPostal,
  ...c.resolved,
});
const addFlows = (list: Ii06aCounts[]) =>
  list
    .map(flows)
    .reduce((a, b) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v + b[k as keyof typeof b]])) as ReturnType<typeof flows>);

const PERIOD = { from: '2026-01-05', to: '2026-01-09' };
const AS_OF = '2026-01-07T08:00:00+07:00';

describe('reporting in depth: new facts, "as of", aggregates along the agency tree', () => {
  const { app, bus } = useReportingApp('reporting_depth', { authJwtSecret: SECRET });

  beforeAll(async () => {
    const ds = app.get(DataSource);
    await ds.query(`INSERT INTO reporting_agency (code, parent_code, level, name) VALUES ($1, $2, 'DEPARTMENT', 'Phòng thử nghiệm')`, [
      SUB,
      DEPT,
    ]);
    const events = [...handCheckedEvents(), ...spreadEvents()];
    for (const ev of events) await bus.publish([ev]);
    await expectEventually(async () => expect((await ds.query(`SELECT count(*)::int AS n FROM event_log`))[0].n).toBe(events.length));
    await app.get(FactsProjection).catchUp(); // the projector applies the logged events
  });

  const get = (path: string, token: string, query: Record<string, string>) =>
    request(app.getHttpServer()).get(`/api/reporting/v1/${path}`).query(query).set('Authorization', `Bearer ${token}`);

  describe('new facts', () => {
    it('projects supplements (highest number), extensions, refusals, stops, withdrawals, postal returns, ratings, messages', async () => {
      const rows = await app.get(DataSource).query(
        `SELECT dossier_code, supplement_requests, extensions, appointment_at, refused_at, stopped_at, withdrawn_at, postal_returned_at,
                evaluation_level, messages_sent, messages_failed_sending, messages_failed_delivery
           FROM dossier_fact WHERE dossier_code = ANY($1) ORDER BY dossier_code`,
        [[d(1), d(2), d(3), d(4), d(5)]],
      );
      const none = {
        extensions: 0,
        refused_at: null,
        stopped_at: null,
        withdrawn_at: null,
        postal_returned_at: null,
        evaluation_level: null,
      };
      const msgs = (sent: number, failedSending: number, failedDelivery: number) => ({
        messages_sent: sent,
        messages_failed_sending: failedSending,
        messages_failed_delivery: failedDelivery,
      });
      expect(rows).toEqual([
        {
          dossier_code: d(1),
          ...none,
          supplement_requests: 1,
          appointment_at: new Date('2026-01-09T01:00:00Z'),
          evaluation_level: 'DISSATISFIED',
          ...msgs(2, 0, 1),
        },
        { dossier_code: d(2), ...none, supplement_requests: 2, appointment_at: new Date('2026-01-09T02:00:00Z'), ...msgs(0, 1, 0) },
        {
          dossier_code: d(3),
          ...none,
          supplement_requests: 2,
          appointment_at: new Date('2026-01-20T03:00:00Z'),
          stopped_at: new Date('2026-01-08T02:00:00Z'),
          ...msgs(0, 0, 0),
        },
        {
          dossier_code: d(4),
          ...none,
          supplement_requests: 0,
          extensions: 1,
          appointment_at: new Date('2026-01-25T01:00:00Z'), // moved by the extension
          refused_at: new Date('2026-01-07T03:00:00Z'),
          withdrawn_at: new Date('2026-01-08T04:00:00Z'),
          ...msgs(0, 0, 0),
        },
        {
          dossier_code: d(5),
          ...none,
          supplement_requests: 0,
          appointment_at: new Date('2026-01-07T01:00:00Z'),
          postal_returned_at: new Date('2026-01-08T03:00:00Z'),
          evaluation_level: 'VERY_SATISFIED',
          ...msgs(0, 0, 0),
        },
      ]);
    });

    it('rebuilding from the log gives the same facts', async () => {
      const ds = app.get(DataSource);
      const snapshot = () => ds.query(`SELECT * FROM dossier_fact ORDER BY dossier_code`);
      const before = await snapshot();
      await request(app.getHttpServer()).post('/api/reporting/v1/admin/rebuild').set('Authorization', `Bearer ${admin}`).expect(200);
      expect(await snapshot()).toEqual(before);
    });

    it('II.06a: a second supplement makes a dossier late (resolved) or overdue (in progress)', async () => {
      const form = (await get('forms/ii06a', supervisorX, PERIOD).expect(200)).body;
      // D1 D5 early, D6 on time, D2 late (two supplements); D4 refused before its appointment: on time;
      // D3 stopped after a second supplement: late; nothing left in progress
      expect(form.total).toEqual(counts([6, 1, 5, 0], [6, 2, 2, 2], [0, 0, 0]));
      expect(brokenIi06aIdentities(form.total)).toEqual([]);
      const index = (await get('index-766', supervisorX, { ...PERIOD, dossiers: '100' }).expect(200)).body;
      const progress = index.groups.find((g: { code: string }) => g.code === 'PROGRESS');
      expect(progress.lostPointDossiers).toEqual([
        { dossierCode: d(2), reason: 'RESOLVED_LATE' },
        { dossierCode: d(3), reason: 'RESOLVED_LATE' },
      ]);
      // satisfaction over the 6 that left processing: 100% − (2 late + 1 dissatisfied) / 6 = 50% against a 90% threshold:
      // 18 × 0.5 / 0.9 = 10 points, lost by D1 (dissatisfied), D2 and D3 (late)
      expect(index.groups.find((g: { code: string }) => g.code === 'SATISFACTION')).toMatchObject({
        score: 10,
        partial: false,
        inputs: [{ code: 'SATISFACTION', computable: true, value: { numerator: 3, denominator: 6, rate: 0.5 } }],
        lostPointDossiers: [
          { dossierCode: d(1), reason: 'DISSATISFIED' },
          { dossierCode: d(2), reason: 'RESOLVED_LATE' },
          { dossierCode: d(3), reason: 'RESOLVED_LATE' },
        ],
      });
      expect(index.computableMaxPoints).toBe(82); // progress, online, digitization, satisfaction
    });

    it('indicators: supplements, refusals, postal delivery success and time, messages; the rest marked not computable', async () => {
      const ind = (await get('indicators', supervisorX, PERIOD).expect(200)).body;
      expect(ind).toMatchObject({
        supplements: { dossiers: 3, requests: 5, dossiersCountedLate: 2 },
        refusals: 1,
        postalDelivery: {
          orders: 2,
          delivered: 1,
          returned: 1,
          successRate: { numerator: 1, denominator: 2, rate: 0.5 },
          meanHoursToDeliver: 24,
        },
        messages: {
          attempted: 3,
          sent: 2,
          failedSending: 1,
          undeliverable: 1,
          deliveryRate: { numerator: 1, denominator: 3, rate: 0.3333 },
        },
        extensions: { dossiers: 1, extensions: 1 },
        stops: 1,
        withdrawals: 1,
        satisfaction: { computable: true, resolved: 6, late: 2, rated: 3, dissatisfied: 1, rate: 0.5 },
        onTimeRate: { numerator: 4, denominator: 6, rate: 0.6667 }, // D1 D5 D6 + D4
      });
    });
  });

  describe('"as of" a past instant', () => {
    it('II.06a counts only the events that occurred at or before the instant', async () => {
      const live = (await get('forms/ii06a', supervisorX, PERIOD).expect(200)).body;
      const past = (await get('forms/ii06a', supervisorX, { ...PERIOD, asOf: AS_OF }).expect(200)).body;
      expect(past.asOf).toBe('2026-01-07T01:00:00.000Z');
      expect(past.total).toEqual(counts([6, 1, 5, 0], [2, 1, 1, 0], [4, 4, 0]));
      expect(past.total).not.toEqual(live.total); // the later resolutions and second supplements change the answer
      // the live projection is untouched by the as-of read
      expect((await get('forms/ii06a', supervisorX, PERIOD).expect(200)).body).toEqual(live);
      // an instant after every event gives the live numbers (judged at the period end)
      expect((await get('forms/ii06a', supervisorX, { ...PERIOD, asOf: '2026-02-01T00:00:00Z' }).expect(200)).body).toEqual(live);
    });

    it('indicators and the 766 index as of the instant', async () => {
      const ind = (await get('indicators', supervisorX, { ...PERIOD, asOf: AS_OF }).expect(200)).body;
      expect(ind).toMatchObject({
        asOf: '2026-01-07T01:00:00.000Z',
        supplements: { dossiers: 3, requests: 3, dossiersCountedLate: 0 },
        refusals: 0,
        postalDelivery: { orders: 2, delivered: 0, returned: 0, successRate: { numerator: 0, denominator: 0, rate: null } },
        messages: {
          attempted: 3,
          sent: 2,
          failedSending: 1,
          undeliverable: 0,
          deliveryRate: { numerator: 2, denominator: 3, rate: 0.6667 },
        },
        extensions: { dossiers: 1, extensions: 1 },
        stops: 0,
        withdrawals: 0,
        satisfaction: { computable: true, resolved: 2, late: 0, rated: 2, dissatisfied: 0, rate: 1 },
        onTimeRate: { numerator: 6, denominator: 6, rate: 1 },
      });
      const index = (await get('index-766', supervisorX, { ...PERIOD, asOf: AS_OF }).expect(200)).body;
      expect(index.groups.find((g: { code: string }) => g.code === 'PROGRESS')).toMatchObject({ score: 20, lostPointDossiers: [] });
      expect(index.groups.find((g: { code: string }) => g.code === 'SATISFACTION')).toMatchObject({ score: 18, lostPointDossiers: [] });
    });

    it('refuses an asOf that is not an ISO instant', async () => {
      const res = await get('forms/ii06a', supervisorX, { ...PERIOD, asOf: 'yesterday' }).expect(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'asOf' })]);
    });
  });

  describe('aggregates by day, month, quarter, year along the agency tree', () => {
    const agg = async (token: string, query: Record<string, string>) => (await get('aggregates', token, query).expect(200)).body;

    it('the days of a month add up to the month (flows), and its stocks are its first and last day', async () => {
      for (const agency of [Y, DEPT, PROVINCE]) {
        const days = await agg(admin, { agency, granularity: 'day', from: '2026-01-01', to: '2026-01-31' });
        const month = await agg(admin, { agency, granularity: 'month', from: '2026-01-01', to: '2026-01-31' });
        expect(days.buckets).toHaveLength(31);
        expect(month.buckets).toHaveLength(1);
        const m = month.buckets[0].counts as Ii06aCounts;
        const dayCounts = days.buckets.map((b: { counts: Ii06aCounts }) => b.counts);
        expect(addFlows(dayCounts)).toEqual(flows(m));
        expect(m.received.carriedOver).toBe(dayCounts[0].received.carriedOver);
        expect(m.inProgress).toEqual(dayCounts[30].inProgress);
        for (const c of [m, ...dayCounts]) expect(brokenIi06aIdentities(c)).toEqual([]);
        expect(m.received.total).toBeGreaterThan(0); // the test has something to add up
      }
    });

    it('months add up to quarters and quarters to the year (clipped to the period)', async () => {
      const q = { agency: PROVINCE, from: '2025-12-01', to: '2026-02-28' };
      const months = await agg(admin, { ...q, granularity: 'month' });
      const quarters = await agg(admin, { ...q, granularity: 'quarter' });
      const years = await agg(admin, { ...q, granularity: 'year' });
      expect(months.buckets.map((b: { from: string; to: string }) => [b.from, b.to])).toEqual([
        ['2025-12-01', '2025-12-31'],
        ['2026-01-01', '2026-01-31'],
        ['2026-02-01', '2026-02-28'],
      ]);
      expect(quarters.buckets.map((b: { from: string; to: string }) => [b.from, b.to])).toEqual([
        ['2025-12-01', '2025-12-31'],
        ['2026-01-01', '2026-02-28'],
      ]);
      expect(years.buckets.map((b: { counts: Ii06aCounts }) => flows(b.counts))).toEqual(
        quarters.buckets.map((b: { counts: Ii06aCounts }) => flows(b.counts)),
      );
      expect(addFlows([months.buckets[1].counts, months.buckets[2].counts])).toEqual(flows(quarters.buckets[1].counts));
    });

    it('the province total is the sum of its agencies, each rolling up the agencies under it', async () => {
      const q = { granularity: 'month', from: '2026-01-01', to: '2026-02-28' };
      const province = await agg(admin, { ...q, agency: PROVINCE });
      expect(province.children.map((c: { agencyCode: string }) => c.agencyCode).sort()).toEqual(
        ['000.00.06.H56', DEPT, '000.00.14.H56', '000.00.20.H56', X, Y].sort(),
      );
      for (let i = 0; i < 2; i++) {
        const parts = [
          province.own[i].counts,
          ...province.children.map((c: { buckets: Array<{ counts: Ii06aCounts }> }) => c.buckets[i].counts),
        ];
        const sum = parts.reduce((a: Ii06aCounts, b: Ii06aCounts) => JSON.parse(JSON.stringify(addCounts(a, b))));
        expect(province.buckets[i].counts).toEqual(sum);
      }
      // each child's roll-up is what the child's own query answers; DEPT includes SUB
      for (const child of province.children as Array<{ agencyCode: string; buckets: unknown[] }>) {
        expect((await agg(admin, { ...q, agency: child.agencyCode })).buckets).toEqual(child.buckets);
      }
      const dept = await agg(admin, { ...q, agency: DEPT });
      const sub = await agg(admin, { ...q, agency: SUB });
      expect(dept.children.map((c: { agencyCode: string }) => c.agencyCode)).toEqual([SUB]);
      expect(dept.children[0].buckets).toEqual(sub.buckets);
      expect(sub.buckets[0].counts.received.total).toBeGreaterThan(0);
      expect(dept.buckets[0].counts).toEqual(addCounts(dept.own[0].counts, sub.buckets[0].counts));
      // the agency's II.06a form for the month has the same total as its aggregate
      const form = (await get('forms/ii06a', admin, { agency: Y, from: '2026-01-01', to: '2026-01-31' }).expect(200)).body;
      expect((await agg(admin, { ...q, agency: Y })).buckets[0].counts).toEqual(form.total);
    });

    it('the province-wide 766 index rolls up every agency under the province; inputs without data are marked', async () => {
      const period = { agency: PROVINCE, from: '2026-01-01', to: '2026-02-28' };
      const index = (await get('index-766', admin, period).expect(200)).body;
      const form = (await get('forms/ii06a', admin, period).expect(200)).body;
      const t = form.total as Ii06aCounts;
      expect(t.received.total).toBeGreaterThan(10);
      const group = (code: string) => index.groups.find((g: { code: string }) => g.code === code);
      // progress: the on-time rate of the province's II.06a (the sum over its subtree)
      expect(group('PROGRESS').inputs[0].value).toMatchObject({
        numerator: t.resolved.early + t.resolved.onTime + t.inProgress.withinDeadline,
        denominator: t.resolved.total + t.inProgress.total,
      });
      // online: received online in the period ÷ received in the period, over the subtree
      expect(group('ONLINE').inputs[0].value).toMatchObject({
        numerator: t.received.online,
        denominator: t.received.online + t.received.directOrPostal,
      });
      // no event carries publication: no score, every input marked with its reason
      expect(group('TRANSPARENCY').score).toBeNull();
      for (const input of group('TRANSPARENCY').inputs)
        expect(input).toMatchObject({ computable: false, notComputableReason: expect.stringMatching(/^Chưa có dữ liệu/) });
      // digitization over the subtree: nothing digitized in this set, so no points and every dossier received in the period listed
      expect(group('DIGITIZATION')).toMatchObject({ score: 0, partial: false });
      expect(group('DIGITIZATION').inputs[0].value).toMatchObject({
        numerator: 0,
        denominator: t.received.online + t.received.directOrPostal,
      });
      expect(group('DIGITIZATION').lostPoints[0]).toMatchObject({
        reason: 'NOT_DIGITIZED',
        total: t.received.online + t.received.directOrPostal,
      });
    });

    it('scoping: a supervisor sees their agency and those under it; bad granularity is a 400', async () => {
      const q = { granularity: 'month', from: '2026-01-01', to: '2026-01-31' };
      await agg(supervisorProvince, { ...q, agency: Y });
      await agg(supervisorY, q);
      const forbidden = await get('aggregates', supervisorY, { ...q, agency: PROVINCE }).expect(403);
      expect(forbidden.body.error.code).toBe('REPORTING.AGENCY_FORBIDDEN');
      await get('aggregates', supervisorX, { ...q, agency: Y }).expect(403);
      const bad = await get('aggregates', admin, { ...q, granularity: 'week' }).expect(400);
      expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'granularity' })]);
      const tooLong = await get('aggregates', admin, { granularity: 'day', from: '2020-01-01', to: '2026-01-01' }).expect(400);
      expect(tooLong.body.error.details).toEqual([expect.objectContaining({ field: 'granularity', rule: 'maxBuckets' })]);
    });

    it('aggregates as of a past instant', async () => {
      const q = { agency: X, granularity: 'day', from: '2026-01-05', to: '2026-01-09' };
      const past = await agg(supervisorX, { ...q, asOf: AS_OF });
      const live = await agg(supervisorX, q);
      // as of 07/01 08:00, nothing resolved on the 7th yet; live, D1 was resolved and D4 refused that day
      expect(past.buckets[2].counts.resolved.total).toBe(0);
      expect(live.buckets[2].counts.resolved.total).toBe(2);
    });
  });
});

function addCounts(a: Ii06aCounts, b: Ii06aCounts): Ii06aCounts {
  const out = JSON.parse(JSON.stringify(a)) as Ii06aCounts;
  for (const group of ['received', 'resolved', 'inProgress'] as const) {
    const into = out[group] as unknown as Record<string, number>;
    for (const [k, v] of Object.entries(b[group] as unknown as Record<string, number>)) into[k] += v;
  }
  return out;
}
