/** Thrown by `Gate.run` when as many tasks wait as the gate lets wait. */
export class GateFullError extends Error {
  override readonly name = 'GateFullError';
}

/**
 * Lets a few tasks run at once and a bounded number wait their turn: rasterising is heavy on
 * memory and processor, and a burst of exports should wait for each other rather than all run
 * together. A task beyond the bound is refused at once rather than left waiting behind a queue
 * that may take minutes, so its caller can tell its user to try again.
 */
export class Gate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * Runs `task` when a place is free; rejects with `GateFullError` if the queue is full. A task
   * whose `signal` aborts while it waits leaves the queue at once (rejecting with the signal's
   * reason); once running, the task itself is to heed the signal.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) throw new GateFullError('too many tasks wait');
      await new Promise<void>((resolve, reject) => {
        const place = () => {
          signal?.removeEventListener('abort', leave);
          resolve();
        };
        const leave = () => {
          this.waiting.splice(this.waiting.indexOf(place), 1);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', leave, { once: true });
        this.waiting.push(place);
      });
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      // A waiting task takes over this one's place; the count changes only when none waits.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
