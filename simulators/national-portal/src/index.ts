export { createNationalPortalSimulator, NationalPortalEngine, startNationalPortalSimulator } from './national-portal-simulator';
export type { NationalPortalSimulator, NationalPortalSimulatorOptions, PortalCall } from './national-portal-simulator';
