import { envNumber as num, runSimulatorProcess } from '@motcua/sim-common';
import { startPopulationDataSimulator } from './population-data-simulator';

runSimulatorProcess('population-data-sim', (logger) =>
  startPopulationDataSimulator({
    port: num('PORT') ?? 4050,
    host: process.env.HOST ?? '0.0.0.0',
    apiKey: process.env.POPULATION_SIM_API_KEY || 'dev-population-api-key',
    logger,
  }),
);
