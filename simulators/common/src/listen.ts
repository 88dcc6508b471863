import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A simulator as its `create…Simulator` builds it: an express app plus its engine. */
export interface BuiltSimulator<E> {
  app: { listen(port: number, hostname: string, callback: (error?: Error) => void): Server };
  engine: E;
  /** Stops the engine's timers. */
  close(): Promise<void>;
}

/** A simulator listening on a port. */
export interface ServedSimulator<E> {
  /** e.g. `http://127.0.0.1:4010` (IPv6 hosts in brackets). */
  url: string;
  port: number;
  engine: E;
  /** Closes the simulator, stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Serves `simulator` on `port` (0 picks a free one) of `host`. */
export async function serveSimulator<E>(simulator: BuiltSimulator<E>, port: number, host: string): Promise<ServedSimulator<E>> {
  const server: Server = await new Promise((resolve, reject) => {
    const s = simulator.app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
    port: actualPort,
    engine: simulator.engine,
    close: async () => {
      await simulator.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
