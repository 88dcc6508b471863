import { DataSource } from 'typeorm';
import { EventEnvelope } from '@motcua/contracts';
import { expectEventually } from '@motcua/testing';
import { RebuildProjectionUseCase } from '../src/admin/rebuild-projection.use-case';
import { AggregateCountsRepository } from '../src/aggregates/aggregate-counts.repository';
import { AggregatesRepository } from '../src/aggregates/aggregates.repository';
import { localBuckets } from '../src/aggregates/buckets';
import { IndicatorsRepository } from '../src/indicators/indicators.repository';
import { LOST_POINT_REASONS, LostPointsRepository } from '../src/indicators/lost-points.repository';
import { FactsProjection } from '../src/projection/facts-projection';
import {
  deliveryFailedEvent,
  evaluatedEvent,
  extendedEvent,
  notificationSentEvent,
  postalCreatedEvent,
  postalDeliveredEvent,
  postalReturnedEvent,
  refusedEvent,
  resolvedEvent,
  returnedEvent,
  stoppedEvent,
  supplementRequestedEvent,
  withdrawnEvent,
  digitizedEvent,
  mixedDossiers,
} from './reporting-events';
import { useReportingApp } from './reporting-app';

/*
 * Issue 7: the indicators read the pre-aggregated counts. On a data set with every kind of fact
 * (supplements, extensions, messages sent / failed / undeliverable, postal legs delivered and returned,
 * ratings, refusals, stops, withdrawals), kept by the projector batch by batch, each indicator and the
 * aggregates per day / month computed from the counts equal the same computed from the facts, for several
 * periods and agency sets; and the rebuild gives the same counts.
 */
const X = '000.71.00.H56';
const Y = '000.72.00.H56';
const DAY = 86_400_000;
const HOUR = 3_600_000;
const BASE = new Date('2026-02-01T08:00:00+07:00').getTime();
const iso = (ms: number) => new Date(ms).toISOString();

function dataSet(): EventEnvelope<object>[] {
  return mixedDossiers(
    { count: 90, x: X, y: Y, codeDate: '260201', base: BASE, spreadDays: 30, dueDays: 6 },
    ({ i, code, received, due, competent }) => {
      const events: EventEnvelope<object>[] = [];
      for (let k = 0; k < i % 4; k++) events.push(notificationSentEvent(code, iso(received + (k + 1) * 60_000)));
      if (i % 6 === 1) events.push(deliveryFailedEvent(code, 'FAILED', iso(received + 5 * 60_000)));
      if (i % 8 === 2) events.push(deliveryFailedEvent(code, 'PERMANENT_FAILURE', iso(received + 6 * 60_000)));
      if (i % 5 === 0) events.push(extendedEvent(code, competent, iso(received + DAY), iso(due), iso(due + 3 * DAY)));
      // digitization: 2 components, both digitized (one reused) for two dossiers in three, one for the others
      events.push(digitizedEvent(code, 'COMPONENT', [2, 1, 0], iso(received + 10 * 60_000)));
      if (i % 3 !== 2) events.push(digitizedEvent(code, 'COMPONENT', [2, 2, i % 2], iso(received + (i % 5) * DAY + HOUR), i % 2 === 1));
      if (i % 10 < 6 && i % 4 !== 3) events.push(digitizedEvent(code, 'RESULT', [2, 2, i % 2], iso(received + (i % 11) * DAY + 3 * HOUR)));
      if (i % 7 === 0) events.push(supplementRequestedEvent(code, competent, iso(received + DAY), 1));
      if (i % 14 === 0) events.push(supplementRequestedEvent(code, competent, iso(received + 2 * DAY), 2));
      const resolvedAt = received + (i % 11) * DAY + 2 * HOUR;
      if (i % 10 < 6) {
        events.push(
          resolvedEvent({
            code,
            by: competent,
            resolvedAt: iso(resolvedAt),
            appointmentAt: iso(due),
            timeliness: i % 11 > 6 ? 'LATE' : i % 2 ? 'EARLY' : 'ON_TIME',
          }),
        );
        if (i % 3 === 0) events.push(evaluatedEvent(code, competent, i % 9 === 0 ? 'DISSATISFIED' : 'SATISFIED', iso(resolvedAt + DAY)));
        if (i % 4 === 1) {
          events.push(postalCreatedEvent(code, iso(resolvedAt + HOUR)));
          if (i % 5 === 0 || i % 5 === 3) events.push(postalReturnedEvent(code, iso(resolvedAt + 4 * DAY)));
          else events.push(postalDeliveredEvent(code, iso(resolvedAt + (i % 37) * HOUR + 2 * HOUR)));
          events.push(returnedEvent(code, iso(resolvedAt + 3 * HOUR), 'POST'));
        } else {
          events.push(returnedEvent(code, iso(resolvedAt + 3 * HOUR), 'COUNTER'));
        }
      } else if (i % 10 === 6) events.push(refusedEvent(code, competent, iso(received + 3 * DAY)));
      else if (i % 10 === 7) events.push(stoppedEvent(code, competent, iso(received + 4 * DAY)));
      else if (i % 10 === 8) events.push(withdrawnEvent(code, iso(received + 2 * DAY)));
      return events;
    },
  );
}

