import { defaultLegalClock, toLocalIso } from '@motcua/calendar';
import {
  DOSSIER_RESOLVED,
  DOSSIER_SUPPLEMENT_RECEIVED,
  PROCESSING_OVERDUE,
  PROCESSING_RESUMED,
  PROCESSING_SUPPLEMENT_REQUESTED,
} from '@motcua/contracts';
import { expectEventually, makeEnvelope } from '@motcua/testing';
import { eventsOf, LINKED_PROCEDURE, received, USERS, useRouting } from './routing-test-kit';

const clock = defaultLegalClock();
const seconds = (iso: string) => toLocalIso(new Date(Math.floor(new Date(iso).getTime() / 1000) * 1000));

describe('supplements pause the legal clock; every action has one winner', () => {
  const { bus, events, api, sql } = useRouting('routing_clock');

  const supplementReceived = (code: string, receivedAt: Date) =>
    makeEnvelope(DOSSIER_SUPPLEMENT_RECEIVED, { dossierCode: code, receivedAt: receivedAt.toISOString() }, { source: 'intake' });

  it('a supplement pauses the clock; on receipt the dossier and step due instants move by the paused working time', async () => {
    const e = received();
    await bus.publish([e]);
    const code = e.data.dossierCode;
    const task = await api.taskFor(USERS.justice, code);
    const paused = await api
      .act(USERS.justice, task.id, 'request-supplement', { reason: 'Thiếu Giấy chứng sinh', items: ['Giấy chứng sinh (bản chính)'] })
      .expect(200);
    expect(paused.body.status).toBe('PAUSED');
    const [requested] = await eventsOf(events, PROCESSING_SUPPLEMENT_REQUESTED, code);
    expect(requested.data).toMatchObject({ stepId: task.id, supplementNumber: 1, items: ['Giấy chứng sinh (bản chính)'] });
    // waiting for the citizen: not in the open inbox, and no action is possible
    expect((await api.inbox(USERS.justice)).find((t) => t.id === task.id)).toBeUndefined();
    const blocked = await api.act(USERS.justice, task.id, 'complete', { resultSummary: 'x' }).expect(409);
    expect(blocked.body.error.code).toBe('ROUTING.DOSSIER_PAUSED');

    const [{ paused_at: pausedAt, due_at: dossierDue }] = await sql<{ paused_at: Date; due_at: Date }>(
      'SELECT paused_at, due_at FROM workflow_instance WHERE dossier_code = $1',
      [code],
    );
    // the citizen comes back ten calendar days later (weekends and holidays in between count nothing; ten days span even Tết)
    const receivedAt = new Date(pausedAt.getTime() + 10 * 86_400_000);
    const pausedMinutes = Math.round(clock.workingMinutesBetween(pausedAt, receivedAt));
    expect(pausedMinutes).toBeGreaterThan(0);
    await bus.publish([supplementReceived(code, receivedAt)]);
    const [resumed] = await eventsOf(events, PROCESSING_RESUMED, code);
    const newDue = clock.addWorkingMinutes(dossierDue, pausedMinutes);
    expect(resumed.data).toEqual({
      dossierCode: code,
      resumedAt: receivedAt.toISOString(),
      pausedWorkingMinutes: pausedMinutes,
      appointmentAt: newDue.toISOString(),
    });
    const reopened = await api.taskFor(USERS.justice, code);
    expect(reopened.id).toBe(task.id);
    expect(reopened.dueAt).toBe(seconds(clock.addWorkingMinutes(new Date(task.dueAt), pausedMinutes).toISOString()));

    // a copy of the event (or one without a pending request) moves nothing
    const copy = supplementReceived(code, new Date(receivedAt.getTime() + 86_400_000));
    await bus.publish([copy]);
    await expectEventually(async () => expect(await sql('SELECT 1 FROM inbox_message WHERE message_id = $1', [copy.id])).toHaveLength(1));
    expect(events.filter((x) => x.type === PROCESSING_RESUMED && x.correlationId === code)).toHaveLength(1);
    const slip = (await api.slip(USERS.justice, code).expect(200)).body;
    expect(slip.appointmentAt).toBe(toLocalIso(newDue));
    expect(slip.pausedWorkingMinutes).toBe(pausedMinutes);
    expect(slip.handOvers.map((h: { kind: string }) => h.kind)).toEqual(['RECEIVED', 'SUPPLEMENT_REQUESTED', 'SUPPLEMENT_RECEIVED']);
    expect(slip.handOvers[2]).toMatchObject({ giver: { id: 'citizen', name: 'Công dân' }, receiver: { agencyCode: task.agencyCode } });

    await api.act(USERS.justice, task.id, 'complete', { resultSummary: 'Đã cấp Giấy khai sinh' }).expect(200);
    const [resolved] = await eventsOf(events, DOSSIER_RESOLVED, code);
    expect(resolved.data).toMatchObject({ appointmentAt: newDue.toISOString(), timeliness: 'EARLY' });
  });

  it('a second supplement request makes the dossier count as late', async () => {
    const e = received();
    await bus.publish([e]);
    const code = e.data.dossierCode;
    const task = await api.taskFor(USERS.justice, code);
    for (const n of [1, 2]) {
      await api.act(USERS.justice, task.id, 'request-supplement', { reason: `Lần ${n}: thiếu giấy tờ` }).expect(200);
      await eventsOf(events, PROCESSING_SUPPLEMENT_REQUESTED, code, n);
      await bus.publish([supplementReceived(code, new Date())]);
      await eventsOf(events, PROCESSING_RESUMED, code, n);
      await api.taskFor(USERS.justice, code);
    }
    expect(
      events.filter((x) => x.type === PROCESSING_SUPPLEMENT_REQUESTED && x.correlationId === code).map((x) => x.data.supplementNumber),
    ).toEqual([1, 2]);
    await api.act(USERS.justice, task.id, 'complete', { resultSummary: 'Đã cấp Giấy khai sinh' }).expect(200);
    const [resolved] = await eventsOf(events, DOSSIER_RESOLVED, code);
    expect(resolved.data.timeliness).toBe('LATE');
  });

  it.each([
    ['complete', { resultSummary: 'Đã cấp' }, 'ROUTING.TASK_NOT_OPEN'],
    ['forward', { note: 'Chuyển phê duyệt' }, 'ROUTING.TASK_NOT_OPEN'],
    // the winner paused the dossier: the loser learns that it waits for the citizen
    ['request-supplement', { reason: 'Thiếu giấy tờ' }, 'ROUTING.DOSSIER_PAUSED'],
    ['refuse', { reason: 'Không đủ điều kiện' }, 'ROUTING.TASK_NOT_OPEN'],
    ['return', { toStepKey: 'khai-sinh', reason: 'Sai thông tin' }, 'ROUTING.TASK_NOT_OPEN'],
  ])('two people acting at once on one task (%s): one wins, the other gets 409', async (action, body, conflict) => {
    const linked = action === 'forward' || action === 'return';
    const e = linked ? received({ procedureCode: LINKED_PROCEDURE, procedureName: 'Liên thông' }) : received();
    await bus.publish([e]);
    const code = e.data.dossierCode;
    let [one, two] = [USERS.justice, USERS.justice2];
    let task = await api.taskFor(USERS.justice, code);
    if (action === 'return') {
      // returning needs an earlier step: act at the approval
      await api.act(USERS.justice, task.id, 'forward', {}).expect(200);
      task = await api.taskFor(USERS.approver, code, 'duyet-khai-sinh');
      [one, two] = [USERS.approver, USERS.approver2];
    }
    const [a, b] = await Promise.all([api.act(one, task.id, action, body), api.act(two, task.id, action, body)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error.code).toBe(conflict);
  });

  it('dead-letters a supplement event that breaks its contract', async () => {
    await bus.publish([makeEnvelope(DOSSIER_SUPPLEMENT_RECEIVED, { dossierCode: 'bad-supplement', receivedAt: 'yesterday' })]);
    await expectEventually(async () => {
      const dead = await bus.peekDeadLetters('routing');
      expect(dead.some((d) => (d.envelope as { data: { dossierCode: string } }).data.dossierCode === 'bad-supplement')).toBe(true);
    });
  });

  it('fires processing.overdue once when an open step passes its due instant; a step finished in time never fires', async () => {
    const late = received({ appointmentAt: new Date(Date.now() + 300).toISOString() });
    const done = received({ appointmentAt: new Date(Date.now() + 600).toISOString() });
    await bus.publish([late, done]);
    const doneTask = await api.taskFor(USERS.justice, done.data.dossierCode);
    await api.act(USERS.justice, doneTask.id, 'complete', { resultSummary: 'Đã cấp' }).expect(200);
    const [overdue] = await eventsOf(events, PROCESSING_OVERDUE, late.data.dossierCode);
    expect(overdue.data).toMatchObject({ dueAt: late.data.appointmentAt });
    await expectEventually(async () => {
      const rows = await sql<{ outcome: string }>("SELECT outcome FROM step_timer WHERE dossier_code = $1 AND kind = 'OVERDUE'", [
        done.data.dossierCode,
      ]);
      expect(rows).toEqual([{ outcome: 'SKIPPED' }]);
    });
    expect(events.filter((x) => x.type === PROCESSING_OVERDUE && x.correlationId === done.data.dossierCode)).toHaveLength(0);
    expect(events.filter((x) => x.type === PROCESSING_OVERDUE && x.correlationId === late.data.dossierCode)).toHaveLength(1);
  });
});
