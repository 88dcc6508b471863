import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  PROCESSING_DUE_SOON,
  PROCESSING_ESCALATED,
  PROCESSING_OVERDUE,
  ProcessingDueSoonV1,
  ProcessingEscalatedV1,
  ProcessingOverdueV1,
} from '@motcua/contracts';
import { Outbox, runInTransaction, WakeableWorker, WorkerBatchResult } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { RoutingConfig } from '../config/routing.config';
import { ExpireSupplementUseCase } from '../tasks/expire-supplement.use-case';
import { Task } from '../tasks/task.entity';
import { TaskRepository } from '../tasks/task.repository';
import { StepTimer } from './step-timer.entity';
import { StepTimerRepository, TIMER_CHANNEL } from './step-timer.repository';

const BATCH = 200;
/** Never spin faster than this when the next timer is due but held by another replica. */
const MIN_WAIT_MS = 50;

/**
 * Fires due step timers for steps still open: `processing.due-soon` (reminder), `processing.overdue`
 * and `processing.escalated` (to the agency's supervisors; the task is marked escalated); and supplement
 * deadlines of dossiers still waiting for the citizen (processing stops as expired, `processing.stopped`). Timers live in
 * the database, so they survive restarts; replicas share them with FOR UPDATE SKIP LOCKED, and the
 * timer is marked fired in the same transaction as the outbox event, so it never fires twice.
 */
@Injectable()
export class TimerWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TimerWorker.name);
  private worker?: WakeableWorker;

  constructor(
    private readonly db: DataSource,
    private readonly timers: StepTimerRepository,
    private readonly tasks: TaskRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: RoutingConfig,
    private readonly expiry: ExpireSupplementUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = new WakeableWorker({
      name: 'Routing timers',
      runBatch: () => this.fireDue(),
      idlePollMs: this.config.timerIdlePollMs,
      listen: { dataSource: this.db, channel: TIMER_CHANNEL },
      logger: this.logger,
    });
    await this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.stop();
  }

  /** One batch: fire what is due, then wait until the next timer (or a NOTIFY for a new one). */
  async fireDue(): Promise<WorkerBatchResult> {
    const now = new Date();
    const claimed = await runInTransaction(this.db, async (m) => {
      const due = await this.timers.claimDue(m, now, BATCH);
      if (!due.length) return 0;
      const tasks = new Map(
        (await m.getRepository(Task).find({ where: { id: In([...new Set(due.map((t) => t.taskId))]) } })).map((t) => [t.id, t]),
      );
      const fired: string[] = [];
      const skipped: string[] = [];
      for (const timer of due) {
        if (timer.kind === 'SUPPLEMENT_EXPIRY') {
          const expired = await this.expiry.execute(m, timer, now);
          (expired ? fired : skipped).push(timer.id);
          continue;
        }
        const task = tasks.get(timer.taskId);
        // stale: the step was closed, paused, or its due instant moved (a new timer exists for the new one)
        if (!task || task.status !== 'OPEN' || task.dueAt.getTime() !== (timer.dueAt ?? timer.fireAt).getTime()) {
          skipped.push(timer.id);
          continue;
        }
        fired.push(timer.id);
        await this.fire(m, timer, task, now);
      }
      await this.timers.markDone(m, fired, now, 'FIRED');
      await this.timers.markDone(m, skipped, now, 'SKIPPED');
      return due.length;
    });
    if (claimed === BATCH) return { again: true };
    const next = await this.timers.nextFireAt(this.db.manager);
    const untilNext = next ? next.getTime() - Date.now() : this.config.timerIdlePollMs;
    return { again: false, waitMs: Math.min(Math.max(untilNext, MIN_WAIT_MS), this.config.timerIdlePollMs) };
  }

  private async fire(m: EntityManager, timer: StepTimer, task: Task, now: Date): Promise<void> {
    const step = { dossierCode: task.dossierCode, stepId: task.id, stepName: task.name, agencyCode: task.agencyCode };
    const meta = { correlationId: task.dossierCode, causationId: null };
    const dueAt = task.dueAt.toISOString();
    if (timer.kind === 'DUE_SOON') {
      const event: ProcessingDueSoonV1 = { ...step, role: task.role, dueAt, remindedAt: now.toISOString() };
      await this.outbox.add(PROCESSING_DUE_SOON, 1, event, meta);
    } else if (timer.kind === 'ESCALATION') {
      await this.tasks.markEscalated(m, task.id, now);
      const event: ProcessingEscalatedV1 = { ...step, escalatedTo: 'SUPERVISOR', dueAt, escalatedAt: now.toISOString() };
      await this.outbox.add(PROCESSING_ESCALATED, 1, event, meta);
    } else {
      const event: ProcessingOverdueV1 = { ...step, dueAt, detectedAt: now.toISOString() };
      await this.outbox.add(PROCESSING_OVERDUE, 1, event, meta);
    }
  }
}
