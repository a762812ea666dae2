export interface BackoffOptions {
  /** The first delay, before jitter. */
  initialMs: number;
  /** Delays stop doubling here (before jitter). */
  maxMs: number;
  /** Each delay is spread by up to this fraction either way, so clients do not return in step. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 10_000, jitter: 0.5 };

/** The delay before reconnect attempt `attempt` (0 for the first), given a random number in [0, 1). */
export function backoffDelay(
  attempt: number,
  random: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const base = Math.min(options.initialMs * 2 ** Math.min(attempt, 30), options.maxMs);
  return Math.round(base * (1 - options.jitter + 2 * options.jitter * random));
}
