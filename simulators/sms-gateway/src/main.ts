import { envNumber as num, runSimulatorProcess } from '@motcua/sim-common';
import { startSmsGatewaySimulator } from './sms-gateway-simulator';

runSimulatorProcess('sms-gateway-sim', (logger) => {
  const brandnames = (process.env.SMS_SIM_BRANDNAMES ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  return startSmsGatewaySimulator({
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
});
