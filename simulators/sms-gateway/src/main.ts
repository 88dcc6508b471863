import type { SimLogger } from './logger';
import { startSmsGatewaySimulator } from './sms-gateway-simulator';

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
  const brandnames = (process.env.SMS_SIM_BRANDNAMES ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  const running = await startSmsGatewaySimulator({
    port: num('PORT') ?? 4020,
    host: process.env.HOST ?? '0.0.0.0',
    apiKey: process.env.SMS_SIM_API_KEY || undefined,
    brandnames: brandnames.length > 0 ? brandnames : undefined,
    dlrUrl: process.env.SMS_SIM_DLR_URL || undefined,
    dlrDelayMs: num('SMS_SIM_DLR_DELAY_MS'),
    failureRate: num('SMS_SIM_FAILURE_RATE'),
    rateLimitPerSecond: num('SMS_SIM_RATE_LIMIT_PER_SECOND'),
    seed: num('SMS_SIM_SEED'),
    logger,
  });
  logger.log(`sms-gateway-sim listening on ${running.url}`);
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
  logger.warn(`sms-gateway-sim failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
