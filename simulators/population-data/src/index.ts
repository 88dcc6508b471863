/* Local simulator of the national population database (CSDL quốc gia về dân cư) lookup; see README. */
export {
  createPopulationDataSimulator,
  DEMO_CITIZENS,
  PopulationDataEngine,
  startPopulationDataSimulator,
} from './population-data-simulator';
export type { CitizenRecord, LookupCall, PopulationDataSimulator, PopulationDataSimulatorOptions } from './population-data-simulator';
