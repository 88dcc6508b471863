/*
 * Routing on a real RabbitMQ broker (no in-process bus): the service booted with `rabbitmqUrl` and a unique
 * `busPrefix`; a third party publishes `dossier.received` and `dossier.supplement-received` with a raw amqplib
 * client, and reads what routing publishes from a queue of its own bound to the service's exchange. Every staff
 * action (claim and assign, forward into parallel branches, return, refuse, stop, extension, supplement) and every
 * timer (supplement deadline, due-soon reminder, overdue, escalation) is observed on the broker.
 */
import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'crypto';
import {
  DOSSIER_RESOLVED,
  DOSSIER_SUPPLEMENT_RECEIVED,
  EventEnvelope,
  PROCESSING_DUE_SOON,
  PROCESSING_ESCALATED,
  PROCESSING_EXTENDED,
  PROCESSING_REFUSED,
  PROCESSING_STEP_COMPLETED,
  PROCESSING_STEP_RETURNED,
  PROCESSING_STEP_STARTED,
  PROCESSING_STOPPED,
  POSTAL_TRANSFER_DELIVERED,
  POSTAL_TRANSFER_HANDED_OVER,
} from '@motcua/contracts';
import { createServiceApp } from '@motcua/platform';
import {
  createTestDatabase,
  expectEventually,
  makeEnvelope,
  TestDatabase,
  THIRD_PARTY_RABBITMQ_URL,
  ThirdPartyBroker,
} from '@motcua/testing';
import { ROUTING_SERVICE, RoutingModule, routingConfigFromEnv } from '../src';
import { CENTRE, client, COMMUNE, LINKED_PROCEDURE, POLICE, received, SECRET, SOCIAL_INSURANCE, USERS } from './routing-test-kit';

jest.setTimeout(20_000);

/** Reminder 2 s before a step's due instant, escalation 1 s after it. */
const TIMING = { TIMER_IDLE_POLL_MS: '200', REMINDER_LEAD_SECONDS: '2', ESCALATION_AFTER_SECONDS: '1' };

