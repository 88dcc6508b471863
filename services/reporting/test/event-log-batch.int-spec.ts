import { BUILT_IN_SCHEDULES } from '@motcua/calendar';
import { CALENDAR_YEAR_SCHEDULE_REPLACED } from '@motcua/contracts';
import { WorkingCalendarService } from '@motcua/platform';
import { expectEventually, makeEnvelope } from '@motcua/testing';
import { reportingConfigFromEnv } from '../src';
import { EVENT_LOG_BATCH } from '../src/events/event-log.controller';
import { receivedEvent } from './reporting-events';
import { useReportingApp } from './reporting-app';

const builtIn2026 = BUILT_IN_SCHEDULES.find((s) => s.year === 2026)!;

describe('reporting logs the events it consumes in batches', () => {
  const under = useReportingApp('reporting_batch', { authJwtSecret: 'batch-secret' });

  it('takes more deliveries in flight than a batch holds', () => {
    expect(reportingConfigFromEnv({}, { databaseUrl: under.db.url, authJwtSecret: 'batch-secret' }).busPrefetch).toBeGreaterThan(
      EVENT_LOG_BATCH.maxMessages,
    );
  });

  it('appends a burst in a few transactions, each event once, and still applies a year schedule inside a batch', async () => {
    const events = Array.from({ length: 450 }, (_, i) =>
      receivedEvent({
        code: `000.00.06.H56-260302-${String(i).padStart(4, '0')}`,
        procedureCode: '1.001193',
        receiving: '000.00.06.H56',
        competent: '000.21.01.H56',
        channel: 'COUNTER',
        receivedAt: '2026-03-02T08:00:00+07:00',
        appointmentAt: '2026-03-05T08:00:00+07:00',
      }),
    );
    const schedule = makeEnvelope(
      CALENDAR_YEAR_SCHEDULE_REPLACED,
      {
        year: 2026,
        daysOff: [...builtIn2026.daysOff, '2026-03-03'].sort(),
        extraWorkingDays: builtIn2026.extraWorkingDays,
        replacedAt: '2026-11-25T03:00:00.000Z',
      },
      { source: 'intake' },
    );
    // duplicates of the first ten: in the same publish (possibly the same batch) and again afterwards
    await under.bus.publish([...events.slice(0, 200), schedule, ...events.slice(0, 10), ...events.slice(200)]);
    await under.bus.publish(events.slice(0, 10));
    await expectEventually(async () => expect((await under.ds.query(`SELECT count(*)::int AS n FROM event_log`))[0].n).toBe(451));
    await expectEventually(() => expect(under.bus.queueDepth('reporting')).toBe(0));
    const [{ ids, txs }] = (await under.ds.query(
      `SELECT count(DISTINCT id)::int AS ids, count(DISTINCT tx_id)::int AS txs FROM event_log`,
    )) as {
      ids: number;
      txs: number;
    }[];
    expect(ids).toBe(451);
    // at most 200 per batch: 451 events need at least 3 transactions; one per event would be 451
    expect(txs).toBeGreaterThanOrEqual(3);
    expect(txs).toBeLessThan(50);
    expect((await under.ds.query(`SELECT count(*)::int AS n FROM inbox_message`))[0].n).toBe(0);
    expect(under.app.get(WorkingCalendarService).clock().isWorkingDay('2026-03-03')).toBe(false);
    expect(await under.bus.peekDeadLetters('reporting')).toEqual([]);
  });
});

describe('reporting wakes its projector once the appending transaction has committed', () => {
  // no idle poll to fall back on: only the wake-up after the commit can apply the events
  const under = useReportingApp('reporting_kick', { authJwtSecret: 'kick-secret', projectionIdlePollMs: 600_000, projectionDelayMs: 0 });

  it('applies every burst without waiting for a poll', async () => {
    for (const burst of [0, 1, 2]) {
      const events = Array.from({ length: 30 }, (_, i) =>
        receivedEvent({
          code: `000.00.06.H56-260303-${burst}${String(i).padStart(3, '0')}`,
          procedureCode: '1.001193',
          receiving: '000.00.06.H56',
          competent: '000.21.01.H56',
          channel: 'COUNTER',
          receivedAt: '2026-03-03T08:00:00+07:00',
          appointmentAt: '2026-03-05T08:00:00+07:00',
        }),
      );
      await under.bus.publish(events);
      await expectEventually(
        async () => expect((await under.ds.query(`SELECT count(*)::int AS n FROM dossier_fact`))[0].n).toBe(30 * (burst + 1)),
        5_000,
      );
    }
    expect((await under.ds.query(`SELECT count(*)::int AS n FROM event_log WHERE NOT projected`))[0].n).toBe(0);
  });
});
