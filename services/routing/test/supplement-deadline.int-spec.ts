import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { defaultLegalClock, toLocalIso } from '@motcua/calendar';
import {
  DOSSIER_RESOLVED,
  DOSSIER_SUPPLEMENT_RECEIVED,
  PROCESSING_REFUSED,
  PROCESSING_RESUMED,
  PROCESSING_STOPPED,
  PROCESSING_SUPPLEMENT_REQUESTED,
} from '@motcua/contracts';
import { expectEventually, flat, makeEnvelope, pdfText, binaryBody } from '@motcua/testing';
import { bearer, client, eventsOf, received, RoutingInstances, startRoutingInstances, USERS } from './routing-test-kit';

/** `14:30 ngày 27/11/2026`, local time, as the forms print it. */
function viDateTime(at: Date): string {
  const [, y, mo, d, h, mi] = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(toLocalIso(at))!;
  return `${h}:${mi} ngày ${d}/${mo}/${y}`;
}

const clock = defaultLegalClock();

describe('supplement deadline and expiry, stop or refuse while paused, the second supplement, form 05', () => {
  let routing: RoutingInstances;
  let app: INestApplication;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    routing = await startRoutingInstances('routing_supplement', { TIMER_IDLE_POLL_MS: '200' });
    app = await routing.boot();
    api = client(app);
  });

  afterAll(async () => {
    await routing?.close();
  });

  const sql = <T>(q: string, params: unknown[] = []) => routing.apps[0].get(DataSource).query(q, params) as Promise<T[]>;
  const supplementReceived = (code: string, receivedAt = new Date()) =>
    makeEnvelope(DOSSIER_SUPPLEMENT_RECEIVED, { dossierCode: code, receivedAt: receivedAt.toISOString() }, { source: 'intake' });
  const pdf = (u: AuthUser, code: string) =>
    client(routing.apps[0])
      .http()
      .get(`/api/routing/v1/dossiers/${code}/stop-notice.pdf`)
      .set('Authorization', bearer(u))
      .buffer(true)
      .parse(binaryBody);
  const expiryTimers = (code: string) =>
    sql<{ outcome: string | null; fired_at: Date | null; fire_at: Date }>(
      `SELECT outcome, fired_at, fire_at FROM step_timer WHERE dossier_code = $1 AND kind = 'SUPPLEMENT_EXPIRY' ORDER BY fire_at`,
      [code],
    );
  const instanceOf = async (code: string) =>
    (
      await sql<{ status: string; supplement_due_at: Date | null; supplement_count: number; stop_reason_code: string | null }>(
        'SELECT status, supplement_due_at, supplement_count, stop_reason_code FROM workflow_instance WHERE dossier_code = $1',
        [code],
      )
    )[0];

  it('the deadline is the given instant (later than now) or the default working days; 422 for a past one, nothing stored', async () => {
    const e = received();
    await routing.bus.publish([e]);
    const code = e.data.dossierCode;
    const task = await api.taskFor(USERS.justice, code);

    const past = await api
      .act(USERS.justice, task.id, 'request-supplement', {
        reason: 'Thiếu giấy tờ',
        deadlineAt: new Date(Date.now() - 60_000).toISOString(),
      })
      .expect(422);
    expect(past.body.error).toMatchObject({
      code: 'ROUTING.SUPPLEMENT_DEADLINE_PAST',
      details: [{ field: 'deadlineAt', rule: 'afterNow' }],
    });
    const malformed = await api
      .act(USERS.justice, task.id, 'request-supplement', { reason: 'Thiếu giấy tờ', deadlineAt: 'tuần sau' })
      .expect(400);
    expect(malformed.body.error.details[0]).toMatchObject({ field: 'deadlineAt' });
    expect(await instanceOf(code)).toMatchObject({ status: 'ACTIVE', supplement_count: 0, supplement_due_at: null });
    expect(await expiryTimers(code)).toEqual([]);

    // no deadline given: SUPPLEMENT_DEADLINE_WORKING_DAYS (30) working days from the request on the legal clock
    await api.act(USERS.justice, task.id, 'request-supplement', { reason: 'Thiếu Giấy chứng sinh' }).expect(200);
    const [requested] = await eventsOf(routing.events, PROCESSING_SUPPLEMENT_REQUESTED, code);
    const requestedAt = new Date(requested.data.requestedAt as string);
    expect(requested.data.deadlineAt).toBe(clock.addWorkingDays(requestedAt, 30).toISOString());
    expect((await instanceOf(code)).supplement_due_at!.toISOString()).toBe(requested.data.deadlineAt);
    expect((await expiryTimers(code)).map((t) => [t.outcome, t.fire_at.toISOString()])).toEqual([[null, requested.data.deadlineAt]]);
    const slip = (await api.slip(USERS.justice, code).expect(200)).body;
    expect(slip.supplementDueAt).toBe(toLocalIso(new Date(requested.data.deadlineAt as string)));

    // the supplement arrives in time: the clock resumes and the deadline timer is consumed without an event
    await routing.bus.publish([supplementReceived(code)]);
    await eventsOf(routing.events, PROCESSING_RESUMED, code);
    expect(await instanceOf(code)).toMatchObject({ status: 'ACTIVE', supplement_due_at: null });
    expect((await expiryTimers(code)).map((t) => t.outcome)).toEqual(['SKIPPED']);
  });

  it('past the deadline processing stops as expired, once across a restart and two replicas; a late supplement is ignored', async () => {
    const e = received();
    await routing.bus.publish([e]);
    const code = e.data.dossierCode;
    const task = await api.taskFor(USERS.justice, code);
    const deadline = new Date(Date.now() + 2500);
    await api
      .act(USERS.justice, task.id, 'request-supplement', { reason: 'Thiếu Giấy báo tử', deadlineAt: deadline.toISOString() })
      .expect(200);
    const [requested] = await eventsOf(routing.events, PROCESSING_SUPPLEMENT_REQUESTED, code);
    expect(requested.data.deadlineAt).toBe(deadline.toISOString());

    // the service stops with the timer pending; two replicas start
    await routing.stop(app);
    await routing.boot();
    await routing.boot();
    await expectEventually(async () => expect((await expiryTimers(code)).map((t) => t.outcome)).toEqual(['FIRED']), 10_000);
    // the outbox drained: what reached the bus is all there is
    await expectEventually(async () =>
      expect(await sql(`SELECT 1 FROM outbox_message WHERE payload->>'correlationId' = $1`, [code])).toHaveLength(0),
    );
    const [stopped] = await eventsOf(routing.events, PROCESSING_STOPPED, code);
    expect(stopped.data).toMatchObject({ dossierCode: code, stepId: task.id, agencyCode: task.agencyCode, stoppedBy: 'system' });
    expect(stopped.data.reasonCode).toBe('SUPPLEMENT_EXPIRED');
    expect(stopped.data.reason).toContain('Quá hạn bổ sung hồ sơ');
    expect(new Date(stopped.data.stoppedAt as string).getTime()).toBeGreaterThanOrEqual(deadline.getTime());
    expect(await instanceOf(code)).toMatchObject({ status: 'STOPPED', stop_reason_code: 'SUPPLEMENT_EXPIRED' });

    const replica = client(routing.apps[0]);
    const slip = (await replica.slip(USERS.justice, code).expect(200)).body;
    expect(slip).toMatchObject({ status: 'STOPPED', stopReasonCode: 'SUPPLEMENT_EXPIRED' });
    expect(slip.handOvers.map((h: { kind: string }) => h.kind)).toEqual(['RECEIVED', 'SUPPLEMENT_REQUESTED', 'STOPPED']);
    expect(slip.handOvers[2]).toMatchObject({ giver: { id: 'system', name: 'Hệ thống', agencyCode: task.agencyCode } });
    expect((await replica.inbox(USERS.justice, 'STOPPED')).map((t) => t.id)).toContain(task.id);

    // the citizen comes back too late, twice (and a copy): nothing reopens, nothing is published
    const late = [supplementReceived(code), supplementReceived(code)];
    await routing.bus.publish([...late, late[0]]);
    await expectEventually(async () =>
      expect(await sql('SELECT 1 FROM inbox_message WHERE message_id = ANY($1)', [late.map((l) => l.id)])).toHaveLength(2),
    );
    expect(routing.events.filter((x) => x.type === PROCESSING_RESUMED && x.correlationId === code)).toHaveLength(0);
    expect(routing.events.filter((x) => x.type === PROCESSING_STOPPED && x.correlationId === code)).toHaveLength(1);
    expect(await instanceOf(code)).toMatchObject({ status: 'STOPPED' });
    expect(await replica.inbox(USERS.justice)).not.toContainEqual(expect.objectContaining({ dossierCode: code }));

    // form 05: the notice of stopping, with the deadline that passed
    const res = await pdf(USERS.clerk, code).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = flat(pdfText(res.body as Buffer));
    expect(text).toContain('Mẫu số 05');
    expect(text).toContain('PHIẾU THÔNG BÁO DỪNG XỬ LÝ HỒ SƠ');
    expect(text).toContain('Kính gửi: Nguyễn Thị Hòa');
    expect(text).toContain(`Mã hồ sơ: ${code}`);
    expect(text).toContain(`Hạn bổ sung hồ sơ: ${viDateTime(deadline)}`);
    expect(text).toContain('Lý do: Quá hạn bổ sung hồ sơ');
    expect(text).toContain('Người lập phiếu: Hệ thống');
    expect(text).not.toContain('\uFFFD');
  });

  it('stopping or refusing a dossier paused for a supplement works and consumes the deadline timer', async () => {
    api = client(routing.apps[0]);
    const [toStop, toRefuse] = [received(), received()];
    await routing.bus.publish([toStop, toRefuse]);
    const deadlineAt = new Date(Date.now() + 60_000).toISOString();
    const ids: Record<string, string> = {};
    for (const e of [toStop, toRefuse]) {
      const task = await api.taskFor(USERS.justice, e.data.dossierCode);
      ids[e.data.dossierCode] = task.id;
      await api.act(USERS.justice, task.id, 'request-supplement', { reason: 'Thiếu giấy tờ', deadlineAt }).expect(200);
    }
    const stopCode = toStop.data.dossierCode;
    const refuseCode = toRefuse.data.dossierCode;
    // other actions still wait for the citizen; a stop needs a reason
    expect((await api.act(USERS.justice, ids[stopCode], 'complete', { resultSummary: 'x' }).expect(409)).body.error.code).toBe(
      'ROUTING.DOSSIER_PAUSED',
    );
    expect((await api.act(USERS.justice, ids[stopCode], 'stop', {}).expect(400)).body.error.details[0]).toMatchObject({ field: 'reason' });
    expect((await api.act(USERS.stranger, ids[stopCode], 'stop', { reason: 'x' })).status).toBe(404);

    const reason = 'Công dân đề nghị dừng do đã nộp hồ sơ tại cơ quan khác';
    const stopped = await api.act(USERS.justice, ids[stopCode], 'stop', { reason }).expect(200);
    expect(stopped.body.status).toBe('STOPPED');
    const [event] = await eventsOf(routing.events, PROCESSING_STOPPED, stopCode);
    expect(event.data).toMatchObject({ stoppedBy: USERS.justice.sub, reason });
    expect(event.data.reasonCode).toBeUndefined();
    expect(await instanceOf(stopCode)).toMatchObject({ status: 'STOPPED', supplement_due_at: null, stop_reason_code: null });
    const [timer] = await expiryTimers(stopCode);
    expect(timer.outcome).toBe('SKIPPED');
    expect(timer.fired_at).not.toBeNull(); // consumed now: the worker never claims it at the deadline
    // a second stop on the closed task, and a supplement arriving after the stop, change nothing
    expect((await api.act(USERS.justice, ids[stopCode], 'stop', { reason }).expect(409)).body.error.code).toBe('ROUTING.TASK_NOT_OPEN');
    const late = supplementReceived(stopCode);
    await routing.bus.publish([late]);
    await expectEventually(async () => expect(await sql('SELECT 1 FROM inbox_message WHERE message_id = $1', [late.id])).toHaveLength(1));
    expect(routing.events.filter((x) => x.type === PROCESSING_RESUMED && x.correlationId === stopCode)).toHaveLength(0);

    await api.act(USERS.justice, ids[refuseCode], 'refuse', { reason: 'Người yêu cầu không có quyền' }).expect(200);
    await eventsOf(routing.events, PROCESSING_REFUSED, refuseCode);
    expect((await expiryTimers(refuseCode)).map((t) => t.outcome)).toEqual(['SKIPPED']);
    expect(await instanceOf(refuseCode)).toMatchObject({ status: 'REFUSED' });

    // form 05 of the stop by staff: the reason and who stopped it; only staff of the dossier's agencies; only when stopped
    const text = flat(pdfText((await pdf(USERS.centre, stopCode).expect(200)).body as Buffer));
    expect(text).toContain('PHIẾU THÔNG BÁO DỪNG XỬ LÝ HỒ SƠ');
    expect(text).toContain(`Lý do: ${reason}`);
    expect(text).toContain(`Người lập phiếu: ${USERS.justice.name}`);
    expect(text).not.toContain('Hạn bổ sung hồ sơ');
    expect((await pdf(USERS.stranger, stopCode)).status).toBe(404);
    const notStopped = await pdf(USERS.clerk, refuseCode).expect(404);
    expect(JSON.parse((notStopped.body as Buffer).toString()).error.code).toBe('ROUTING.STOP_NOTICE_NOT_FOUND');
  });

  it('a second supplement needs a reason (400, nothing stored) and makes the dossier count as late', async () => {
    api = client(routing.apps[0]);
    const e = received();
    await routing.bus.publish([e]);
    const code = e.data.dossierCode;
    const task = await api.taskFor(USERS.justice, code);
    await api.act(USERS.justice, task.id, 'request-supplement', { reason: 'Lần 1: thiếu Giấy chứng sinh' }).expect(200);
    await routing.bus.publish([supplementReceived(code)]);
    await eventsOf(routing.events, PROCESSING_RESUMED, code);
    await api.taskFor(USERS.justice, code);

    for (const body of [{}, { reason: '' }, { items: ['Giấy chứng nhận kết hôn'] }]) {
      const res = await api.act(USERS.justice, task.id, 'request-supplement', body).expect(400);
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ field: 'reason' }));
    }
    expect(await instanceOf(code)).toMatchObject({ status: 'ACTIVE', supplement_count: 1 });
    const slip = (await api.slip(USERS.justice, code).expect(200)).body;
    expect(slip.handOvers.filter((h: { kind: string }) => h.kind === 'SUPPLEMENT_REQUESTED')).toHaveLength(1);

    await api.act(USERS.justice, task.id, 'request-supplement', { reason: 'Lần 2: giấy chứng nhận kết hôn bị mờ' }).expect(200);
    const requests = await eventsOf(routing.events, PROCESSING_SUPPLEMENT_REQUESTED, code, 2);
    expect(requests.map((r) => r.data.supplementNumber)).toEqual([1, 2]);
    await routing.bus.publish([supplementReceived(code)]);
    await eventsOf(routing.events, PROCESSING_RESUMED, code, 2);
    await api.taskFor(USERS.justice, code);
    await api.act(USERS.justice, task.id, 'complete', { resultSummary: 'Đã cấp Giấy khai sinh' }).expect(200);
    const [resolved] = await eventsOf(routing.events, DOSSIER_RESOLVED, code);
    // finished well before the appointment, yet late: the second supplement request
    expect(resolved.data.timeliness).toBe('LATE');
  });
});
