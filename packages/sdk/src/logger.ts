/**
 * Where the SDK reports what the application may want to know but need not act on: frames that
 * fail validation, connection attempts that fail, listeners that throw. The SDK never writes to
 * the console itself; pass `console` to see these, or a structured logger.
 */
export interface Logger {
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug?(...args: unknown[]): void;
}

export const silentLogger: Logger = {
  warn: () => undefined,
  error: () => undefined,
};
