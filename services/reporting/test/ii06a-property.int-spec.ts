import fc from 'fast-check';
import { EventEnvelope, IntakeChannel, Timeliness } from '@motcua/contracts';
import { RecordEventUseCase } from '../src/events/record-event.use-case';
import { FactsProjection } from '../src/projection/facts-projection';
import { BuildIi06aFormUseCase, brokenIi06aIdentities } from '../src/forms/build-ii06a-form.use-case';
import { Ii06aCounts } from '../src/forms/ii06a.repository';
import { receivedEvent, refusedEvent, resolvedEvent, stoppedEvent, withdrawnEvent } from './reporting-events';
import { useReportingApp } from './reporting-app';

const MIN = 60_000;
const DAY = 1440 * MIN;
const BASE = new Date('2026-03-01T00:00:00+07:00').getTime(); // local midnight
const FIELD: Record<string, string> = { '1.001193': 'HOTICH', '2.000635': 'HOTICH', '2.000908': 'CHUNGTHUC', '9.999999': 'KHAC' };

interface DossierSpec {
  procedureCode: string;
  competentIsX: boolean;
  channel: IntakeChannel;
  hasReceived: boolean;
  receivedMin: number;
  dueAfterMin: number;
  /** Distinct resolution instants (minutes after receipt): several resolutions, the latest wins. */
  resolutions: Array<{ afterMin: number; extensionMin: number; timeliness: Timeliness }>;
  redeliver: boolean;
  /** Refused, stopped or withdrawn (minutes after receipt): the dossier leaves processing unless resolved. */
  ending: { kind: 'REFUSED' | 'STOPPED' | 'WITHDRAWN'; afterMin: number } | null;
}

const dossierArb: fc.Arbitrary<DossierSpec> = fc.record({
  procedureCode: fc.constantFrom(...Object.keys(FIELD)),
  competentIsX: fc.boolean(),
  channel: fc.constantFrom<IntakeChannel>('COUNTER', 'ONLINE', 'POSTAL'),
  hasReceived: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  receivedMin: fc.integer({ min: 0, max: 30 * 1440 }),
  dueAfterMin: fc.integer({ min: 0, max: 10 * 1440 }),
  resolutions: fc.uniqueArray(
    fc.record({
      afterMin: fc.integer({ min: 0, max: 15 * 1440 }),
      extensionMin: fc.integer({ min: 0, max: 2 * 1440 }),
      timeliness: fc.constantFrom<Timeliness>('EARLY', 'ON_TIME', 'LATE'),
    }),
    { maxLength: 2, selector: (r) => r.afterMin },
  ),
  redeliver: fc.boolean(),
  ending: fc.option(
    fc.record({
      kind: fc.constantFrom<'REFUSED' | 'STOPPED' | 'WITHDRAWN'>('REFUSED', 'STOPPED', 'WITHDRAWN'),
      afterMin: fc.integer({ min: 0, max: 15 * 1440 }),
    }),
    { freq: 3 },
  ),
});

const scenarioArb = fc.record({
  dossiers: fc.array(dossierArb, { minLength: 1, maxLength: 8 }),
  order: fc.array(fc.integer(), { minLength: 40, maxLength: 40 }),
  fromDay: fc.integer({ min: 0, max: 25 }),
  days: fc.integer({ min: 1, max: 10 }),
});

const localDate = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);

/** What the form must say, from the final facts of each dossier (independent of event order). */
function model(dossiers: DossierSpec[], start: number, end: number): Map<string, Ii06aCounts> {
  const rows = new Map<string, Ii06aCounts>();
  for (const d of dossiers) {
    if (!d.hasReceived || !d.competentIsX) continue;
    const received = BASE + d.receivedMin * MIN;
    const last = [...d.resolutions].sort((a, b) => b.afterMin - a.afterMin)[0];
    const due = received + d.dueAfterMin * MIN + (last ? last.extensionMin * MIN : 0);
    // a refusal, stop or withdrawal ends an unresolved dossier: resolved on time if not after the appointment, late otherwise
    const endedAt = d.ending ? received + d.ending.afterMin * MIN : null;
    const resolvedAt = last ? received + last.afterMin * MIN : endedAt;
    const timeliness: Timeliness | null = last ? last.timeliness : endedAt === null ? null : endedAt <= due ? 'ON_TIME' : 'LATE';
    if (received >= end || (resolvedAt !== null && resolvedAt < start)) continue;
    const field = FIELD[d.procedureCode];
    const r = rows.get(field) ?? {
      received: { total: 0, online: 0, directOrPostal: 0, carriedOver: 0 },
      resolved: { total: 0, early: 0, onTime: 0, late: 0 },
      inProgress: { total: 0, withinDeadline: 0, overdue: 0 },
    };
    rows.set(field, r);
    r.received.total++;
    if (received < start) r.received.carriedOver++;
    else if (d.channel === 'ONLINE') r.received.online++;
    else r.received.directOrPostal++;
    if (resolvedAt !== null && resolvedAt < end) {
      r.resolved.total++;
      r.resolved[timeliness === 'EARLY' ? 'early' : timeliness === 'ON_TIME' ? 'onTime' : 'late']++;
    } else {
      r.inProgress.total++;
      r.inProgress[due >= end ? 'withinDeadline' : 'overdue']++;
    }
  }
  return rows;
}

