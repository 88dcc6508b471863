import { DOSSIER_RESOLVED, PROCESSING_STEP_COMPLETED, PROCESSING_STEP_STARTED } from '@motcua/contracts';
import { bearer, CENTRE, COMMUNE, eventsOf, POLICE, received, SOCIAL_INSURANCE, USERS, useRouting } from './routing-test-kit';

const DEATH_PROCEDURE = 'LT.KT-XTT-MT';
const POSTAL_ADDRESS = {
  recipientName: 'Nguyễn Thị Hòa',
  phone: '0912345678',
  line: 'Số 12 Lê Lợi',
  communeCode: '16279',
  provinceCode: '38',
};

type SlipLine = { kind: string; toStep: { key: string | null } | null; fromStep: { key: string } | null; note: string | null };

describe('optional steps by condition', () => {
  const { bus, events, api, sql } = useRouting('routing_conditions');

  const publish = (procedure: string, body: object) =>
    api.http().post(`/api/routing/v1/workflows/${procedure}/versions`).set('Authorization', bearer(USERS.admin)).send(body);
  const step = (key: string, over: object = {}) => ({
    key,
    name: `Bước ${key}`,
    agency: { rule: 'competentAgency' },
    role: 'SPECIALIST',
    ...over,
  });
  const slipOf = async (code: string) => (await api.slip(USERS.admin, code).expect(200)).body.handOvers as SlipLine[];
  const taskRows = (code: string) =>
    sql<{ step_key: string; status: string }>('SELECT step_key, status FROM task WHERE dossier_code = $1 ORDER BY started_at, step_key', [
      code,
    ]);

  it('validates a condition when the definition is saved: 400 naming the path and the rule, nothing stored', async () => {
    const procedure = '1.000656';
    const cases: Array<[object[], string, string]> = [
      [[step('a', { condition: { field: 'hoTen', eq: 'x' } }), step('b', { after: ['a'] })], 'steps.0.condition.field', 'knownField'],
      [
        [
          step('a'),
          step('b', { after: ['a'], condition: { all: [{ field: 'channel', eq: 'ONLINE' }, { field: 'channel' }] } }),
          step('c', { after: ['b'] }),
        ],
        'steps.1.condition.all.1',
        'oneOperator',
      ],
      [
        [step('a', { condition: { any: [{ field: 'channel', lt: 'ONLINE' }] } }), step('b', { after: ['a'] })],
        'steps.0.condition.any.0.lt',
        'comparable',
      ],
      [
        [step('a', { condition: { field: 'resultDeliveryMethod', in: [] } }), step('b', { after: ['a'] })],
        'steps.0.condition.in',
        'isScalarArray',
      ],
      [[step('a', { condition: 'POST' }), step('b', { after: ['a'] })], 'steps.0.condition', 'isObject'],
      // the last step gives the result: it always runs
      [
        [step('a'), step('b', { after: ['a'], condition: { field: 'resultDeliveryMethod', eq: 'POST' } })],
        'steps.1.condition',
        'unconditionalLastStep',
      ],
    ];
    for (const [steps, field, rule] of cases) {
      const res = await publish(procedure, { name: 'x', steps }).expect(400);
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    }
    await api.http().get(`/api/routing/v1/workflows/${procedure}/versions`).set('Authorization', bearer(USERS.admin)).expect(404);
  });

  it('a parallel branch skipped by its condition: the join waits only for the branch that runs; the slip shows the skip', async () => {
    const procedure = '2.000528';
    const condition = {
      all: [
        { field: 'resultDeliveryMethod', eq: 'POST' },
        { field: 'deliveryAddress.provinceCode', exists: true },
      ],
    };
    const created = await publish(procedure, {
      name: 'Liên thông thử nghiệm có nhánh theo điều kiện',
      steps: [
        step('tiep-nhan'),
        step('thuong-tru', { agency: { code: POLICE }, after: ['tiep-nhan'] }),
        step('chuyen-phat', { agency: { code: SOCIAL_INSURANCE }, after: ['tiep-nhan'], condition }),
        step('tra-ket-qua', { agency: { rule: 'receivingAgency' }, after: ['thuong-tru', 'chuyen-phat'] }),
      ],
    }).expect(201);
    expect(created.body.steps[2].condition).toEqual(condition);

    // at the counter: the postal branch does not run
    const counter = received({ procedureCode: procedure, procedureName: 'Thử nghiệm' });
    // by post: both branches run
    const post = received({
      procedureCode: procedure,
      procedureName: 'Thử nghiệm',
      resultDelivery: 'POST',
      deliveryAddress: POSTAL_ADDRESS,
    });
    await bus.publish([counter, post]);
    for (const e of [counter, post]) {
      const first = await api.taskFor(USERS.justice, e.data.dossierCode, 'tiep-nhan');
      await api.act(USERS.justice, first.id, 'forward', { note: 'Chuyển liên thông' }).expect(200);
    }

    const code = counter.data.dossierCode;
    const [completed] = await eventsOf(events, PROCESSING_STEP_COMPLETED, code);
    expect(completed.data.nextStepKeys).toEqual(['thuong-tru']);
    const residence = await api.taskFor(USERS.police, code, 'thuong-tru');
    expect((await api.inbox(USERS.insurance)).filter((t) => t.dossierCode === code)).toEqual([]);
    expect(await taskRows(code)).toEqual(
      expect.arrayContaining([
        { step_key: 'chuyen-phat', status: 'SKIPPED' },
        { step_key: 'thuong-tru', status: 'OPEN' },
      ]),
    );
    await api.act(USERS.police, residence.id, 'forward', { note: 'Đã đăng ký thường trú' }).expect(200);
    const join = await api.taskFor(USERS.centre, code, 'tra-ket-qua');
    await api.act(USERS.centre, join.id, 'complete', { resultSummary: 'Đã trả kết quả' }).expect(200);
    await eventsOf(events, DOSSIER_RESOLVED, code);
    const lines = await slipOf(code);
    expect(lines.map((l) => [l.kind, l.fromStep?.key ?? null, l.toStep?.key ?? null])).toEqual([
      ['RECEIVED', null, 'tiep-nhan'],
      ['FORWARDED', 'tiep-nhan', 'thuong-tru'],
      ['SKIPPED', 'tiep-nhan', 'chuyen-phat'],
      // the skipped branch reaches the join as well; it waits for the police
      ['FORWARDED', 'tiep-nhan', 'tra-ket-qua'],
      ['FORWARDED', 'thuong-tru', 'tra-ket-qua'],
      ['RESOLVED', 'tra-ket-qua', null],
    ]);
    expect(lines[2].note).toContain('Bỏ qua');
    // a skipped step never ran: nothing to return to
    const again = received({ procedureCode: procedure, procedureName: 'Thử nghiệm' });
    await bus.publish([again]);
    const t = await api.taskFor(USERS.justice, again.data.dossierCode, 'tiep-nhan');
    await api.act(USERS.justice, t.id, 'forward', {}).expect(200);
    const r = await api.taskFor(USERS.police, again.data.dossierCode, 'thuong-tru');
    await api.act(USERS.police, r.id, 'forward', {}).expect(200);
    const j = await api.taskFor(USERS.centre, again.data.dossierCode, 'tra-ket-qua');
    const bad = await api.act(USERS.centre, j.id, 'return', { toStepKey: 'chuyen-phat', reason: 'Thiếu' }).expect(422);
    expect(bad.body.error.code).toBe('ROUTING.RETURN_TARGET_INVALID');

    // by post: the join waits for both branches
    const postCode = post.data.dossierCode;
    const branch = await api.taskFor(USERS.insurance, postCode, 'chuyen-phat');
    const police = await api.taskFor(USERS.police, postCode, 'thuong-tru');
    await api.act(USERS.insurance, branch.id, 'forward', {}).expect(200);
    expect((await api.inbox(USERS.centre)).filter((x) => x.dossierCode === postCode)).toEqual([]);
    await api.act(USERS.police, police.id, 'forward', {}).expect(200);
    await api.taskFor(USERS.centre, postCode, 'tra-ket-qua');
    expect((await slipOf(postCode)).filter((l) => l.kind === 'SKIPPED')).toEqual([]);
  });

  it('the seeded death-registration flow skips digitisation for an online dossier and runs it for one handed in on paper', async () => {
    const list = await api.http().get('/api/routing/v1/workflows').set('Authorization', bearer(USERS.admin)).expect(200);
    const seed = (list.body as Array<{ procedureCode: string; version: number; steps: Array<{ key: string; condition?: object }> }>).find(
      (d) => d.procedureCode === DEATH_PROCEDURE,
    );
    expect(seed).toMatchObject({ version: 1 });
    expect(seed!.steps[0]).toMatchObject({ key: 'so-hoa', condition: { field: 'channel', in: ['COUNTER', 'POSTAL'] } });

    const online = received({ procedureCode: DEATH_PROCEDURE, procedureName: 'Liên thông khai tử', channel: 'ONLINE' });
    const paper = received({ procedureCode: DEATH_PROCEDURE, procedureName: 'Liên thông khai tử', channel: 'COUNTER' });
    await bus.publish([online, paper]);

    const death = await api.taskFor(USERS.justice, online.data.dossierCode, 'khai-tu');
    expect(death.agencyCode).toBe(COMMUNE);
    const [started] = await eventsOf(events, PROCESSING_STEP_STARTED, online.data.dossierCode);
    expect(started.data.stepId).toBe(death.id);
    expect((await slipOf(online.data.dossierCode)).map((l) => [l.kind, l.toStep?.key])).toEqual([
      ['SKIPPED', 'so-hoa'],
      ['RECEIVED', 'khai-tu'],
    ]);

    const scan = await api.taskFor(USERS.centre, paper.data.dossierCode, 'so-hoa');
    expect(scan.agencyCode).toBe(CENTRE);
    expect((await api.inbox(USERS.justice)).filter((t) => t.dossierCode === paper.data.dossierCode)).toEqual([]);
    await api.act(USERS.centre, scan.id, 'forward', { note: 'Đã số hóa' }).expect(200);
    await api.taskFor(USERS.justice, paper.data.dossierCode, 'khai-tu');
    expect((await slipOf(paper.data.dossierCode)).map((l) => l.kind)).toEqual(['RECEIVED', 'FORWARDED']);
  });
});
