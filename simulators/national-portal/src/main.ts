import { envNumber as num, runSimulatorProcess } from '@motcua/sim-common';
import { startNationalPortalSimulator } from './national-portal-simulator';

runSimulatorProcess('national-portal-sim', (logger) =>
  startNationalPortalSimulator({ port: num('PORT') ?? 4040, host: process.env.HOST ?? '0.0.0.0', logger }),
);