describe('routing over RabbitMQ (raw amqplib third party)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let broker: ThirdPartyBroker;

  beforeAll(async () => {
    db = await createTestDatabase('routing_rabbitmq');
    broker = await ThirdPartyBroker.connect('routing', ['processing.#', 'dossier.resolved']);

    const config = routingConfigFromEnv(
      { LOG_LEVEL: 'silent', ...TIMING },
      { databaseUrl: db.url, authJwtSecret: SECRET, rabbitmqUrl: THIRD_PARTY_RABBITMQ_URL, busPrefix: broker.prefix },
    );
    app = await createServiceApp(RoutingModule.forRoot(config), ROUTING_SERVICE);
    // routing's own queue is bound once it consumes
    await broker.serviceQueueReady();
  });

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await db?.drop();
  });

  it('dossier.received from the broker opens tasks; actions, the supplement round trip and the timers publish to the broker', async () => {
    const api = client(app);
    // one due in two seconds (its overdue timer fires), one to act on, one whose supplement deadline passes
    const soon = received({ appointmentAt: new Date(Date.now() + 2000).toISOString() });
    const worked = received();
    const expiring = received();
    for (const e of [soon, worked, expiring]) await broker.publish(e as EventEnvelope);

    const [soonTask, task, expTask] = await Promise.all(
      [soon, worked, expiring].map((e) => api.taskFor(USERS.justice, e.data.dossierCode as string)),
    );
    const code = worked.data.dossierCode as string;
    const [started] = await broker.onBroker('processing.step-started', code);
    expect(started).toMatchObject({ source: 'routing', correlationId: code, data: { stepId: task.id, agencyCode: task.agencyCode } });

    // an action: supplement requested → the citizen's supplement arrives through the broker → resumed → completed
    await api.act(USERS.justice, task.id, 'request-supplement', { reason: 'Thiếu Giấy chứng sinh' }).expect(200);
    const [requested] = await broker.onBroker('processing.supplement-requested', code);
    expect(requested.data).toMatchObject({ stepId: task.id, supplementNumber: 1 });
    expect(requested.data.deadlineAt).toEqual(expect.any(String));
    await broker.publish(
      makeEnvelope(DOSSIER_SUPPLEMENT_RECEIVED, { dossierCode: code, receivedAt: new Date().toISOString() }, { source: 'intake' }),
    );
    await broker.onBroker('processing.resumed', code);
    await api.taskFor(USERS.justice, code);
    await api.act(USERS.justice, task.id, 'complete', { resultSummary: 'Đã cấp Giấy khai sinh' }).expect(200);
    const [completed] = await broker.onBroker('processing.step-completed', code);
    expect(completed.data).toMatchObject({ stepId: task.id, nextStepKeys: [] });
    const [resolved] = await broker.onBroker(DOSSIER_RESOLVED, code);
    expect(resolved.data).toMatchObject({ dossierCode: code, resultSummary: 'Đã cấp Giấy khai sinh' });

    // the supplement deadline timer: processing.stopped (expired) through the outbox
    const expCode = expiring.data.dossierCode as string;
    await api
      .act(USERS.justice, expTask.id, 'request-supplement', {
        reason: 'Thiếu giấy tờ',
        deadlineAt: new Date(Date.now() + 1000).toISOString(),
      })
      .expect(200);
    const [stopped] = await broker.onBroker('processing.stopped', expCode);
    expect(stopped.data).toMatchObject({ stepId: expTask.id, stoppedBy: 'system', reasonCode: 'SUPPLEMENT_EXPIRED' });

    // the overdue timer of the untouched step: processing.overdue through the outbox, once
    const soonCode = soon.data.dossierCode as string;
    const [overdue] = await broker.onBroker('processing.overdue', soonCode);
    expect(overdue.data).toMatchObject({ stepId: soonTask.id, dueAt: soon.data.appointmentAt });
    expect(broker.seen.filter((e) => e.type === 'processing.overdue' && e.correlationId !== soonCode)).toEqual([]);
  });

  it('a dossier.received copy redelivered by the broker opens nothing twice; a malformed one is dead-lettered', async () => {
    const api = client(app);
    const e = received() as EventEnvelope;
    const code = (e.data as { dossierCode: string }).dossierCode;
    await broker.publish(e);
    await broker.publish(e);
    await api.taskFor(USERS.justice, code);
    await broker.onBroker('processing.step-started', code);
    expect((await api.inbox(USERS.justice)).filter((t) => t.dossierCode === code)).toHaveLength(1);

    await broker.publish(makeEnvelope('dossier.received', { dossierCode: 'not-a-code' }, { source: 'intake' }));
    await expectEventually(async () => expect(await broker.deadLettered()).toBe(1), 10_000);
  });

  it('postal.transfer.handed-over and .delivered from the broker (delivered first) put the postal legs on the control slip', async () => {
    const api = client(app);
    const e = received();
    const code = e.data.dossierCode as string;
    await broker.publish(e as EventEnvelope);
    const task = await api.taskFor(USERS.justice, code);
    const transfer = {
      dossierCode: code,
      transferId: `tr-${randomBytes(4).toString('hex')}`,
      stepId: task.id,
      purpose: 'STEP',
      fromAgencyCode: CENTRE,
      toAgencyCode: COMMUNE,
      trackingNumber: 'EE555666777VN',
    };
    const receiptAt = new Date(Date.now() + 3_600_000);
    await broker.publish(
      makeEnvelope(
        POSTAL_TRANSFER_DELIVERED,
        { ...transfer, at: new Date(receiptAt.getTime() + 3_600_000).toISOString() },
        { source: 'postal-delivery' },
      ),
    );
    await broker.publish(
      makeEnvelope(POSTAL_TRANSFER_HANDED_OVER, { ...transfer, at: receiptAt.toISOString() }, { source: 'postal-delivery' }),
    );
    const lines = await expectEventually(async () => {
      const body = (await api.slip(USERS.justice, code).expect(200)).body as {
        handOvers: Array<{ kind: string; receiver: { name: string | null } }>;
      };
      if (body.handOvers.length !== 3) throw new Error(`slip lines: ${body.handOvers.length}`);
      return body.handOvers;
    }, 10_000);
    expect(lines.map((l) => l.kind)).toEqual(['RECEIVED', 'POSTAL_HANDED_OVER', 'POSTAL_DELIVERED']);
    expect(lines[1].receiver.name).toBe('Bưu điện (VNPost)');
  });
  it('claim and assign (409 for the second claimant), stop by staff and an extension publish to the broker', async () => {
    const api = client(app);
    const claimed = received();
    const extended = received({ appointmentAt: new Date(Date.now() + 60_000).toISOString() });
    await broker.publish(claimed as EventEnvelope, extended as EventEnvelope);
    const code = claimed.data.dossierCode as string;
    const task = await api.taskFor(USERS.justice, code);

    // two specialists claim at once: one wins, the other gets 409; a supervisor then assigns it to the loser
    const [a, b] = await Promise.all([api.act(USERS.justice, task.id, 'claim'), api.act(USERS.justice2, task.id, 'claim')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body.error.code).toBe('ROUTING.TASK_ASSIGNED_TO_OTHER');
    const loser = a.status === 409 ? USERS.justice : USERS.justice2;
    const assigned = await api.act(USERS.supervisor, task.id, 'assign', { assigneeId: loser.sub, assigneeName: loser.name }).expect(200);
    expect(assigned.body.assignee).toMatchObject({ id: loser.sub, name: loser.name });

    // the assignee stops processing: processing.stopped by staff (no reason code), on the broker
    const reason = 'Công dân đề nghị dừng do đã nộp tại cơ quan khác';
    await api.act(loser, task.id, 'stop', { reason }).expect(200);
    const [stopped] = await broker.onBroker(PROCESSING_STOPPED, code);
    expect(stopped).toMatchObject({ source: 'routing', correlationId: code });
    expect(stopped.data).toMatchObject({ dossierCode: code, stepId: task.id, agencyCode: COMMUNE, stoppedBy: loser.sub, reason });
    expect(stopped.data.reasonCode).toBeUndefined();

    // an extension before the appointment: processing.extended with the new appointment
    const extCode = extended.data.dossierCode as string;
    const extTask = await api.taskFor(USERS.justice, extCode);
    const newAppointment = new Date(Math.ceil((Date.now() + 3 * 86_400_000) / 60_000) * 60_000);
    const ok = await api
      .act(USERS.justice, extTask.id, 'request-extension', {
        reason: 'Chờ kết quả xác minh',
        newAppointmentAt: newAppointment.toISOString(),
      })
      .expect(201);
    const [ext] = await broker.onBroker(PROCESSING_EXTENDED, extCode);
    expect(ext.data).toMatchObject({
      dossierCode: extCode,
      extensionId: ok.body.id,
      stepId: extTask.id,
      previousAppointmentAt: extended.data.appointmentAt,
      newAppointmentAt: newAppointment.toISOString(),
      reason: 'Chờ kết quả xác minh',
    });
  });

  it('a liên thông flow: forward into parallel branches, return to an earlier step, then refuse, all on the broker', async () => {
    const api = client(app);
    const e = received({ procedureCode: LINKED_PROCEDURE, procedureName: 'Liên thông khai sinh, thường trú, thẻ BHYT' });
    const code = e.data.dossierCode as string;
    await broker.publish(e as EventEnvelope);
    const toBranches = async (attempt: number) => {
      const birth = await api.taskFor(USERS.justice, code, 'khai-sinh');
      await api.act(USERS.justice, birth.id, 'forward', { note: 'Đã đăng ký khai sinh' }).expect(200);
      const approval = await api.taskFor(USERS.approver, code, 'duyet-khai-sinh');
      await api.act(USERS.approver, approval.id, 'forward', { note: 'Đã ký' }).expect(200);
      const residence = await api.taskFor(USERS.police, code, 'thuong-tru');
      const card = await api.taskFor(USERS.insurance, code, 'the-bhyt');
      expect([birth.attempt, approval.attempt, residence.attempt, card.attempt]).toEqual([attempt, attempt, attempt, attempt]);
      return { birth, approval, residence, card };
    };

    const first = await toBranches(1);
    // khai-sinh, duyet-khai-sinh, then one step-started per parallel branch
    const started = await broker.onBroker(PROCESSING_STEP_STARTED, code, 4);
    expect(
      started
        .slice(2)
        .map((x) => [x.data.stepId, x.data.agencyCode])
        .sort(),
    ).toEqual(
      [
        [first.residence.id, POLICE],
        [first.card.id, SOCIAL_INSURANCE],
      ].sort(),
    );
    const completed = await broker.onBroker(PROCESSING_STEP_COMPLETED, code, 2);
    expect(completed.map((x) => x.data.stepKey)).toEqual(['khai-sinh', 'duyet-khai-sinh']);
    expect(completed[0].data).toMatchObject({ stepId: first.birth.id, nextStepKeys: ['duyet-khai-sinh'] });
    expect((completed[1].data.nextStepKeys as string[]).sort()).toEqual(['the-bhyt', 'thuong-tru']);

    // the police return the dossier to the first step: processing.step-returned; the step opens again (attempt 2)
    const back = 'Sai địa chỉ thường trú của mẹ';
    await api.act(USERS.police, first.residence.id, 'return', { toStepKey: 'khai-sinh', reason: back }).expect(200);
    const [returned] = await broker.onBroker(PROCESSING_STEP_RETURNED, code);
    expect(returned).toMatchObject({ source: 'routing', correlationId: code });
    expect(returned.data).toMatchObject({ stepKey: 'thuong-tru', toStepKey: 'khai-sinh', toAgencyCode: COMMUNE, reason: back });
    await broker.onBroker(PROCESSING_STEP_STARTED, code, 5);

    // through again to the branches; the police branch completes: nothing starts yet, the join waits for the other branch
    const second = await toBranches(2);
    await api.act(USERS.police, second.residence.id, 'forward', { note: 'Đã đăng ký thường trú' }).expect(200);
    const branchDone = (await broker.onBroker(PROCESSING_STEP_COMPLETED, code, 5)).at(-1)!;
    expect(branchDone.data).toMatchObject({ stepId: second.residence.id, stepKey: 'thuong-tru', agencyCode: POLICE, nextStepKeys: [] });
    expect((await api.inbox(USERS.centre)).filter((t) => t.dossierCode === code)).toEqual([]);

    // social insurance refuses: processing.refused, processing ends, no dossier.resolved
    await api.act(USERS.insurance, second.card.id, 'refuse', { reason: 'Trẻ đã có thẻ BHYT còn hạn' }).expect(200);
    const [refused] = await broker.onBroker(PROCESSING_REFUSED, code);
    expect(refused.data).toMatchObject({
      dossierCode: code,
      agencyCode: SOCIAL_INSURANCE,
      refusedBy: USERS.insurance.sub,
      reason: 'Trẻ đã có thẻ BHYT còn hạn',
    });
    expect(refused.data.stepId).toBe(second.card.id);
    expect((await api.slip(USERS.insurance, code).expect(200)).body.status).toBe('REFUSED');
    expect(broker.seen.filter((x) => x.type === DOSSIER_RESOLVED && x.correlationId === code)).toEqual([]);
  });

  it('the due-soon reminder and the escalation timers publish to the broker, once each', async () => {
    const api = client(app);
    const dueAt = new Date(Date.now() + 3000);
    const e = received({ appointmentAt: dueAt.toISOString() });
    const code = e.data.dossierCode as string;
    await broker.publish(e as EventEnvelope);
    const task = await api.taskFor(USERS.justice, code);

    const [reminder] = await broker.onBroker(PROCESSING_DUE_SOON, code);
    expect(reminder).toMatchObject({ source: 'routing', correlationId: code });
    expect(reminder.data).toMatchObject({
      dossierCode: code,
      stepId: task.id,
      agencyCode: COMMUNE,
      role: 'SPECIALIST',
      dueAt: dueAt.toISOString(),
    });
    expect(new Date(reminder.data.remindedAt as string).getTime()).toBeLessThan(dueAt.getTime());
    const [escalated] = await broker.onBroker(PROCESSING_ESCALATED, code);
    expect(escalated.data).toMatchObject({
      dossierCode: code,
      stepId: task.id,
      agencyCode: COMMUNE,
      escalatedTo: 'SUPERVISOR',
      dueAt: dueAt.toISOString(),
    });
    expect(new Date(escalated.data.escalatedAt as string).getTime()).toBeGreaterThanOrEqual(dueAt.getTime() + 1000);
    // between them, the overdue timer; and each fired once only
    await broker.onBroker('processing.overdue', code);
    expect(broker.seen.filter((x) => x.correlationId === code && x.type === PROCESSING_DUE_SOON)).toHaveLength(1);
  });
});
