import { randomUUID } from 'crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { issueToken } from '@motcua/auth';
import {
  DOSSIER_RECEIVED,
  DOSSIER_RESOLVED,
  DOSSIER_RESULT_RETURNED,
  DossierReceivedV1,
  DossierResolvedV1,
  EventEnvelope,
  NOTIFICATION_SENT,
  POSTAL_DELIVERY_DELIVERED,
  PROCESSING_STEP_STARTED,
  Timeliness,
} from '@motcua/contracts';
import { useReportingApp } from './reporting-app';
import { FactsProjection } from '../src/projection/facts-projection';
import { expectEventually, makeEnvelope } from '@motcua/testing';

const SECRET = 'reporting-test-secret';
const A = '000.00.06.H56';
const B = '000.00.07.H56';
const supervisorA = issueToken(SECRET, { sub: 'sup-a', name: 'Giám sát A', roles: ['SUPERVISOR'], agencyCode: A });
const admin = issueToken(SECRET, { sub: 'admin', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' });
const clerkA = issueToken(SECRET, { sub: 'clerk-a', name: 'Cán bộ A', roles: ['COUNTER_CLERK'], agencyCode: A });

// a run-unique day sequence keeps dossier codes apart from other runs on a shared database server
const run = String(Date.now() % 10_000).padStart(4, '0');
const code = (agency: string, n: number) => `${agency}-260105-${run}${n}`;

function received(
  c: string,
  receiving: string,
  competent: string,
  receivedAt: string,
  appointmentAt: string,
): EventEnvelope<DossierReceivedV1> {
  return makeEnvelope(DOSSIER_RECEIVED, {
    dossierCode: c,
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    receivingAgencyCode: receiving,
    competentAgencyCode: competent,
    channel: 'COUNTER',
    receivedAt,
    appointmentAt,
    resultDelivery: 'COUNTER',
    applicant: { fullName: 'Nguyễn Thị Hòa' },
  });
}
function resolved(
  c: string,
  by: string,
  resolvedAt: string,
  appointmentAt: string,
  timeliness: Timeliness,
): EventEnvelope<DossierResolvedV1> {
  return makeEnvelope(DOSSIER_RESOLVED, {
    dossierCode: c,
    resolvingAgencyCode: by,
    resolvedAt,
    appointmentAt,
    timeliness,
    resultSummary: 'Đã cấp giấy khai sinh',
  });
}

/**
 * The hand-checked set (local times, Asia/Ho_Chi_Minh), period 05/01–09/01/2026:
 *  D1 A→A received 05/01 09:00, resolved 06/01 EARLY      (its resolution arrives BEFORE its reception)
 *  D2 A→A received 05/01 23:30, resolved 09/01 16:00 LATE (a stale older resolution arrives afterwards)
 *  D3 A→B received 06/01, resolved by B 07/01 ON_TIME     (liên thông: intake at A, resolution at B)
 *  D4 B→A received 06/01, appointment 20/01, in progress   (within deadline)
 *  D5 A→A received 07/01, appointment 08/01, in progress   (overdue)
 *  D6 A→A received 04/01 (carried over), resolved 05/01 ON_TIME
 *  D7 A→A received 09/01 23:59 (still 09/01 locally), appointment 12/01, in progress (within deadline)
 *  D8 A→A received 10/01 00:00:30 (09/01 in UTC, but outside the period locally)
 * For A: received 5 (D1 D2 D3 D5 D7); resolved 3 (D1 early, D6 on time, D2 late); in progress 3 (D4 D5 D7),
 *        on-time rate (1 + 1 + 2 within deadline) / (3 + 3) = 0.6667.
 * For B: received 1 (D4); resolved 1 (D3 on time); in progress 0; on-time rate 1.
 */
function handCheckedEvents(): EventEnvelope<object>[] {
  const [d1, d2, d3, d4, d5, d6, d7, d8] = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => code(A, n));
  return [
    resolved(d1, A, '2026-01-06T10:00:00+07:00', '2026-01-07T09:00:00+07:00', 'EARLY'),
    received(d1, A, A, '2026-01-05T09:00:00+07:00', '2026-01-07T09:00:00+07:00'),
    received(d2, A, A, '2026-01-05T23:30:00+07:00', '2026-01-08T09:00:00+07:00'),
    resolved(d2, A, '2026-01-09T16:00:00+07:00', '2026-01-08T09:00:00+07:00', 'LATE'),
    resolved(d2, A, '2026-01-08T08:00:00+07:00', '2026-01-08T09:00:00+07:00', 'ON_TIME'), // older: must not win
    received(d3, A, B, '2026-01-06T08:00:00+07:00', '2026-01-08T08:00:00+07:00'),
    resolved(d3, B, '2026-01-07T15:00:00+07:00', '2026-01-08T08:00:00+07:00', 'ON_TIME'),
    makeEnvelope(PROCESSING_STEP_STARTED, {
      dossierCode: d4,
      stepId: 's1',
      stepName: 'Thẩm định',
      agencyCode: A,
      startedAt: '2026-01-06T15:00:00+07:00',
      dueAt: '2026-01-19T17:00:00+07:00',
    }),
    received(d4, B, A, '2026-01-06T14:00:00+07:00', '2026-01-20T09:00:00+07:00'),
    received(d5, A, A, '2026-01-07T09:00:00+07:00', '2026-01-08T09:00:00+07:00'),
    received(d6, A, A, '2026-01-04T10:00:00+07:00', '2026-01-06T10:00:00+07:00'),
    resolved(d6, A, '2026-01-05T09:00:00+07:00', '2026-01-06T10:00:00+07:00', 'ON_TIME'),
    makeEnvelope(DOSSIER_RESULT_RETURNED, { dossierCode: d6, returnedAt: '2026-01-06T10:00:00+07:00', method: 'POST' }),
    makeEnvelope(POSTAL_DELIVERY_DELIVERED, {
      dossierCode: d6,
      orderId: 'o-6',
      trackingNumber: 'EB123456789VN',
      deliveredAt: '2026-01-06T09:30:00+07:00',
      recipientName: 'Nguyễn Thị Hòa',
    }),
    makeEnvelope(NOTIFICATION_SENT, {
      dossierCode: d6,
      messageId: randomUUID(),
      channel: 'SMS',
      template: 'RESULT_READY',
      sentAt: '2026-01-05T09:01:00+07:00',
    }),
    received(d7, A, A, '2026-01-09T23:59:00+07:00', '2026-01-12T09:00:00+07:00'),
    received(d8, A, A, '2026-01-10T00:00:30+07:00', '2026-01-13T09:00:00+07:00'),
  ];
}

const EXPECTED_A = {
  agencyCode: A,
  from: '2026-01-05',
  to: '2026-01-09',
  received: 5,
  resolved: 3,
  resolvedEarly: 1,
  resolvedOnTime: 1,
  resolvedLate: 1,
  inProgress: 3,
  onTimeRate: 0.6667,
};
const EXPECTED_B = {
  agencyCode: B,
  from: '2026-01-05',
  to: '2026-01-09',
  received: 1,
  resolved: 1,
  resolvedEarly: 0,
  resolvedOnTime: 1,
  resolvedLate: 0,
  inProgress: 0,
  onTimeRate: 1,
};

describe('reporting service', () => {
  const { app, bus } = useReportingApp('reporting', { authJwtSecret: SECRET, rebuildPageSize: 5 });
  let events: EventEnvelope<object>[];

  beforeAll(async () => {
    events = handCheckedEvents();
    for (const e of events) await bus.publish([e]); // one by one, in the (shuffled) order above
    await bus.publish([events[1], events[3]]); // redeliveries change nothing
  });

  const summary = (agency: string, token: string, query: Record<string, string> = { from: '2026-01-05', to: '2026-01-09' }) =>
    request(app.getHttpServer()).get(`/api/reporting/v1/agencies/${agency}/summary`).query(query).set('Authorization', `Bearer ${token}`);

  it('counts a hand-checked set, out-of-order and duplicated events included', async () => {
    await expectEventually(async () => expect((await summary(A, supervisorA).expect(200)).body).toEqual(EXPECTED_A));
    expect((await summary(B, admin).expect(200)).body).toEqual(EXPECTED_B);
    // every event is logged once
    const ds = app.get(DataSource);
    await expectEventually(async () => expect((await ds.query(`SELECT count(*)::int AS n FROM event_log`))[0].n).toBe(events.length));
    await app.get(FactsProjection).catchUp(); // the projector applies the logged events
    const [d2] = await ds.query(`SELECT timeliness, resolved_at FROM dossier_fact WHERE dossier_code = $1`, [code(A, 2)]);
    expect(d2).toEqual({ timeliness: 'LATE', resolved_at: new Date('2026-01-09T09:00:00Z') });
    const [d6] = await ds.query(`SELECT messages_sent, returned_at, postal_delivered_at FROM dossier_fact WHERE dossier_code = $1`, [
      code(A, 6),
    ]);
    expect(d6).toEqual({
      messages_sent: 1,
      returned_at: new Date('2026-01-06T03:00:00Z'),
      postal_delivered_at: new Date('2026-01-06T02:30:00Z'),
    });
  });

  it('a single local day counts by local date (23:30 and 23:59 belong to their day)', async () => {
    const res = await summary(A, supervisorA, { from: '2026-01-09', to: '2026-01-09' }).expect(200);
    expect(res.body).toMatchObject({ received: 1, resolved: 1, resolvedLate: 1 }); // D7 received, D2 resolved
  });

  it('rebuilds the projection from the event log to the same numbers', async () => {
    await expectEventually(async () => expect((await summary(A, supervisorA).expect(200)).body).toEqual(EXPECTED_A));
    const res = await request(app.getHttpServer())
      .post('/api/reporting/v1/admin/rebuild')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(res.body).toMatchObject({ events: events.length, dossiers: 8 });
    expect((await summary(A, supervisorA).expect(200)).body).toEqual(EXPECTED_A);
    expect((await summary(B, admin).expect(200)).body).toEqual(EXPECTED_B);
    await request(app.getHttpServer()).post('/api/reporting/v1/admin/rebuild').set('Authorization', `Bearer ${supervisorA}`).expect(403);
  });

  it('keeps a supervisor to their own agency', async () => {
    const res = await summary(B, supervisorA).expect(403);
    expect(res.body.error.code).toBe('REPORTING.AGENCY_FORBIDDEN');
    await summary(A, clerkA).expect(403);
    await request(app.getHttpServer()).get(`/api/reporting/v1/agencies/${A}/summary?from=2026-01-05&to=2026-01-09`).expect(401);
  });

  it('refuses a bad query with 400 naming the field', async () => {
    const field = async (query: Record<string, string>, agency = A) => {
      const res = await summary(agency, admin, query).expect(400);
      return (res.body.error.details as Array<{ field: string }>).map((d) => d.field);
    };
    expect(await field({ from: '2026-1-5', to: '2026-01-09' })).toEqual(['from']);
    expect(await field({ from: '2026-01-05' })).toEqual(['to']);
    expect(await field({ from: '2026-02-30', to: '2026-03-09' })).toEqual(['from']);
    expect(await field({ from: '2026-01-09', to: '2026-01-05' })).toEqual(['to']);
    expect(await field({ from: '2026-01-05', to: '2026-01-09', agency: 'x' })).toEqual(['agency']);
    expect(await field({ from: '2026-01-05', to: '2026-01-09' }, 'H56')).toEqual(['agencyCode']);
  });

  it('dead-letters an event that violates its contract', async () => {
    const bad = makeEnvelope(DOSSIER_RESOLVED, {
      dossierCode: code(A, 9),
      resolvingAgencyCode: A,
      resolvedAt: 'yesterday',
      appointmentAt: '2026-01-08T09:00:00+07:00',
      timeliness: 'SOON',
      resultSummary: 'x',
    });
    await bus.publish([bad]);
    await expectEventually(async () => {
      const letters = await bus.peekDeadLetters('reporting');
      const letter = letters.find((l) => (l.envelope as { id?: string }).id === bad.id);
      expect(letter?.reason).toMatch(/data\.resolvedAt.*data\.timeliness/);
    });
    expect((await summary(A, supervisorA).expect(200)).body).toEqual(EXPECTED_A);
  });
});
