import { DataSource } from 'typeorm';
import { defaultLegalClock } from '@motcua/calendar';
import {
  DOSSIER_RESOLVED,
  PROCESSING_REFUSED,
  PROCESSING_STEP_COMPLETED,
  PROCESSING_STEP_RETURNED,
  PROCESSING_STEP_STARTED,
} from '@motcua/contracts';
import { expectEventually } from '@motcua/testing';
import {
  bearer,
  CENTRE,
  COMMUNE,
  eventsOf,
  LINKED_PROCEDURE,
  POLICE,
  received,
  SOCIAL_INSURANCE,
  TaskView,
  USERS,
  useRouting,
} from './routing-test-kit';

const clock = defaultLegalClock();
const LOCAL_MINUTE = /^\d{4}-\d\d-\d\dT\d\d:\d\d\+07:00$/;
const dropMs = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);
const localIsoSeconds = (d: Date) => new Date(dropMs(d).getTime() + 7 * 3_600_000).toISOString().replace('.000Z', '+07:00');

describe('workflow definitions and the linked birth / residence / health-insurance flow', () => {
  const { app, bus, events, api } = useRouting('routing_wf');

  /** Receives a dossier of the linked procedure and walks it to the two parallel branches. */
  async function toParallelBranches() {
    const e = received({ procedureCode: LINKED_PROCEDURE, procedureName: 'Liên thông khai sinh, thường trú, thẻ BHYT' });
    await bus.publish([e]);
    const code = e.data.dossierCode;
    const birth = await api.taskFor(USERS.justice, code, 'khai-sinh');
    await api.act(USERS.justice, birth.id, 'forward', { note: 'Đã đăng ký khai sinh' }).expect(200);
    const approval = await api.taskFor(USERS.approver, code, 'duyet-khai-sinh');
    await api.act(USERS.approver, approval.id, 'forward', { note: 'Đã ký Giấy khai sinh' }).expect(200);
    const residence = await api.taskFor(USERS.police, code, 'thuong-tru');
    const card = await api.taskFor(USERS.insurance, code, 'the-bhyt');
    return { e, code, birth, approval, residence, card };
  }

  it('seeds the linked flow as version 1; administrators and supervisors read definitions, others may not', async () => {
    const list = await api.http().get('/api/routing/v1/workflows').set('Authorization', bearer(USERS.admin)).expect(200);
    const linked = (list.body as Array<{ procedureCode: string; version: number; steps: Array<{ key: string }> }>).find(
      (d) => d.procedureCode === LINKED_PROCEDURE,
    );
    expect(linked).toMatchObject({ version: 1 });
    expect(linked!.steps.map((s) => s.key)).toEqual(['khai-sinh', 'duyet-khai-sinh', 'thuong-tru', 'the-bhyt', 'tra-ket-qua']);
    await api
      .http()
      .get(`/api/routing/v1/workflows/${LINKED_PROCEDURE}/versions`)
      .set('Authorization', bearer(USERS.supervisor))
      .expect(200);
    await api.http().get('/api/routing/v1/workflows').set('Authorization', bearer(USERS.justice)).expect(403);
    // 1.001193 has no definition of its own: the built-in one-step workflow applies
    await api.http().get('/api/routing/v1/workflows/1.001193/versions').set('Authorization', bearer(USERS.admin)).expect(404);
  });

  it('runs justice → approval → police ∥ social insurance → join at the centre → resolved, on the legal clock', async () => {
    const e = received({ procedureCode: LINKED_PROCEDURE, procedureName: 'Liên thông khai sinh, thường trú, thẻ BHYT' });
    await bus.publish([e]);
    const code = e.data.dossierCode;

    const birth = await api.taskFor(USERS.justice, code, 'khai-sinh');
    expect(birth).toMatchObject({ agencyCode: COMMUNE, role: 'SPECIALIST', attempt: 1 });
    // budget of 1 working day from the start, on the holiday calendar
    expect(birth.dueAt).toBe(localIsoSeconds(clock.addWorkingDays(new Date(birth.startedAt), 1)));
    // inboxes are per agency and role: the approver does not see the specialist's step, other agencies nothing
    expect((await api.inbox(USERS.approver)).find((t) => t.dossierCode === code)).toBeUndefined();
    expect((await api.inbox(USERS.police)).find((t) => t.dossierCode === code)).toBeUndefined();

    await api.act(USERS.justice, birth.id, 'forward', { note: 'Đã đăng ký khai sinh' }).expect(200);
    const approval = await api.taskFor(USERS.approver, code, 'duyet-khai-sinh');
    expect(approval).toMatchObject({ role: 'APPROVER', agencyCode: COMMUNE });
    expect(approval.dueAt).toBe(localIsoSeconds(clock.addWorkingMinutes(new Date(approval.startedAt), 4 * 60)));
    // an approval step belongs to the approver role
    const wrongRole = await api.act(USERS.justice, approval.id, 'forward', {}).expect(403);
    expect(wrongRole.body.error.code).toBe('ROUTING.ROLE_NOT_ALLOWED');

    await api.act(USERS.approver, approval.id, 'forward', { note: 'Đã ký' }).expect(200);
    const residence = await api.taskFor(USERS.police, code, 'thuong-tru');
    const card = await api.taskFor(USERS.insurance, code, 'the-bhyt');
    expect(residence.agencyCode).toBe(POLICE);
    expect(card.agencyCode).toBe(SOCIAL_INSURANCE);
    expect((await api.inbox(USERS.police)).filter((t) => t.dossierCode === code)).toHaveLength(1);
    const [approvalDone] = (await eventsOf(events, PROCESSING_STEP_COMPLETED, code, 2)).filter((x) => x.data.stepKey === 'duyet-khai-sinh');
    expect((approvalDone.data.nextStepKeys as string[]).sort()).toEqual(['the-bhyt', 'thuong-tru']);

    // both branches finish at the same moment: the join opens exactly once
    const [a, b] = await Promise.all([
      api.act(USERS.police, residence.id, 'forward', { note: 'Đã đăng ký thường trú' }),
      api.act(USERS.insurance, card.id, 'forward', { note: 'Đã cấp thẻ BHYT' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const join = await api.taskFor(USERS.centre, code, 'tra-ket-qua');
    expect(join.agencyCode).toBe(CENTRE); // the receiving agency, by rule
    const rows = (await app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM task WHERE dossier_code = $1 AND step_key = 'tra-ket-qua'`, [code])) as Array<{ n: number }>;
    expect(rows[0].n).toBe(1);

    const last = await api.act(USERS.centre, join.id, 'forward', {}).expect(409);
    expect(last.body.error.code).toBe('ROUTING.LAST_STEP');
    expect(events.some((x) => x.type === DOSSIER_RESOLVED && x.correlationId === code)).toBe(false);
    await api.act(USERS.centre, join.id, 'complete', { resultSummary: 'Giấy khai sinh, xác nhận thường trú, thẻ BHYT' }).expect(200);
    const [resolved] = await eventsOf(events, DOSSIER_RESOLVED, code);
    expect(resolved.data).toMatchObject({
      resolvingAgencyCode: CENTRE,
      timeliness: 'EARLY',
      resultSummary: 'Giấy khai sinh, xác nhận thường trú, thẻ BHYT',
    });
    await eventsOf(events, PROCESSING_STEP_STARTED, code, 5);

    // the control slip: every hand-over to the minute, giver, receiver, agency, outcome
    const slip = await api.slip(USERS.insurance, code).expect(200);
    expect(slip.body).toMatchObject({ dossierCode: code, procedureCode: LINKED_PROCEDURE, workflowVersion: 1, status: 'RESOLVED' });
    const handOvers = slip.body.handOvers as Array<Record<string, any>>;
    expect(handOvers.map((h) => [h.kind, h.fromStep?.key ?? null, h.toStep?.key ?? null])).toEqual([
      ['RECEIVED', null, 'khai-sinh'],
      ['FORWARDED', 'khai-sinh', 'duyet-khai-sinh'],
      ['FORWARDED', 'duyet-khai-sinh', 'thuong-tru'],
      ['FORWARDED', 'duyet-khai-sinh', 'the-bhyt'],
      ...(handOvers[4].fromStep.key === 'thuong-tru'
        ? [
            ['FORWARDED', 'thuong-tru', 'tra-ket-qua'],
            ['FORWARDED', 'the-bhyt', 'tra-ket-qua'],
          ]
        : [
            ['FORWARDED', 'the-bhyt', 'tra-ket-qua'],
            ['FORWARDED', 'thuong-tru', 'tra-ket-qua'],
          ]),
      ['RESOLVED', 'tra-ket-qua', null],
    ]);
    for (const h of handOvers) expect(h.handedOverAt).toMatch(LOCAL_MINUTE);
    expect(handOvers[0]).toMatchObject({
      giver: { agencyCode: CENTRE },
      outcome: null,
      receiver: { agencyCode: COMMUNE, role: 'SPECIALIST', id: USERS.justice.sub, name: USERS.justice.name },
    });
    expect(handOvers[1]).toMatchObject({
      giver: { id: USERS.justice.sub, name: USERS.justice.name, agencyCode: COMMUNE },
      outcome: 'EARLY',
      receiver: { agencyCode: COMMUNE, role: 'APPROVER', id: USERS.approver.sub },
    });
    expect(handOvers[2]).toMatchObject({ giver: { id: USERS.approver.sub }, receiver: { agencyCode: POLICE, id: USERS.police.sub } });
    expect(handOvers[6]).toMatchObject({
      giver: { id: USERS.centre.sub, agencyCode: CENTRE },
      receiver: { agencyCode: CENTRE },
      outcome: expect.stringMatching(/^(EARLY|ON_TIME)$/), // a 4-hour step may end on its own date
    });
    // scoping: agencies the dossier passed through (and the receiving counter) see it; others do not
    await api.slip(USERS.clerk, code).expect(200);
    const hidden = await api.slip(USERS.stranger, code).expect(404);
    expect(hidden.body.error.code).toBe('ROUTING.DOSSIER_NOT_FOUND');
    await api.slip(USERS.admin, code).expect(200);
    const bad = await api.slip(USERS.clerk, 'not-a-code').expect(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'code', rule: 'isDossierCode' });
  });

  it('returns to an earlier step: the branch in parallel closes, the step opens again as a new attempt', async () => {
    const { code, residence, card } = await toParallelBranches();
    const notEarlier = await api.act(USERS.police, residence.id, 'return', { toStepKey: 'the-bhyt', reason: 'Nhầm bước' }).expect(422);
    expect(notEarlier.body.error).toMatchObject({
      code: 'ROUTING.RETURN_TARGET_INVALID',
      details: [{ field: 'toStepKey', rule: 'earlierStep' }],
    });
    const missing = await api.act(USERS.police, residence.id, 'return', { toStepKey: 'khai-sinh' }).expect(400);
    expect(missing.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));

    await api.act(USERS.police, residence.id, 'return', { toStepKey: 'khai-sinh', reason: 'Sai địa chỉ thường trú của mẹ' }).expect(200);
    const [returned] = await eventsOf(events, PROCESSING_STEP_RETURNED, code);
    expect(returned.data).toMatchObject({
      stepKey: 'thuong-tru',
      toStepKey: 'khai-sinh',
      toAgencyCode: COMMUNE,
      reason: 'Sai địa chỉ thường trú của mẹ',
    });
    // the parallel branch was closed: acting on it is a conflict
    const closed = await api.act(USERS.insurance, card.id, 'forward', {}).expect(409);
    expect(closed.body.error.code).toBe('ROUTING.TASK_NOT_OPEN');
    expect((await api.inbox(USERS.insurance, 'CANCELLED')).some((t) => t.id === card.id)).toBe(true);
    expect((await api.inbox(USERS.police, 'RETURNED')).find((t) => t.id === residence.id)).toMatchObject({ outcome: 'EARLY' });
    const again = await api.taskFor(USERS.justice, code, 'khai-sinh');
    expect(again.attempt).toBe(2);

    // the dossier goes through again: both branches open as second attempts
    await api.act(USERS.justice, again.id, 'forward', {}).expect(200);
    const approval = await api.taskFor(USERS.approver, code, 'duyet-khai-sinh');
    expect(approval.attempt).toBe(2);
    await api.act(USERS.approver, approval.id, 'forward', {}).expect(200);
    expect((await api.taskFor(USERS.police, code, 'thuong-tru')).attempt).toBe(2);
    expect((await api.taskFor(USERS.insurance, code, 'the-bhyt')).attempt).toBe(2);
    const slip = (await api.slip(USERS.police, code).expect(200)).body.handOvers as Array<Record<string, any>>;
    expect(slip.find((h) => h.kind === 'RETURNED')).toMatchObject({
      giver: { id: USERS.police.sub, agencyCode: POLICE },
      receiver: { agencyCode: COMMUNE, role: 'SPECIALIST', id: USERS.justice.sub },
      note: 'Sai địa chỉ thường trú của mẹ',
      outcome: 'EARLY',
    });
  });

  it('refuses with a reason: processing ends and the other open branch closes', async () => {
    const { code, residence, card } = await toParallelBranches();
    await api.act(USERS.insurance, card.id, 'refuse', {}).expect(400);
    await api.act(USERS.insurance, card.id, 'refuse', { reason: 'Trẻ đã có thẻ BHYT còn hạn' }).expect(200);
    const [refused] = await eventsOf(events, PROCESSING_REFUSED, code);
    expect(refused.data).toMatchObject({
      agencyCode: SOCIAL_INSURANCE,
      refusedBy: USERS.insurance.sub,
      reason: 'Trẻ đã có thẻ BHYT còn hạn',
    });
    await api.act(USERS.police, residence.id, 'forward', {}).expect(409);
    const slip = (await api.slip(USERS.insurance, code).expect(200)).body;
    expect(slip.status).toBe('REFUSED');
    expect(slip.handOvers.at(-1)).toMatchObject({ kind: 'REFUSED', receiver: { agencyCode: CENTRE }, note: 'Trẻ đã có thẻ BHYT còn hạn' });
    expect(events.some((x) => x.type === DOSSIER_RESOLVED && x.correlationId === code)).toBe(false);
  });

  it('an administrator publishes a new version; a running dossier keeps the version it started with', async () => {
    const procedure = '2.000635';
    const v1 = {
      name: 'Cấp bản sao trích lục hộ tịch (hai bước)',
      steps: [
        { key: 'xu-ly', name: 'Xử lý', agency: { rule: 'competentAgency' }, role: 'SPECIALIST', budget: { workingHours: 4 } },
        {
          key: 'ky',
          name: 'Ký duyệt',
          agency: { rule: 'competentAgency' },
          role: 'APPROVER',
          budget: { workingHours: 2 },
          after: ['xu-ly'],
        },
      ],
    };
    const created = await api
      .http()
      .post(`/api/routing/v1/workflows/${procedure}/versions`)
      .set('Authorization', bearer(USERS.admin))
      .send(v1)
      .expect(201);
    expect(created.body).toMatchObject({ procedureCode: procedure, version: 1, createdBy: USERS.admin.sub });
    const first = received({ procedureCode: procedure, procedureName: 'Cấp bản sao trích lục hộ tịch' });
    await bus.publish([first]);
    const firstTask = await api.taskFor(USERS.justice, first.data.dossierCode, 'xu-ly');

    const v2 = {
      name: 'Cấp bản sao trích lục hộ tịch (một bước tại trung tâm)',
      steps: [
        { key: 'tai-trung-tam', name: 'Xử lý tại trung tâm', agency: { code: CENTRE }, role: 'SPECIALIST', budget: { workingDays: 1 } },
      ],
    };
    const second = await api
      .http()
      .post(`/api/routing/v1/workflows/${procedure}/versions`)
      .set('Authorization', bearer(USERS.admin))
      .send(v2)
      .expect(201);
    expect(second.body.version).toBe(2);
    const later = received({ procedureCode: procedure, procedureName: 'Cấp bản sao trích lục hộ tịch' });
    await bus.publish([later]);
    await api.taskFor(USERS.centre, later.data.dossierCode, 'tai-trung-tam');

    // the first dossier goes on with version 1: its next step is v1's approval
    await api.act(USERS.justice, firstTask.id, 'forward', {}).expect(200);
    await api.taskFor(USERS.approver, first.data.dossierCode, 'ky');
    expect((await api.slip(USERS.justice, first.data.dossierCode).expect(200)).body.workflowVersion).toBe(1);
    expect((await api.slip(USERS.centre, later.data.dossierCode).expect(200)).body.workflowVersion).toBe(2);
    const versions = await api
      .http()
      .get(`/api/routing/v1/workflows/${procedure}/versions`)
      .set('Authorization', bearer(USERS.admin))
      .expect(200);
    expect((versions.body as Array<{ version: number }>).map((v) => v.version)).toEqual([1, 2]);
  });

  it('refuses an invalid definition naming field and rule, stores nothing; only administrators publish', async () => {
    const procedure = '1.000894';
    const post = (u: typeof USERS.admin, body: object) =>
      api.http().post(`/api/routing/v1/workflows/${procedure}/versions`).set('Authorization', bearer(u)).send(body);
    const step = (key: string, over: object = {}) => ({ key, name: key, agency: { rule: 'competentAgency' }, role: 'SPECIALIST', ...over });
    const cases: Array<[object, string, string]> = [
      [{ name: 'x', steps: [step('a'), step('a', { after: ['a'] })] }, 'steps.1.key', 'uniqueStepKey'],
      [{ name: 'x', steps: [step('a', { after: ['b'] }), step('b')] }, 'steps.0.after.0', 'earlierStep'],
      [{ name: 'x', steps: [step('a'), step('b')] }, 'steps', 'singleLastStep'],
      [{ name: 'x', steps: [step('a', { agency: { code: '12.34' } })] }, 'steps.0.agency.code', 'isAgencyCode'],
      [{ name: 'x', steps: [step('a', { agency: { code: CENTRE, rule: 'receivingAgency' } })] }, 'steps.0.agency', 'agencyCodeOrRule'],
      [{ name: 'x', steps: [step('a', { budget: { workingDays: 0 } })] }, 'steps.0.budget', 'positiveBudget'],
      [{ name: 'x', steps: [step('a', { role: 'POSTMAN' })] }, 'steps.0.role', 'isIn'],
      [{ name: 'x', steps: [] }, 'steps', 'arrayMinSize'],
      [{ name: 'x', steps: [step('Ă b')] }, 'steps.0.key', 'matches'],
    ];
    for (const [body, field, rule] of cases) {
      const res = await post(USERS.admin, body).expect(400);
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    }
    await post(USERS.supervisor, { name: 'x', steps: [step('a')] }).expect(403);
    await api.http().get(`/api/routing/v1/workflows/${procedure}/versions`).set('Authorization', bearer(USERS.admin)).expect(404);
    const badCode = await api
      .http()
      .post('/api/routing/v1/workflows/bad%20code!/versions')
      .set('Authorization', bearer(USERS.admin))
      .send({ name: 'x', steps: [step('a')] })
      .expect(400);
    expect(badCode.body.error.details[0]).toMatchObject({ field: 'procedureCode', rule: 'isProcedureCode' });
  });

  it('keeps 1.001193 on the built-in one step at the competent agency', async () => {
    const e = received();
    await bus.publish([e]);
    const task: TaskView = await api.taskFor(USERS.justice, e.data.dossierCode);
    expect(task).toMatchObject({
      stepKey: 'resolve',
      agencyCode: COMMUNE,
      role: 'SPECIALIST',
      dueAt: localIsoSeconds(new Date(e.data.appointmentAt)),
    });
    await api.act(USERS.justice, task.id, 'complete', { resultSummary: 'Đã cấp Giấy khai sinh' }).expect(200);
    await eventsOf(events, DOSSIER_RESOLVED, e.data.dossierCode);
    await expectEventually(async () =>
      expect((await api.slip(USERS.justice, e.data.dossierCode).expect(200)).body.workflowVersion).toBeNull(),
    );
  });
});
