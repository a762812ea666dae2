import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { DEFAULT_CONFIG, resolveDataDir, type ServerConfig } from './config.js';
import { provisionKeyPairs, type KeyProvisioning } from './keys.js';
import { DEFAULT_REALTIME_LIMITS } from './realtime/limits.js';
import { RoomHub } from './realtime/room-hub.js';
import { attachSocketServer } from './realtime/socket-server.js';
import { findWebAppRoot } from './web-app.js';
import { createLogger, type Logger } from './logging.js';
import { openSqliteStorage } from './storage/sqlite.js';
import type { Storage } from './storage/storage.js';

/** How long requests in flight may take to finish once shutdown has begun. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningServer {
  /** Where the server answers, such as `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  app: FastifyInstance;
  storage: Storage;
  hub: RoomHub;
  logger: Logger;
  /** What happened to key pairs on start, for the start-up banner. */
  provisioning: KeyProvisioning;
  /**
   * Stops taking requests, lets those in flight finish, then closes the database. Safe to call
   * more than once.
   */
  close(): Promise<void>;
}

/** Opens the data folder, provisions key pairs and starts answering HTTP. */
export async function startServer(
  options: Partial<ServerConfig> & { logger?: Logger } = {},
): Promise<RunningServer> {
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...stripUndefined(options) };
  const logger = options.logger ?? createLogger(config.logLevel);
  const dataDir = resolveDataDir(config.dataDir);

  const storage = openSqliteStorage({ dataDir });
  let ready = false;
  let app: FastifyInstance | undefined;
  try {
    const provisioning = await provisionKeyPairs(storage, {
      dataDir,
      accessKey: config.accessKey,
      secretAccessKey: config.secretAccessKey,
    });
    const limits = { ...DEFAULT_REALTIME_LIMITS, ...stripUndefined(config.realtime ?? {}) };
    const hub = new RoomHub(storage, limits, logger);
    app = await buildApp({
      storage,
      logger,
      hub,
      defaultRegion: config.region,
      isReady: () => ready,
      dataDir,
      appRooms: config.appRooms,
      webRoot: config.webRoot ?? findWebAppRoot(),
      exportQueue: config.exports,
      publicUrl: config.publicUrl,
    });
    const sockets = attachSocketServer({ server: app.server, storage, hub, limits, logger });
    await app.listen({ port: config.port, host: config.host });
    ready = true;

    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;

    let closing: Promise<void> | undefined;
    const running: RunningServer = {
      url,
      port,
      app,
      storage,
      hub,
      logger,
      provisioning,
      close: () => {
        const started = app as FastifyInstance;
        closing ??= (async () => {
          ready = false;
          // Rooms first: every accepted change is written before clients are told to go.
          await hub.shutdown();
          await sockets.close();
          // Requests in flight get a grace period to finish; connections still open after it
          // (a client that stalls mid-request) are cut so that shutdown always ends.
          const grace = setTimeout(() => started.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
          await started.close();
          clearTimeout(grace);
          await storage.close();
          logger.info('stopped');
        })();
        return closing;
      },
    };
    return running;
  } catch (error) {
    await app?.close();
    await storage.close();
    throw error;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
