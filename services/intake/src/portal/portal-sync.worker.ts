import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WakeableWorker } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { IntakeConfig } from '../config/intake.config';
import { PORTAL_SYNC_CHANNEL } from './portal-sync.queue';

const BATCH = 20;
const MAX_DELAY_MS = 600_000;

interface PendingRow {
  id: string;
  dossier_code: string;
  service: string;
  is_updating: boolean;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Sends queued portal calls in order per dossier: `{service, isUpdating, data: [record]}` answered by
 * `{error_code, message}` (0 = success). A failure is retried with a doubling delay; later calls of the
 * same dossier wait for it, so the portal sees the steps in order.
 */
@Injectable()
export class PortalSyncWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PortalSyncWorker.name);
  private worker?: WakeableWorker;

  constructor(
    private readonly db: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.nationalPortalUrl) return;
    this.worker = new WakeableWorker({
      name: 'National portal sync',
      runBatch: () => this.runBatch(),
      idlePollMs: Math.min(1000, this.config.nationalPortalRetryBaseMs),
      listen: { dataSource: this.db, channel: PORTAL_SYNC_CHANNEL },
      logger: this.logger,
    });
    await this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.stop();
  }

  /** Sends what is due; answers how many calls it handled (sent or failed). */
  async runBatch(): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows: PendingRow[] = await m.query(
        `SELECT id, dossier_code, service, is_updating, payload, attempts FROM portal_sync p
          WHERE sent_at IS NULL AND next_attempt_at <= now()
            AND NOT EXISTS (SELECT 1 FROM portal_sync e WHERE e.dossier_code = p.dossier_code AND e.sent_at IS NULL AND e.id < p.id)
          ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      for (const row of rows) {
        const error = await this.send(row);
        if (!error) {
          await m.query(`UPDATE portal_sync SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [row.id]);
          continue;
        }
        const delay = Math.min(this.config.nationalPortalRetryBaseMs * 2 ** row.attempts, MAX_DELAY_MS);
        this.logger.warn(`Portal call ${row.service} for ${row.dossier_code} failed (attempt ${row.attempts + 1}): ${error}`);
        await m.query(
          `UPDATE portal_sync SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval WHERE id = $1`,
          [row.id, error.slice(0, 1000), String(delay)],
        );
      }
      return rows.length;
    });
  }

  /** Posts one call; answers the error, or null on success. */
  private async send(row: PendingRow): Promise<string | null> {
    try {
      const res = await fetch(this.config.nationalPortalUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ service: row.service, isUpdating: row.is_updating, data: [row.payload] }),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      if (!res.ok) return `HTTP ${res.status}: ${text.slice(0, 200)}`;
      const answer = JSON.parse(text) as { error_code?: unknown; message?: unknown };
      if (Number(answer.error_code) !== 0) return `error_code ${String(answer.error_code)}: ${String(answer.message ?? '')}`;
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }
}