describe('form II.06a as a property over random event sequences', () => {
  const { app } = useReportingApp('reporting_prop', { authJwtSecret: 'prop-secret' });

  it('holds the identities on every row and the total, and matches the final facts whatever the order', async () => {
    const record = app.get(RecordEventUseCase);
    const build = app.get(BuildIi06aFormUseCase);
    const projection = app.get(FactsProjection);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ dossiers, order, fromDay, days }) => {
        run++; // each run (shrinks included) has agencies and dossier codes of its own
        const X = `000.${String(run % 100).padStart(2, '0')}.${String(Math.floor(run / 100)).padStart(2, '0')}.X01`;
        const Y = X.replace('X01', 'Y01');
        const events: EventEnvelope<object>[] = [];
        dossiers.forEach((d, i) => {
          const code = `${X}-260301-${String(i).padStart(4, '0')}`;
          const competent = d.competentIsX ? X : Y;
          const received = BASE + d.receivedMin * MIN;
          const due = received + d.dueAfterMin * MIN;
          if (d.hasReceived) {
            events.push(
              receivedEvent({
                code,
                procedureCode: d.procedureCode,
                receiving: Y,
                competent,
                channel: d.channel,
                receivedAt: new Date(received).toISOString(),
                appointmentAt: new Date(due).toISOString(),
              }),
            );
          }
          for (const r of d.resolutions) {
            events.push(
              resolvedEvent({
                code,
                by: competent,
                resolvedAt: new Date(received + r.afterMin * MIN).toISOString(),
                appointmentAt: new Date(due + r.extensionMin * MIN).toISOString(),
                timeliness: r.timeliness,
              }),
            );
          }
          if (d.ending) {
            const endedAt = new Date(received + d.ending.afterMin * MIN).toISOString();
            events.push(
              d.ending.kind === 'REFUSED'
                ? refusedEvent(code, competent, endedAt)
                : d.ending.kind === 'STOPPED'
                  ? stoppedEvent(code, competent, endedAt)
                  : withdrawnEvent(code, endedAt),
            );
          }
          if (d.redeliver && events.length) events.push(events[events.length - 1]);
        });
        const shuffled = events.map((e, i) => ({ e, k: order[i % order.length] * 64 + i })).sort((a, b) => a.k - b.k);
        for (const { e } of shuffled) await record.execute(e);
        await projection.catchUp();

        const start = BASE + fromDay * DAY;
        const end = start + days * DAY;
        const form = await build.execute({
          agencyCode: X,
          from: localDate(start),
          to: localDate(end - DAY),
          start: new Date(start),
          end: new Date(end),
          asOf: new Date(end),
        });
        for (const row of [...form.rows, form.total]) expect(brokenIi06aIdentities(row)).toEqual([]);
        const expected = model(dossiers, start, end);
        expect(Object.fromEntries(form.rows.map(({ fieldCode, fieldName: _name, ...c }) => [fieldCode, c]))).toEqual(
          Object.fromEntries(expected),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('the identity check can fail', () => {
    const c: Ii06aCounts = {
      received: { total: 3, online: 1, directOrPostal: 1, carriedOver: 0 },
      resolved: { total: 2, early: 1, onTime: 0, late: 0 },
      inProgress: { total: 1, withinDeadline: 0, overdue: 0 },
    };
    expect(brokenIi06aIdentities(c)).toEqual([
      'received = online + directOrPostal + carriedOver',
      'resolved = early + onTime + late',
      'inProgress = withinDeadline + overdue',
    ]);
  });
});
