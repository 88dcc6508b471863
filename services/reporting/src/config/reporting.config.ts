import { IsInt, Max, Min } from 'class-validator';
import { loadConfig, ServiceConfig } from '@motcua/platform';

export class ReportingConfig extends ServiceConfig {
  override port = 3005;
  /**
   * Deliveries in flight (`BUS_PREFETCH`): higher than the platform's default, since the event log consumer appends its
   * events in batches of up to 200 (`EVENT_LOG_BATCH`), and a batch only fills with that many deliveries unacknowledged.
   */
  override busPrefetch = 600;
  /** Events read per page when the projection is rebuilt from `event_log`. */
  @IsInt() @Min(1) @Max(100_000) rebuildPageSize = 1000;
  /** Logged events the projector applies per transaction (`PROJECTION_BATCH_SIZE`). */
  @IsInt() @Min(1) @Max(100_000) projectionBatchSize = 500;
  /** Projector's safety-net poll when nothing wakes it (`PROJECTION_IDLE_POLL_MS`). */
  @IsInt() @Min(10) @Max(600_000) projectionIdlePollMs = 1000;
  /** Delay between an append and the projector's wake-up, so that a burst is applied as one batch (`PROJECTION_DELAY_MS`). */
  @IsInt() @Min(0) @Max(10_000) projectionDelayMs = 5;
  /** How often the service checks that today's fact snapshot (cut at the last local midnight) exists; 0: never (`SNAPSHOT_CHECK_MINUTES`). */
  @IsInt() @Min(0) @Max(10_080) snapshotCheckMinutes = 60;
  /** Fact snapshots kept, newest first (`SNAPSHOT_RETENTION`). */
  @IsInt() @Min(1) @Max(3660) snapshotRetention = 7;
}

export function reportingConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ReportingConfig> = {}): ReportingConfig {
  return loadConfig(ReportingConfig, env, overrides);
}
