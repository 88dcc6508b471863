import { DataSource } from 'typeorm';
import { EventEnvelope } from '@motcua/contracts';
import { expectEventually } from '@motcua/testing';
import { FactSnapshots, lastLocalMidnight } from '../src/facts/fact-snapshots';
import { FactsView } from '../src/facts/facts-view';
import { Ii06aRepository } from '../src/forms/ii06a.repository';
import { at, notificationSentEvent, receivedEvent, resolvedEvent, withdrawnEvent } from './reporting-events';
import { useReportingApp } from './reporting-app';

/*
 * "As of" from a snapshot: the facts as of T built from the latest snapshot cut at or before T plus the events
 * it lacks equal the facts replayed from the whole log, for instants before, at and after the cut — including
 * events that occurred before the cut but were logged after the snapshot was taken.
 */
const X = '000.71.00.H56';
const Z = '000.72.00.H56';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASE = new Date('2026-04-01T00:00:00+07:00').getTime();
const CUT = new Date(BASE + 10 * DAY); // 11/04 00:00 local
const iso = (ms: number) => new Date(ms).toISOString();

/** 40 dossiers over 20 days; each event dated when it occurred. */
function dossierEvents(from: number, to: number): EventEnvelope<object>[] {
  const events: EventEnvelope<object>[] = [];
  for (let i = from; i < to; i++) {
    const code = `${X}-260401-${String(i).padStart(4, '0')}`;
    const received = BASE + (i % 20) * DAY + 8 * HOUR + i * 60_000;
    const due = received + 3 * DAY;
    events.push(
      at(
        receivedEvent({
          code,
          procedureCode: '1.001193',
          receiving: X,
          competent: i % 2 ? X : Z,
          channel: i % 2 ? 'ONLINE' : 'COUNTER',
          receivedAt: iso(received),
          appointmentAt: iso(due),
        }),
        iso(received),
      ),
      notificationSentEvent(code, iso(received + HOUR)),
    );
    if (i % 3) {
      const when = received + (i % 5) * DAY;
      events.push(
        at(
          resolvedEvent({ code, by: X, resolvedAt: iso(when), appointmentAt: iso(due), timeliness: i % 5 > 3 ? 'LATE' : 'EARLY' }),
          iso(when),
        ),
      );
    } else if (i % 6 === 0) {
      events.push(at(withdrawnEvent(code, iso(received + DAY)), iso(received + DAY)));
    }
  }
  return events;
}

describe('reporting: "as of" from fact snapshots', () => {
  const { app, bus } = useReportingApp('reporting_snapshots', { authJwtSecret: 'snapshot-secret', snapshotCheckMinutes: 0 });

  it('snapshot + the events it lacks = replay of the log, before, at and after the cut, late events included', async () => {
    const ds = app.get(DataSource);
    const logged = async (n: number) =>
      expectEventually(async () =>
        expect(((await ds.query(`SELECT count(*)::int AS n FROM event_log`)) as Array<{ n: number }>)[0].n).toBe(n),
      );
    const all = dossierEvents(0, 40);
    // logged before the snapshot: everything except a handful held back (a late resolution and message dated before the cut)
    const late = all.filter((e, i) => i % 11 === 5 && new Date(e.occurredAt) <= CUT);
    expect(late.length).toBeGreaterThan(2);
    const first = all.filter((e) => !late.includes(e));
    await bus.publish(first);
    await logged(first.length);

    const snapshots = app.get(FactSnapshots);
    const taken = await snapshots.take(CUT);
    expect(taken.source).toEqual({ snapshotId: null, events: first.filter((e) => new Date(e.occurredAt) <= CUT).length });

    await bus.publish(late);
    await logged(all.length);

    const view = app.get(FactsView);
    const facts = (m: { query: DataSource['query'] }) => m.query(`SELECT * FROM dossier_fact ORDER BY dossier_code`);
    const form = new Ii06aRepository();
    for (const asOf of [
      new Date(CUT.getTime() - DAY - 5 * HOUR),
      CUT,
      new Date(CUT.getTime() + 2 * HOUR),
      new Date(CUT.getTime() + 7 * DAY),
    ]) {
      const replayed = await view.read(asOf, facts, { snapshots: false });
      expect(view.lastSource?.snapshotId).toBeNull();
      const fromSnapshot = await view.read(asOf, facts);
      expect(view.lastSource?.snapshotId).toBe(asOf < CUT ? null : taken.id);
      expect(fromSnapshot).toEqual(replayed);
      const start = new Date(BASE);
      const end = new Date(BASE + 20 * DAY);
      expect(await view.read(asOf, (m) => form.rowsByField(m, [X], start, end, asOf))).toEqual(
        await view.read(asOf, (m) => form.rowsByField(m, [X], start, end, asOf), { snapshots: false }),
      );
      // scoped to one agency: only its snapshot rows (and those the later events touch) are restored
      const ofX = (m: { query: DataSource['query'] }) =>
        m.query(`SELECT * FROM dossier_fact WHERE competent_agency_code = $1 ORDER BY dossier_code`, [X]);
      const scoped = await view.read(asOf, ofX, { agencyCode: X });
      expect(scoped).toEqual(await view.read(asOf, ofX, { snapshots: false }));
      expect(await view.read(asOf, (m) => form.rowsByField(m, [X], start, end, asOf), { agencyCode: X })).toEqual(
        await view.read(asOf, (m) => form.rowsByField(m, [X], start, end, asOf), { snapshots: false }),
      );
      if (asOf >= CUT) {
        const restored = await view.read(asOf, (m) => m.query(`SELECT count(*)::int AS n FROM dossier_fact`), { agencyCode: X });
        expect(restored[0].n).toBeLessThan((replayed as unknown[]).length);
      }
    }
    // at the cut, the snapshot alone lacks the late events: they were folded on top of it
    await view.read(CUT, async () => undefined);
    expect(view.lastSource).toEqual({ snapshotId: taken.id, events: late.length });
  });

  it("takes the day's snapshot once, cut at the last local midnight, built on the previous one", async () => {
    const snapshots = app.get(FactSnapshots);
    const now = new Date('2026-04-25T10:30:00+07:00');
    const taken = await snapshots.takeDue(now);
    expect(taken?.cutAt).toEqual(new Date('2026-04-25T00:00:00+07:00'));
    expect(lastLocalMidnight(new Date('2026-04-25T23:59:00+07:00'))).toEqual(new Date('2026-04-25T00:00:00+07:00'));
    expect(await snapshots.takeDue(now)).toBeNull();
    // built from the previous snapshot (cut 11/04) plus the events since
    expect(taken?.source.snapshotId).not.toBeNull();
  });
});
