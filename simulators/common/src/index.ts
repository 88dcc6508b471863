/* Pieces shared by the simulators of external systems (VNPost, SMS gateway). */
export { postJson } from './http-post';
export { serveSimulator } from './listen';
export type { BuiltSimulator, ServedSimulator } from './listen';
export { silentLogger } from './logger';
export type { SimLogger } from './logger';
export { envNumber, processLogger, runSimulatorProcess } from './process';
export { Prng, seedFrom } from './prng';
export { toVietnamIso } from './time';
export { simulatorApp, sleep } from './app';
