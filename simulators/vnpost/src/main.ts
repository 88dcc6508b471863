import { envNumber as num, runSimulatorProcess } from '@motcua/sim-common';
import { startVnpostSimulator } from './vnpost-simulator';

runSimulatorProcess('vnpost-sim', (logger) =>
  startVnpostSimulator({
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
  }),
);
