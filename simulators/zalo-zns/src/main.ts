import { envNumber as num, runSimulatorProcess } from '@motcua/sim-common';
import { startZaloZnsSimulator } from './zalo-zns-simulator';

runSimulatorProcess('zalo-zns-sim', (logger) =>
  startZaloZnsSimulator({
    port: num('PORT') ?? 4030,
    host: process.env.HOST ?? '0.0.0.0',
    accessToken: process.env.ZNS_SIM_ACCESS_TOKEN || undefined,
    noZaloPhones: (process.env.ZNS_SIM_NO_ZALO_PHONES ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
    latencyMs: num('ZNS_SIM_LATENCY_MS'),
    webhookUrl: process.env.ZNS_SIM_WEBHOOK_URL || undefined,
    webhookDelayMs: num('ZNS_SIM_WEBHOOK_DELAY_MS'),
    appId: process.env.ZNS_SIM_APP_ID || undefined,
    oaSecretKey: process.env.ZNS_SIM_OA_SECRET_KEY || undefined,
    logger,
  }),
);
