import type { SimLogger } from './logger';

/** Timestamped lines on stdout (warnings on stderr), for a simulator run as a process. */
export const processLogger: SimLogger = {
  log: (msg) => process.stdout.write(`${new Date().toISOString()} ${msg}\n`),
  warn: (msg) => process.stderr.write(`${new Date().toISOString()} WARN ${msg}\n`),
};

/** The number in environment variable `name`, undefined when unset or empty (throws when not a number). */
export function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got "${raw}"`);
  return n;
}

/**
 * The `main` of a simulator process: starts it with `processLogger`, logs `<name> listening on <url>`,
 * closes it on SIGINT / SIGTERM (exit 0, or 1 if closing fails) and exits 1 if it cannot start.
 */
export function runSimulatorProcess(name: string, start: (logger: SimLogger) => Promise<{ url: string; close(): Promise<void> }>): void {
  const logger = processLogger;
  const main = async (): Promise<void> => {
    const running = await start(logger);
    logger.log(`${name} listening on ${running.url}`);
    const stop = (): void => {
      running.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  };
  main().catch((err: unknown) => {
    logger.warn(`${name} failed to start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
