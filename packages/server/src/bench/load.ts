import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  /** Seconds of measured load, after a warm-up of a fifth of that (at least a second). */
  duration: number;
}

/** What one load run measured. */
export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /**
   * Seconds measured: autocannon stops at the first one-second sample after `duration`, so this
   * may be a second more.
   */
  seconds: number;
  non2xx: number;
  /** Connection errors and timeouts: requests that got no answer at all. */
  failures: number;
}

/**
 * POSTs `body` to `url` over `connections` keep-alive connections, one request in flight on each,
 * for `duration` seconds. The requests are sent from a worker thread, so that the load generator
 * does not take turns with a server running on this thread's event loop.
 */
export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body,
    connections: options.connections,
    pipelining: 1,
    duration: options.duration,
    workers: 1,
    warmup: {
      connections: options.connections,
      duration: Math.max(1, Math.round(options.duration / 5)),
    },
  });

  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    seconds: result.duration,
    non2xx: result.non2xx,
    failures: result.errors + result.timeouts,
  };
}
