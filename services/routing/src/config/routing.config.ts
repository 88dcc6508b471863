import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { loadConfig, ServiceConfig } from '@motcua/platform';

export class RoutingConfig extends ServiceConfig {
  override port = 3002;
  /** Load the seed workflow definitions at start (idempotent). */
  @IsBoolean() seedWorkflows = true;
  /** Longest wait of the timer worker between checks (a NOTIFY or the next due timer wakes it earlier). */
  @IsInt() @Min(10) @Max(3_600_000) timerIdlePollMs = 5000;
  /** How long before a step's due instant the reminder (`processing.due-soon`) fires; 0 turns reminders off. */
  @IsInt() @Min(0) @Max(30 * 86_400) reminderLeadSeconds = 4 * 3600;
  /** How long after a step's due instant a step still open is escalated to the supervisors (`processing.escalated`). */
  @IsInt() @Min(0) @Max(30 * 86_400) escalationAfterSeconds = 86_400;
  /** The citizen's deadline for a supplement when the request names none, in working days on the legal clock. */
  @IsInt() @Min(1) @Max(365) supplementDeadlineWorkingDays = 30;
}

export function routingConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<RoutingConfig> = {}): RoutingConfig {
  return loadConfig(RoutingConfig, env, overrides);
}
