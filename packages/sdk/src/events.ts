import type { Logger } from './logger.js';

type Listener = (...args: never[]) => void;

/**
 * A small typed event emitter. A listener that throws is reported to the logger and does not keep
 * the other listeners, or the SDK's own handling of the message that caused the event, from running.
 */
export class Emitter<Events extends { [K in keyof Events]: Listener }> {
  private readonly listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

  constructor(private readonly logger: Logger) {}

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof Events>(name: K, listener: Events[K]): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => this.off(name, listener);
  }

  off<K extends keyof Events>(name: K, listener: Events[K]): void {
    this.listeners.get(name)?.delete(listener);
  }

  emit<K extends keyof Events>(name: K, ...args: Parameters<Events[K]>): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      safeCall(
        this.logger,
        String(name),
        listener as (...args: Parameters<Events[K]>) => void,
        args,
      );
    }
  }
}

/** Calls application code, reporting rather than propagating what it throws. */
export function safeCall<A extends unknown[]>(
  logger: Logger,
  what: string,
  fn: ((...args: A) => void) | undefined,
  args: A,
): void {
  if (!fn) return;
  try {
    fn(...args);
  } catch (error) {
    logger.error({ err: error }, `a ${what} listener threw`);
  }
}
