/**
 * The part of autocannon's programmatic API that the benchmark uses. autocannon ships no types
 * and `@types/autocannon` lags behind version 8, so these are written by hand from its README.
 */
declare module 'autocannon' {
  interface Options {
    url: string;
    method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    pipelining?: number;
    /** Seconds. */
    duration?: number;
    /** Worker threads that send the requests; by default they are sent from the calling thread. */
    workers?: number;
    /** A shorter run whose figures are thrown away, so that the measured one starts warm. */
    warmup?: { connections?: number; duration?: number };
  }

  /** A distribution; latencies are in milliseconds, request rates per second. */
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    total: number;
  }

  interface Result {
    latency: Histogram;
    requests: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
    /** Seconds. */
    duration: number;
  }

  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
