/* The part of autocannon's programmatic API that platform.bench.ts uses (the package ships no types). */
declare module 'autocannon' {
  import { EventEmitter } from 'events';

  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      /** Called before each request; returns the request to send. */
      setupRequest?: (req: Request, context: Record<string, unknown>) => Request;
    }

    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      pipelining?: number;
      /** Seconds. */
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      requests?: Request[];
    }

    interface Stats {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
    }

    interface Result {
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      totalRequests: number;
      totalCompletedRequests: number;
      statusCodeStats: Record<string, { count: number }>;
      latency: Stats;
      requests: Stats;
      '2xx': number;
      '4xx': number;
      '5xx': number;
    }

    /** Emits `response` (client, statusCode, resBytes, responseTimeMs) per response; awaitable for the result. */
    interface Instance extends EventEmitter, PromiseLike<Result> {
      stop(): void;
    }
  }

  function autocannon(opts: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
