import path from 'node:path';
import type { LevelWithSilent } from 'pino';
import type { ExportQueueLimits } from './export/queue-limits.js';
import type { RealtimeLimits } from './realtime/limits.js';

/** Everything `whiteroom serve` can be told, from flags or `WHITEROOM_*` environment variables. */
export interface ServerConfig {
  port: number;
  host: string;
  /** The data folder: the SQLite database and the first key pair's file live here. */
  dataDir: string;
  logLevel: LevelWithSilent;
  /** The region recorded on rooms created without a `region` header. */
  region: string;
  /**
   * Where clients reach the server (`https://board.example.com`, no trailing slash), for the
   * absolute links it answers with; the address each request came to when unset.
   */
  publicUrl?: string;
  /** A key pair to provision, so that an existing business server keeps its keys. */
  accessKey?: string;
  secretAccessKey?: string;
  /**
   * Whether the web app may create rooms with the server's own key pair (`POST /app/rooms`). On
   * for the one-command start; off wherever a business server creates rooms.
   */
  appRooms: boolean;
  /** The built web app to serve at `/`; found in the workspace when not given. */
  webRoot?: string;
  /** Limits of the room server; unset ones keep their defaults. */
  realtime?: Partial<RealtimeLimits>;
  /** How many exports run and wait at once; unset ones keep their defaults. */
  exports?: Partial<ExportQueueLimits>;
}

export const DEFAULT_CONFIG = {
  port: 8080,
  host: '0.0.0.0',
  dataDir: './data',
  logLevel: 'info',
  region: 'cn-hz',
  appRooms: true,
} as const satisfies Partial<ServerConfig>;

export function resolveDataDir(dataDir: string): string {
  return path.resolve(dataDir);
}
