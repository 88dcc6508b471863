/*
 * The SQL round trips of the two task actions the inbox workers do most (claim, complete), counted on
 * the PostgreSQL query runner: every statement of the action's transaction, BEGIN and COMMIT included.
 */
import { INestApplication } from '@nestjs/common';
import { QueryRunner } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { InProcessBus } from '@motcua/messaging';
import { createTestDatabase, TestDatabase } from '@motcua/testing';
import { bootRouting, client, LINKED_PROCEDURE, received, USERS } from './routing-test-kit';

interface Recorded {
  runner: QueryRunner;
  sql: string;
}

/** The statements of the transaction that touched the task (not the outbox relay's nor the timer worker's). */
function actionTransaction(recorded: Recorded[]): string[] {
  const byRunner = new Map<QueryRunner, string[][]>();
  for (const { runner, sql } of recorded) {
    const txs = byRunner.get(runner) ?? [];
    if (/^START TRANSACTION/i.test(sql) || !txs.length) txs.push([]);
    txs[txs.length - 1].push(sql);
    byRunner.set(runner, txs);
  }
  const found = [...byRunner.values()].flat().filter((tx) => /^START TRANSACTION/i.test(tx[0]) && tx.some((s) => /"task"/.test(s)));
  expect(found).toHaveLength(1);
  return found[0];
}

describe('round trips of claim and complete', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;
  let api: ReturnType<typeof client>;
  let recorded: Recorded[] | null = null;
  const original = PostgresQueryRunner.prototype.query;

  beforeAll(async () => {
    db = await createTestDatabase('routing_round_trips');
    bus = new InProcessBus({ delayScale: 0.01 });
    app = await bootRouting(db.url, bus, { TIMER_IDLE_POLL_MS: '3600000' });
    api = client(app);
    PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, ...args: Parameters<PostgresQueryRunner['query']>) {
      recorded?.push({ runner: this, sql: String(args[0]).trim() });
      return original.apply(this, args);
    } as PostgresQueryRunner['query'];
  });

  afterAll(async () => {
    PostgresQueryRunner.prototype.query = original;
    await app?.close();
    await bus?.close();
    await db?.drop();
  });

  const during = async (fn: () => Promise<unknown>) => {
    recorded = [];
    await fn();
    const all = recorded;
    recorded = null;
    return all;
  };

  const count = (tx: string[], pattern: RegExp) => tx.filter((q) => pattern.test(q)).length;

  it('claim and complete of a one-step dossier: 7 and 11 statements, each row written once, nothing read back', async () => {
    const e = received();
    await bus.publish([e]);
    const task = await api.taskFor(USERS.justice, e.data.dossierCode as string);
    const claim = actionTransaction(await during(() => api.act(USERS.justice, task.id, 'claim').expect(200)));
    // BEGIN, actor settings, lock instance, lock task, slip receiver, task UPDATE … RETURNING, COMMIT (was 9)
    expect(claim).toHaveLength(7);
    expect(count(claim, /^SELECT .*FROM "task"/)).toBe(1);

    const complete = actionTransaction(
      await during(() => api.act(USERS.justice, task.id, 'complete', { resultSummary: 'Đã cấp' }).expect(200)),
    );
    // + instance UPDATE, one outbox batch (step-completed and dossier.resolved) with its NOTIFY, one slip INSERT (was 17)
    expect(complete).toHaveLength(11);
    expect(count(complete, /^INSERT INTO "outbox_message"/)).toBe(1);
    expect(count(complete, /^SELECT .*FROM "workflow_instance"/)).toBe(1);
    expect(count(complete, /^SELECT .*FROM "task"/)).toBe(1);
  });

  it('forwarding to the next step, then to two parallel branches: timers, events and slip lines in one batch each', async () => {
    const e = received({ procedureCode: LINKED_PROCEDURE, procedureName: 'Liên thông khai sinh, thường trú, thẻ BHYT' });
    const code = e.data.dossierCode as string;
    await bus.publish([e]);
    const birth = await api.taskFor(USERS.justice, code, 'khai-sinh');
    const forward = actionTransaction(
      await during(() => api.act(USERS.justice, birth.id, 'forward', { note: 'Đã đăng ký khai sinh' }).expect(200)),
    );
    // the definition version was read when the dossier started (rows never change): not again
    expect(count(forward, /FROM "workflow_definition"/)).toBe(0);
    expect(forward).toHaveLength(14); // was 24

    const approval = await api.taskFor(USERS.approver, code, 'duyet-khai-sinh');
    const fork = actionTransaction(await during(() => api.act(USERS.approver, approval.id, 'forward', { note: 'Đã ký' }).expect(200)));
    // two tasks opened: one INSERT each (attempt computed by the INSERT), their timers, events and lines batched
    expect(count(fork, /^INSERT INTO "task"/)).toBe(2);
    expect(count(fork, /^INSERT INTO "step_timer"/)).toBe(1);
    expect(count(fork, /^INSERT INTO "outbox_message"/)).toBe(1);
    expect(count(fork, /^INSERT INTO "control_slip_entry"/)).toBe(1);
    expect(fork).toHaveLength(15); // was 34

    // and the branches opened as before: one task each with its timers, both announced
    const [police, insurance] = await Promise.all([
      api.taskFor(USERS.police, code, 'thuong-tru'),
      api.taskFor(USERS.insurance, code, 'the-bhyt'),
    ]);
    expect([police.attempt, insurance.attempt]).toEqual([1, 1]);
  });
});
