import { AuthUser } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { DOSSIER_RESOLVED, PROCESSING_EXTENDED, PROCESSING_OVERDUE, PROCESSING_STEP_STARTED, PROCESSING_STOPPED } from '@motcua/contracts';
import { expectEventually, flat, pdfText, binaryBody } from '@motcua/testing';
import { bearer, COMMUNE, eventsOf, received, USERS, useRouting } from './routing-test-kit';

/** `14:30 ngày 27/11/2026`, local time, as the letters print it. */
function viDateTime(at: Date): string {
  const [, y, mo, d, h, mi] = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(toLocalIso(at))!;
  return `${h}:${mi} ngày ${d}/${mo}/${y}`;
}

const otherSupervisor: AuthUser = { sub: 'gs9', name: 'Phan Văn Lộc', roles: ['SUPERVISOR'], agencyCode: '000.21.02.H56' };

describe('task inboxes (claim, assign, release), stop, extension with the apology, control slip PDF', () => {
  const { bus, events, api, sql } = useRouting('routing_work', { TIMER_IDLE_POLL_MS: '200' });
  const pdf = (u: AuthUser, path: string) => api.http().get(path).set('Authorization', bearer(u)).buffer(true).parse(binaryBody);

  it('two people claiming one task: one wins, the other gets 409; only the holder acts; release and supervisor assignment', async () => {
    const e = received();
    await bus.publish([e]);
    const task = await api.taskFor(USERS.justice, e.data.dossierCode);

    const [a, b] = await Promise.all([api.act(USERS.justice, task.id, 'claim'), api.act(USERS.justice2, task.id, 'claim')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [USERS.justice, USERS.justice2] : [USERS.justice2, USERS.justice];
    const lost = a.status === 200 ? b : a;
    expect(lost.body.error.code).toBe('ROUTING.TASK_ASSIGNED_TO_OTHER');
    expect((a.status === 200 ? a : b).body.assignee).toMatchObject({ id: winner.sub, name: winner.name });

    // claiming again is harmless for the holder; the others cannot act, claim or release
    expect((await api.act(winner, task.id, 'claim')).status).toBe(200);
    const blocked = await api.act(loser, task.id, 'complete', { resultSummary: 'Đã cấp' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('ROUTING.TASK_ASSIGNED_TO_OTHER');
    expect((await api.act(loser, task.id, 'release')).status).toBe(409);

    // the inbox filters: mine / nobody's
    const mine = (u: AuthUser, q: string) => api.http().get(`/api/routing/v1/tasks?assignee=${q}`).set('Authorization', bearer(u));
    expect((await mine(winner, 'me')).body.map((t: { id: string }) => t.id)).toContain(task.id);
    expect((await mine(loser, 'me')).body.map((t: { id: string }) => t.id)).not.toContain(task.id);
    expect((await mine(loser, 'none')).body.map((t: { id: string }) => t.id)).not.toContain(task.id);
    const bogus = await mine(loser, 'bogus');
    expect(bogus.status).toBe(400);
    expect(bogus.body.error.details.map((d: { field: string }) => d.field)).toContain('assignee');

    const released = await api.act(winner, task.id, 'release').expect(200);
    expect(released.body.assignee).toBeNull();
    expect((await api.act(winner, task.id, 'release')).body.error.code).toBe('ROUTING.TASK_NOT_CLAIMED');

    // a supervisor assigns it to a named specialist of the agency; only a supervisor may, only at their agency
    expect((await api.act(USERS.justice, task.id, 'assign', { assigneeId: 'tp2', assigneeName: 'Vũ Thị Hạnh' })).status).toBe(403);
    expect((await api.act(otherSupervisor, task.id, 'assign', { assigneeId: 'tp2', assigneeName: 'Vũ Thị Hạnh' })).status).toBe(404);
    const invalid = await api.act(USERS.supervisor, task.id, 'assign', { assigneeName: 'Vũ Thị Hạnh' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { field: string }) => d.field)).toContain('assigneeId');
    const assigned = await api
      .act(USERS.supervisor, task.id, 'assign', { assigneeId: USERS.justice2.sub, assigneeName: USERS.justice2.name })
      .expect(200);
    expect(assigned.body.assignee).toMatchObject({ id: USERS.justice2.sub, name: USERS.justice2.name });
    expect((await api.act(USERS.justice, task.id, 'claim')).status).toBe(409);
    await api.act(USERS.justice2, task.id, 'complete', { resultSummary: 'Đã cấp Giấy khai sinh' }).expect(200);
    expect((await api.act(USERS.justice2, task.id, 'claim')).body.error.code).toBe('ROUTING.TASK_NOT_OPEN');

    // the slip names the person who took the step over
    const slip = (await api.slip(USERS.justice, e.data.dossierCode).expect(200)).body;
    expect(slip.handOvers[0].receiver).toMatchObject({ id: winner.sub, name: winner.name });
  });

  it('stop processing: the reason is required, processing ends, processing.stopped is published, a second actor gets 409', async () => {
    const e = received();
    await bus.publish([e]);
    const task = await api.taskFor(USERS.justice, e.data.dossierCode);
    const missing = await api.act(USERS.justice, task.id, 'stop', {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { field: string }) => d.field)).toContain('reason');

    const reason = 'Công dân đề nghị dừng do đã nộp tại cơ quan khác';
    const [a, b] = await Promise.all([
      api.act(USERS.justice, task.id, 'stop', { reason }),
      api.act(USERS.justice2, task.id, 'stop', { reason }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 200 ? a : b).body.status).toBe('STOPPED');
    const [stopped] = await eventsOf(events, PROCESSING_STOPPED, e.data.dossierCode);
    expect(stopped.data).toMatchObject({ dossierCode: e.data.dossierCode, stepId: task.id, agencyCode: COMMUNE, reason });
    const [instance] = await sql<{ status: string; stop_reason: string }>(
      'SELECT status, stop_reason FROM workflow_instance WHERE dossier_code = $1',
      [e.data.dossierCode],
    );
    expect(instance).toEqual({ status: 'STOPPED', stop_reason: reason });
    const slip = (await api.slip(USERS.justice, e.data.dossierCode).expect(200)).body;
    expect(slip.handOvers.at(-1)).toMatchObject({ kind: 'STOPPED', note: reason });
    expect((await api.act(USERS.justice, task.id, 'complete', { resultSummary: 'x' })).status).toBe(409);
  });

  it('an extension before the appointment: 422 unless later and in time; then the apology PDF, processing.extended and moved due instants', async () => {
    const appointment = new Date(Date.now() + 1500);
    const e = received({ appointmentAt: appointment.toISOString() });
    await bus.publish([e]);
    const code = e.data.dossierCode;
    const task = await api.taskFor(USERS.justice, code);

    const earlier = await api.act(USERS.justice, task.id, 'request-extension', {
      reason: 'Chờ xác minh',
      newAppointmentAt: new Date(appointment.getTime() - 60_000).toISOString(),
    });
    expect(earlier.status).toBe(422);
    expect(earlier.body.error.details).toEqual([expect.objectContaining({ field: 'newAppointmentAt', rule: 'afterCurrentAppointment' })]);
    const noReason = await api.act(USERS.justice, task.id, 'request-extension', { newAppointmentAt: '2026-12-31T16:00:00+07:00' });
    expect(noReason.status).toBe(400);
    expect((await sql('SELECT id FROM processing_extension WHERE dossier_code = $1', [code])).length).toBe(0);

    const newAppointment = new Date(Math.ceil((Date.now() + 3 * 86_400_000) / 60_000) * 60_000);
    const reason = 'Chờ kết quả xác minh của Công an xã';
    const ok = await api
      .act(USERS.justice, task.id, 'request-extension', { reason, newAppointmentAt: newAppointment.toISOString() })
      .expect(201);
    expect(ok.body).toMatchObject({ dossierCode: code, reason, newAppointmentAt: toLocalIso(newAppointment) });

    const [extended] = await eventsOf(events, PROCESSING_EXTENDED, code);
    expect(extended.data).toMatchObject({
      dossierCode: code,
      extensionId: ok.body.id,
      stepId: task.id,
      previousAppointmentAt: appointment.toISOString(),
      newAppointmentAt: newAppointment.toISOString(),
      reason,
    });
    expect((await api.taskFor(USERS.justice, code)).dueAt).toBe(toLocalIso(newAppointment));
    const slip = (await api.slip(USERS.justice, code).expect(200)).body;
    expect(slip.appointmentAt).toBe(toLocalIso(newAppointment));
    expect(slip.handOvers.at(-1)).toMatchObject({ kind: 'EXTENDED', note: reason });

    // the timer armed for the old appointment is stale: no overdue event; the new one waits for the new appointment
    await expectEventually(async () => {
      const rows = await sql<{ outcome: string | null; fire_at: Date }>(
        `SELECT outcome, fire_at FROM step_timer WHERE dossier_code = $1 AND kind = 'OVERDUE' ORDER BY fire_at`,
        [code],
      );
      expect(rows.map((r) => [r.outcome, new Date(r.fire_at).getTime()])).toEqual([
        ['SKIPPED', appointment.getTime()],
        [null, newAppointment.getTime()],
      ]);
    }, 8000);
    expect(events.filter((x) => x.type === PROCESSING_OVERDUE && x.correlationId === code)).toHaveLength(0);

    // the apology letter, Vietnamese, for staff of the dossier's agencies only
    const res = await pdf(USERS.clerk, ok.body.letter).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = flat(pdfText(res.body as Buffer));
    expect(text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Kính gửi: Nguyễn Thị Hòa');
    expect(text).toContain(`Mã hồ sơ: ${code}`);
    expect(text).toContain(`Lý do chậm trả kết quả: ${reason}`);
    expect(text).toContain(`Ngày hẹn trả kết quả mới: ${viDateTime(newAppointment)}`);
    expect(text).toContain(`Ngày hẹn trả kết quả trước đây: ${viDateTime(appointment)}`);
    expect(text).not.toContain('\uFFFD');
    expect((await pdf(USERS.stranger, ok.body.letter)).status).toBe(404);
    expect((await pdf(USERS.clerk, `/api/routing/v1/dossiers/${code}/extensions/00000000-0000-4000-8000-000000000000.pdf`)).status).toBe(
      404,
    );
  });

  it('an extension requested after the appointment passed is refused with 422, nothing stored', async () => {
    const e = received({ appointmentAt: new Date(Date.now() - 60_000).toISOString() });
    await bus.publish([e]);
    const task = await api.taskFor(USERS.justice, e.data.dossierCode);
    const late = await api.act(USERS.justice, task.id, 'request-extension', {
      reason: 'Chờ xác minh',
      newAppointmentAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(late.status).toBe(422);
    expect(late.body.error.details).toEqual([expect.objectContaining({ field: 'newAppointmentAt', rule: 'requestedBeforeAppointment' })]);
    expect((await sql('SELECT id FROM processing_extension WHERE dossier_code = $1', [e.data.dossierCode])).length).toBe(0);
    expect(events.filter((x) => x.type === PROCESSING_EXTENDED && x.correlationId === e.data.dossierCode)).toHaveLength(0);
  });

  it('the control slip as a Vietnamese PDF: every hand-over with time to the minute, giver, receiver and outcome', async () => {
    const e = received();
    await bus.publish([e]);
    const code = e.data.dossierCode;
    const task = await api.taskFor(USERS.justice, code);
    await api.act(USERS.justice, task.id, 'complete', { resultSummary: 'Đã cấp Giấy khai sinh' }).expect(200);
    const json = (await api.slip(USERS.justice, code).expect(200)).body;
    expect(json.handOvers.map((h: { kind: string }) => h.kind)).toEqual(['RECEIVED', 'RESOLVED']);

    const res = await pdf(USERS.justice, `/api/routing/v1/dossiers/${code}/control-slip.pdf`).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = flat(pdfText(res.body as Buffer));
    expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain(`Mã hồ sơ: ${code}`);
    expect(text).toContain('Thủ tục: Đăng ký khai sinh (1.001193)');
    expect(text).toContain('Bộ phận tiếp nhận và trả kết quả');
    expect(text).toContain(USERS.justice.name);
    expect(text).toContain('Trước hạn');
    for (const h of json.handOvers as Array<{ handedOverAt: string }>) expect(text).toContain(viDateTime(new Date(h.handedOverAt)));
    expect(text).not.toContain('\uFFFD');
    expect((await pdf(USERS.stranger, `/api/routing/v1/dossiers/${code}/control-slip.pdf`)).status).toBe(404);
  });

  it('the seeded land-use flow runs through the commune, the land registration office and the tax authority', async () => {
    const landOffice = (sub: string, roles: AuthUser['roles']): AuthUser => ({
      sub,
      name: `Cán bộ ${sub}`,
      roles,
      agencyCode: '000.00.14.H56',
    });
    const tax: AuthUser = { sub: 'thue1', name: 'Lý Thị Ngân', roles: ['SPECIALIST'], agencyCode: '000.00.40.H56' };
    const e = received({ procedureCode: 'LT.DD-GCN', procedureName: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu' });
    const code = e.data.dossierCode;
    await bus.publish([e]);
    const path: Array<[AuthUser, string]> = [
      [USERS.justice, 'xac-nhan-xa'],
      [landOffice('vpdk1', ['SPECIALIST']), 'dang-ky-dat-dai'],
      [tax, 'nghia-vu-tai-chinh'],
      [landOffice('vpdk2', ['APPROVER']), 'ky-giay-chung-nhan'],
    ];
    for (const [user, step] of path) {
      const task = await api.taskFor(user, code, step);
      await api.act(user, task.id, 'forward', { note: `Xong bước ${step}` }).expect(200);
    }
    const last = await api.taskFor(USERS.centre, code, 'tra-ket-qua');
    await api.act(USERS.centre, last.id, 'complete', { resultSummary: 'Đã ký Giấy chứng nhận' }).expect(200);
    await eventsOf(events, DOSSIER_RESOLVED, code);
    await eventsOf(events, PROCESSING_STEP_STARTED, code, 5);
    const slip = (await api.slip(tax, code).expect(200)).body;
    expect(slip.workflowVersion).toBe(1);
    expect(slip.handOvers.map((h: { kind: string; receiver: { agencyCode: string } }) => [h.kind, h.receiver.agencyCode])).toEqual([
      ['RECEIVED', COMMUNE],
      ['FORWARDED', '000.00.14.H56'],
      ['FORWARDED', '000.00.40.H56'],
      ['FORWARDED', '000.00.14.H56'],
      ['FORWARDED', e.data.receivingAgencyCode],
      ['RESOLVED', e.data.receivingAgencyCode],
    ]);
  });
});
