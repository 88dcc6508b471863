/** Optional logger; the simulators never write to the console themselves. */
export interface SimLogger {
  log(msg: string): void;
  warn(msg: string): void;
}

export const silentLogger: SimLogger = { log: () => undefined, warn: () => undefined };
