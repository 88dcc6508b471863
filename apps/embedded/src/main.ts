import { ConsoleLogger, Logger, LogLevel } from '@nestjs/common';
import * as path from 'path';
import { startEmbeddedPlatform } from './embedded-platform';

/** `npm start`: the whole platform in one process (embedded PostgreSQL, in-process bus, simulators). */
/** pino-style LOG_LEVEL → the Nest levels at or above it. */
function logLevels(level = 'info'): LogLevel[] {
  const order: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
  const from = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, fatal: 5, silent: 6 }[level] ?? 2;
  return order.slice(from);
}

/**
 * `.data/` in the checkout; as root under /var/lib/motcua (PostgreSQL runs as the postgres user, who
 * may not reach a checkout under /root).
 */
function defaultDataDir(): string {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot ? '/var/lib/motcua/embedded' : path.resolve(__dirname, '../../../.data');
}

async function main(): Promise<void> {
  Logger.overrideLogger(new ConsoleLogger({ json: true, logLevels: logLevels(process.env.LOG_LEVEL) }));
  const port = Number(process.env.PORT ?? 3000);
  const platform = await startEmbeddedPlatform({
    port,
    pgPort: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    dataDir: process.env.EMBEDDED_DATA_DIR ?? defaultDataDir(),
  });
  const stop = async (signal: string) => {
    new Logger('Embedded').log(`${signal}: stopping`);
    await platform.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: Error) => {
  process.stderr.write(`The embedded platform failed to start: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
