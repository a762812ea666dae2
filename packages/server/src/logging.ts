import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/**
 * The server's logger: JSON lines on standard output. Nothing logs headers, query strings or
 * bodies, which is how tokens and secrets stay out of the log; the redaction below is a second
 * line of defence should an object carrying them ever be logged by mistake.
 */
export function createLogger(
  level: LevelWithSilent = 'info',
  destination?: DestinationStream,
): Logger {
  const options = {
    level,
    base: { service: 'whiteroom' },
    redact: {
      paths: [
        'token',
        'headers.token',
        'req.headers.token',
        'secretAccessKey',
        '*.secretAccessKey',
        'roomToken',
        '*.roomToken',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
