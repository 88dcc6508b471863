import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StepTimer, TimerKind, TimerOutcome } from './step-timer.entity';

/** The LISTEN channel notified (at commit) when a timer is scheduled, so the worker recomputes its wait. */
export const TIMER_CHANNEL = 'motcua_routing_timers';

export interface NewTimer {
  taskId: string;
  dossierCode: string;
  kind: TimerKind;
  fireAt: Date;
  dueAt: Date;
}

@Injectable()
export class StepTimerRepository {
  /**
   * Schedules a timer (once per task, kind and instant: one that already fired is never re-armed, one
   * skipped as stale is) and wakes the timer worker at commit.
   */
  async schedule(m: EntityManager, timer: NewTimer): Promise<void> {
    await this.scheduleMany(m, [timer]);
  }

  /** `schedule` for several timers at once: one INSERT and one NOTIFY (at most one row per task, kind and instant). */
  async scheduleMany(m: EntityManager, timers: NewTimer[]): Promise<void> {
    if (!timers.length) return;
    await m.query(
      `INSERT INTO "step_timer" ("task_id", "dossier_code", "kind", "fire_at", "due_at")
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[])
       ON CONFLICT ("task_id", "kind", "fire_at") DO UPDATE SET "fired_at" = NULL, "outcome" = NULL, "due_at" = EXCLUDED."due_at"
       WHERE "step_timer"."outcome" = 'SKIPPED'`,
      [
        timers.map((t) => t.taskId),
        timers.map((t) => t.dossierCode),
        timers.map((t) => t.kind),
        timers.map((t) => t.fireAt),
        timers.map((t) => t.dueAt),
      ],
    );
    await m.query(`SELECT pg_notify($1, '')`, [TIMER_CHANNEL]);
  }

  /**
   * Consumes the pending supplement-expiry timers of these tasks without an event (the supplement came,
   * or processing ended). A row the timer worker holds right now is left to it: it finds it stale.
   */
  async cancelSupplementExpiry(m: EntityManager, taskIds: string[], at: Date): Promise<void> {
    if (!taskIds.length) return;
    await m.query(
      `UPDATE "step_timer" SET "fired_at" = $2, "outcome" = 'SKIPPED' WHERE "id" IN (
         SELECT "id" FROM "step_timer" WHERE "task_id" = ANY($1::uuid[]) AND "kind" = 'SUPPLEMENT_EXPIRY' AND "fired_at" IS NULL
         FOR UPDATE SKIP LOCKED)`,
      [taskIds, at],
    );
  }

  /** Claims due timers for this transaction; rows another replica holds are skipped, never fired twice. */
  claimDue(m: EntityManager, now: Date, limit: number): Promise<StepTimer[]> {
    return m
      .getRepository(StepTimer)
      .createQueryBuilder('t')
      .where('t.fired_at IS NULL AND t.fire_at <= :now', { now })
      .orderBy('t.fire_at', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async markDone(m: EntityManager, ids: string[], at: Date, outcome: TimerOutcome): Promise<void> {
    if (ids.length) {
      await m.query(`UPDATE "step_timer" SET "fired_at" = $2, "outcome" = $3 WHERE "id" = ANY($1::uuid[])`, [ids, at, outcome]);
    }
  }

  async nextFireAt(m: EntityManager): Promise<Date | null> {
    const rows = (await m.query(`SELECT MIN("fire_at") AS "next" FROM "step_timer" WHERE "fired_at" IS NULL`)) as Array<{
      next: Date | null;
    }>;
    return rows[0]?.next ? new Date(rows[0].next) : null;
  }
}