describe('reporting indicators from the pre-aggregated counts', () => {
  const { app, bus } = useReportingApp('reporting_indicator_counts', {
    authJwtSecret: 'indicator-counts-secret',
    projectionBatchSize: 37,
  });
  const events = dataSet();

  it('every indicator and the aggregates from the counts equal the same from the facts; the rebuild keeps them', async () => {
    const ds = app.get(DataSource);
    await bus.publish(events);
    await expectEventually(async () => {
      await app.get(FactsProjection).catchUp();
      const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM event_log WHERE projected`)) as Array<{ n: number }>;
      expect(n).toBe(events.length);
    });
    const counts = app.get(AggregateCountsRepository);
    const facts = app.get(IndicatorsRepository);
    const tree = app.get(AggregatesRepository);
    const m = ds.manager;

    const compare = async () => {
      let nonTrivial = 0;
      let withTimes = 0;
      for (const [from, to] of [
        ['2026-02-01', '2026-02-01'],
        ['2026-02-05', '2026-02-11'],
        ['2026-02-01', '2026-02-28'],
        ['2026-02-10', '2026-03-20'],
        ['2026-01-01', '2026-12-31'],
      ] as const) {
        const start = new Date(`${from}T00:00:00+07:00`);
        const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + DAY);
        for (const agencies of [[X], [Y], [X, Y]]) {
          const expected = await facts.processCounts(m, agencies, start, end);
          const actual = await counts.processCounts(m, agencies, start, end);
          const round1 = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);
          expect({ ...actual, postalMeanHours: round1(actual.postalMeanHours) }).toEqual({
            ...expected,
            postalMeanHours: round1(expected.postalMeanHours),
          });
          const shares = await facts.channelCounts(m, agencies, start, end);
          expect(await counts.channelShares(m, agencies, start, end)).toEqual(shares);
          if (shares.receivedDigitized > 0 && shares.receivedReused > 0 && shares.resultsDigitized > 0) withTimes++;
          const times = await facts.processingTimeByProcedure(m, agencies, start, end);
          expect(await counts.processingTimeByProcedure(m, agencies, start, end)).toEqual(times);
          if (times.length > 1) withTimes++;
          if (expected.supplementRequests > 0 && expected.messagesFailedDelivery > 0 && expected.postalReturned > 0) nonTrivial++;
        }
        for (const granularity of ['day', 'month'] as const) {
          const buckets = localBuckets(from, to, granularity);
          const asOf = end;
          const sort = (rows: Array<{ bucket: number; agencyCode: string }>) =>
            [...rows].sort((a, b) => a.bucket - b.bucket || a.agencyCode.localeCompare(b.agencyCode));
          expect(sort(await counts.countsByBucketAndAgency(m, [X, Y], buckets, asOf))).toEqual(
            sort(await tree.countsByBucketAndAgency(m, [X, Y], buckets, asOf)),
          );
        }
      }
      // the data set exercises the new flows: supplements, undeliverable messages and returned postal legs counted
      expect(nonTrivial).toBeGreaterThan(3);
      expect(withTimes).toBeGreaterThan(6); // and the processing time of several procedures, and digitization
    };
    await compare();
    // buckets still open at asOf (not a local midnight, after every event, as "now" is): overdue counted on the open dossiers
    const openAsOf = new Date('2026-06-15T15:30:00+07:00');
    const buckets = localBuckets('2026-01-01', '2026-12-31', 'month');
    const byKey = (rows: Array<{ bucket: number; agencyCode: string }>) =>
      [...rows].sort((a, b) => a.bucket - b.bucket || a.agencyCode.localeCompare(b.agencyCode));
    const openRows = byKey(await tree.countsByBucketAndAgency(m, [X, Y], buckets, openAsOf));
    expect(openRows.some((r) => r.bucket > 5)).toBe(true);
    expect(byKey(await counts.countsByBucketAndAgency(m, [X, Y], buckets, openAsOf))).toEqual(openRows);

    // the rebuild gives the same counts, new columns included
    const snapshot = async () => ({
      days: await ds.query(`SELECT * FROM agency_day_counts ORDER BY agency_code, day, procedure_code`),
      months: await ds.query(`SELECT * FROM agency_month_counts ORDER BY agency_code, month, procedure_code`),
    });
    const strip = (rows: Array<Record<string, unknown>>) =>
      rows.filter((r) =>
        Object.entries(r).some(([k, v]) => !['agency_code', 'day', 'month', 'procedure_code'].includes(k) && Number(v) !== 0),
      );
    const before = await snapshot();
    await app.get(RebuildProjectionUseCase).execute();
    const after = await snapshot();
    expect(strip(after.days)).toEqual(strip(before.days));
    expect(strip(after.months)).toEqual(strip(before.months));
    await compare();

    // the 766 lost-point lists stay on the facts: a first page of `limit` is the start of the whole list (by dossier code)
    const start = new Date('2026-02-01T00:00:00+07:00');
    const end = new Date('2026-04-01T00:00:00+07:00');
    const lost = app.get(LostPointsRepository);
    const all = await lost.firstPages(m, [X, Y], start, end, end, 1000);
    const paged = await lost.firstPages(m, [X, Y], start, end, end, 2);
    const codesOf = (page?: { items: Array<{ dossierCode: string }> }) => (page?.items ?? []).map((d) => d.dossierCode);
    const reasons = LOST_POINT_REASONS.filter((r) => codesOf(all[r]).length > 2);
    expect(reasons.length).toBeGreaterThanOrEqual(3);
    for (const reason of reasons) {
      expect(codesOf(paged[reason])).toEqual(codesOf(all[reason]).slice(0, 2));
      expect(paged[reason]?.hasMore).toBe(true);
    }
  });
});
