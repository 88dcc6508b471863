import { startVnpostSimulator } from './vnpost-simulator';
import type { SimLogger } from './logger';

const logger: SimLogger = {
  log: (msg) => process.stdout.write(`${new Date().toISOString()} ${msg}\n`),
  warn: (msg) => process.stderr.write(`${new Date().toISOString()} WARN ${msg}\n`),
};

function num(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  const running = await startVnpostSimulator({
    port: num('PORT') ?? 4010,
    host: process.env.HOST ?? '0.0.0.0',
    token: process.env.VNPOST_SIM_TOKEN || undefined,
    webhookUrl: process.env.VNPOST_SIM_WEBHOOK_URL || undefined,
    webhookSecret: process.env.VNPOST_SIM_WEBHOOK_SECRET || undefined,
    stepDelayMs: num('VNPOST_SIM_STEP_DELAY_MS'),
    deliveryFailureRate: num('VNPOST_SIM_FAILURE_RATE'),
    seed: num('VNPOST_SIM_SEED'),
    autoAdvance: process.env.VNPOST_SIM_AUTO_ADVANCE === undefined ? undefined : process.env.VNPOST_SIM_AUTO_ADVANCE !== 'false',
    logger,
  });
  logger.log(`vnpost-sim listening on ${running.url}`);
  const stop = (): void => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  logger.warn(`vnpost-sim failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
