import type { Provider } from '@nestjs/common';
import type { IntakeConfig } from '../config/intake.config';
import { HttpPopulationData, NotConfiguredPopulationData, POPULATION_DATA } from './population-data';
import { PopulationDataService } from './population-data.service';
import { CitizensController } from './citizens.controller';

/** The population database adapter chosen by configuration (HTTP when POPULATION_DATA_URL is set). */
export function populationProviders(config: IntakeConfig): Provider[] {
  const adapter = config.populationDataUrl
    ? new HttpPopulationData(config.populationDataUrl, config.populationDataApiKey ?? '', config.populationDataTimeoutMs)
    : new NotConfiguredPopulationData();
  return [{ provide: POPULATION_DATA, useValue: adapter }, PopulationDataService];
}

export const POPULATION_CONTROLLERS = [CitizensController];
