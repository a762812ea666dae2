import { parseArgs } from 'node:util';

export type Section = 'verify' | 'http' | 'realtime';

export interface BenchOptions {
  sections: Section[];
  /** Seconds of load on each HTTP endpoint. */
  duration: number;
  connections: number;
}

export const USAGE =
  'usage: npm run bench -- [--only verify|http|realtime] [--duration <seconds>] ' +
  '[--connections <n>]\n(--duration and --connections are of the HTTP section)';

const ARGUMENTS = {
  only: { type: 'string' },
  duration: { type: 'string', default: '10' },
  connections: { type: 'string', default: '50' },
} as const;

/** The command line as options, or a message saying what is wrong with it. */
export function parseOptions(argv: readonly string[]): BenchOptions | { error: string } {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof ARGUMENTS }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: ARGUMENTS });
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const { only, duration, connections } = parsed.values;

  if (only !== undefined && only !== 'verify' && only !== 'http' && only !== 'realtime') {
    return { error: `--only takes verify, http or realtime, not ${only}` };
  }
  const seconds = Number(duration);
  if (!Number.isInteger(seconds) || seconds < 1) {
    return { error: '--duration takes a whole number of seconds, at least 1' };
  }
  const count = Number(connections);
  if (!Number.isInteger(count) || count < 1) {
    return { error: '--connections takes a whole number, at least 1' };
  }

  return {
    sections: only ? [only] : ['verify', 'http', 'realtime'],
    duration: seconds,
    connections: count,
  };
}
