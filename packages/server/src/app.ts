import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ApiError, errorBody } from './http/api-error.js';
import { installErrorHandling } from './http/error-handler.js';
import { installJsonBodyParser } from './http/json-body.js';
import { installValidation } from './http/validation.js';
import type { Logger } from './logging.js';
import type { RoomHub } from './realtime/room-hub.js';
import { currentRoutes } from './routes/current.js';
import { legacyRoutes } from './routes/legacy.js';
import { appRoomRoutes } from './routes/app-rooms.js';
import { sceneRoutes } from './routes/scenes.js';
import { historyRoutes } from './routes/history.js';
import { uploadRoutes } from './routes/uploads.js';
import { exportRoutes } from './routes/export.js';
import type { ExportQueueLimits } from './export/queue-limits.js';
import { webRoutes } from './routes/web.js';
import { systemRoutes } from './routes/system.js';
import type { Storage } from './storage/storage.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Requests Node refuses before Fastify sees them (headers over 16 KiB, malformed HTTP) still get
 * an answer in the registry's shape.
 */
function clientErrorAnswerer(logger: Logger) {
  return (error: Error & { code?: string }, socket: Duplex): void => {
    if (!socket.writable) return;
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const failure = new ApiError(tooLarge ? 'headersTooLarge' : 'badRequest');
    // Such a request never reaches the routes, so it gets its log line here.
    logger.info(
      { status: failure.status, code: failure.code, reason: error.code },
      'request refused before routing',
    );
    const body = JSON.stringify(errorBody(failure, 'current'));
    socket.end(
      `HTTP/1.1 ${failure.status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `connection: close\r\n\r\n${body}`,
    );
  };
}
export const VERSION = '0.1.0';

export interface AppOptions {
  storage: Storage;
  logger: Logger;
  defaultRegion: string;
  hub: RoomHub;
  isReady: () => boolean;
  /** The data folder, where uploaded images are kept. */
  dataDir: string;
  /** Whether the web app may create rooms itself (first-run convenience). */
  appRooms: boolean;
  /** The built web app to serve at `/`, if any. */
  webRoot: string | undefined;
  /** How many exports run and wait at once; unset ones keep their defaults. */
  exportQueue?: Partial<ExportQueueLimits> | undefined;
  /** Where clients reach the server, for absolute links; see `ServerConfig.publicUrl`. */
  publicUrl?: string | undefined;
}

/** Builds the HTTP application: parsers, error handling, request logs, routes and API docs. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast only widens its type.
    loggerInstance: options.logger as FastifyBaseLogger,
    // One log line per request is written by the onResponse hook below instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    // A client's own request id is kept only when it looks like one: it goes into the log.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      const usable =
        typeof given === 'string' && REQUEST_ID.test(given) && !given.includes('NETLESS');
      return usable ? given : randomUUID();
    },
    clientErrorHandler: clientErrorAnswerer(options.logger),
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });

  installValidation(app);
  installJsonBodyParser(app);
  installErrorHandling(app);

  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    // While shutting down, a keep-alive connection would hold the process open after the answer.
    if (!options.isReady()) reply.header('connection', 'close');
    done(null, payload);
  });

  app.addHook('onResponse', (request, reply, done) => {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (reply.statusCode >= 500)
      request.log.error({ ...line, err: request.failure }, 'request failed');
    else request.log.info(line, 'request');
    done();
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Whiteroom REST API',
        version: VERSION,
        description:
          'Rooms and tokens of a self-hosted Whiteroom server. The current API lives under `/v5`; ' +
          'the legacy API answers every request with a `{ code, msg }` envelope. Pass the sdkToken ' +
          'in the `token` header (the legacy API also takes `?token=`).',
      },
      components: {
        securitySchemes: {
          token: {
            type: 'apiKey',
            in: 'header',
            name: 'token',
            description: 'an sdkToken (NETLESSSDK_...) or a room token (NETLESSROOM_...)',
          },
        },
      },
      security: [{ token: [] }],
      tags: [
        { name: 'rooms', description: 'Current API: rooms' },
        { name: 'tokens', description: 'Current API: minting tokens' },
        { name: 'scenes', description: 'Current API: the pages of a live room' },
        { name: 'history', description: 'Current API: replaying historied rooms' },
        { name: 'export', description: 'Current API: pages as PNG, SVG and PDF files' },
        { name: 'legacy', description: 'Legacy API, answered in `{ code, msg }` envelopes' },
        { name: 'app', description: 'The web app: first-run rooms, image uploads' },
        { name: 'system', description: 'Health' },
      ],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
    // Nothing is fetched from outside: the UI's assets ship with the server.
    theme: { title: 'Whiteroom API' },
  });

  const context = {
    storage: options.storage,
    defaultRegion: options.defaultRegion,
    hub: options.hub,
  };
  await app.register(async (scope) => {
    systemRoutes({ isReady: options.isReady })(scope);
    currentRoutes(context)(scope);
    sceneRoutes(context)(scope);
    historyRoutes(context)(scope);
    legacyRoutes(context)(scope);
    appRoomRoutes({ ...context, appRooms: options.appRooms })(scope);
  });
  await app.register(uploadRoutes({ ...context, dataDir: options.dataDir }));
  await app.register(
    exportRoutes({
      ...context,
      dataDir: options.dataDir,
      queue: options.exportQueue,
      publicUrl: options.publicUrl,
    }),
  );
  await app.register(webRoutes({ root: options.webRoot, appRooms: options.appRooms }));

  return app;
}
