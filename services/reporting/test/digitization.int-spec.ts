import request from 'supertest';
import { issueToken } from '@motcua/auth';
import { EventEnvelope } from '@motcua/contracts';
import { expectEventually } from '@motcua/testing';
import { FactsProjection } from '../src/projection/facts-projection';
import { RebuildProjectionUseCase } from '../src/admin/rebuild-projection.use-case';
import { AggregateCountsRepository } from '../src/aggregates/aggregate-counts.repository';
import { IndicatorsRepository } from '../src/indicators/indicators.repository';
import { digitizedEvent, receivedEvent, resolvedEvent } from './reporting-events';
import { useReportingApp } from './reporting-app';

const SECRET = 'digitization-secret';
const X = '000.21.01.H56';
const CENTRE = '000.00.06.H56';
const supervisorX = issueToken(SECRET, { sub: 'sup-x', name: 'Giám sát X', roles: ['SUPERVISOR'], agencyCode: X });
const code = (n: number) => `${CENTRE}-260302-${String(n).padStart(4, '0')}`;
const t = (local: string) => `${local}:00+07:00`;

/**
 * The hand-checked set, period 02/03–06/03/2026, competent X:
 *  G1 received 02/03, 3 components digitized (the last event first, then the earlier ones, one twice), a reused one;
 *     resolved 04/03 with its result digitized                     → digitized, reused, result digitized
 *  G2 received 02/03, 2 of 3 components digitized; resolved 05/03 (no result digitized) → neither
 *  G3 received 03/03, 1 of 1 digitized on 09/03 (after the period: still counts for the dossier received in it)
 *  G4 received 04/03, nothing digitized
 *  G5 received 27/02 (before the period), fully digitized, resolved 03/03 with its result → only the result counts
 * Received in the period 4 (G1–G4): digitized 2 (G1 G3), reused 1 (G1); resolved 3 (G1 G2 G5): results digitized 2.
 */
function events(): EventEnvelope<object>[] {
  const received = (n: number, at: string) =>
    receivedEvent({
      code: code(n),
      procedureCode: '1.001193',
      receiving: CENTRE,
      competent: X,
      channel: 'COUNTER',
      receivedAt: t(at),
      appointmentAt: t('2026-03-20T09:00'),
    });
  const resolved = (n: number, at: string) =>
    resolvedEvent({ code: code(n), by: X, resolvedAt: t(at), appointmentAt: t('2026-03-20T09:00'), timeliness: 'EARLY' });
  const reusedTwice = digitizedEvent(code(1), 'COMPONENT', [3, 2, 1], t('2026-03-02T10:15'), true);
  return [
    digitizedEvent(code(1), 'COMPONENT', [3, 3, 1], t('2026-03-02T10:30')),
    received(1, '2026-03-02T09:00'),
    digitizedEvent(code(1), 'COMPONENT', [3, 1, 0], t('2026-03-02T10:00')),
    reusedTwice,
    reusedTwice, // redelivered: logged once
    resolved(1, '2026-03-04T15:00'),
    digitizedEvent(code(1), 'RESULT', [3, 3, 1], t('2026-03-04T15:05')),
    received(2, '2026-03-02T14:00'),
    digitizedEvent(code(2), 'COMPONENT', [3, 1, 0], t('2026-03-02T14:10')),
    digitizedEvent(code(2), 'COMPONENT', [3, 2, 0], t('2026-03-02T14:20')),
    resolved(2, '2026-03-05T09:00'),
    received(3, '2026-03-03T08:00'),
    digitizedEvent(code(3), 'COMPONENT', [1, 1, 0], t('2026-03-09T08:00')),
    received(4, '2026-03-04T08:00'),
    received(5, '2026-02-27T08:00'),
    digitizedEvent(code(5), 'COMPONENT', [2, 2, 0], t('2026-02-27T09:00')),
    resolved(5, '2026-03-03T10:00'),
    digitizedEvent(code(5), 'RESULT', [2, 2, 0], t('2026-03-03T10:01')),
  ];
}

describe('reporting: digitization (số hóa) from dossier.document-digitized', () => {
  const under = useReportingApp('reporting_digitization', { authJwtSecret: SECRET });
  const period = { from: '2026-03-02', to: '2026-03-06' };
  const start = new Date('2026-03-02T00:00:00+07:00');
  const end = new Date('2026-03-07T00:00:00+07:00');

  beforeAll(async () => {
    const all = events();
    await under.bus.publish(all);
    await expectEventually(async () =>
      expect((await under.ds.query(`SELECT count(*)::int AS n FROM event_log`))[0].n).toBe(all.length - 1),
    );
    await under.app.get(FactsProjection).catchUp();
  });

  const indicators = async () =>
    (
      await request(under.app.getHttpServer())
        .get('/api/reporting/v1/indicators')
        .query(period)
        .set('Authorization', `Bearer ${supervisorX}`)
        .expect(200)
    ).body;

  it('counts dossiers fully digitized, reusing data, and results digitized, whatever the order of the events', async () => {
    const [g1] = (await under.ds.query(
      `SELECT components_received, components_digitized, components_reused, digitized_at, result_digitized_at FROM dossier_fact WHERE dossier_code = $1`,
      [code(1)],
    )) as Array<Record<string, unknown>>;
    expect(g1).toEqual({
      components_received: 3,
      components_digitized: 3,
      components_reused: 1,
      digitized_at: new Date(t('2026-03-02T10:30')),
      result_digitized_at: new Date(t('2026-03-04T15:05')),
    });
    expect((await indicators()).digitization).toEqual({
      dossiers: { numerator: 2, denominator: 4, rate: 0.5 },
      reuse: { numerator: 1, denominator: 4, rate: 0.25 },
      results: { numerator: 2, denominator: 3, rate: 0.6667 },
    });
  });

  it('gives the same from the counts as from the facts, and after a rebuild', async () => {
    const fromFacts = await under.app.get(IndicatorsRepository).channelCounts(under.ds.manager, [X], start, end);
    expect(fromFacts).toMatchObject({ received: 4, receivedDigitized: 2, receivedReused: 1, resolvedIssued: 3, resultsDigitized: 2 });
    expect(await under.app.get(AggregateCountsRepository).channelShares(under.ds.manager, [X], start, end)).toEqual(fromFacts);
    const before = await indicators();
    await under.app.get(RebuildProjectionUseCase).execute();
    expect(await indicators()).toEqual(before);
  });
});
