import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { RoomUuid } from '@whiteroom/protocol';

export interface WebRoutesOptions {
  /** The built web app, or undefined when there is none to serve. */
  root: string | undefined;
  appRooms: boolean;
}

/** The web app: its files at `/`, its pages (`/room/{uuid}`) answered with its index page. */
export function webRoutes(options: WebRoutesOptions) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/app/config',
      {
        schema: {
          summary: 'What the web app may offer on this server',
          tags: ['app'],
          security: [],
          response: { 200: Type.Object({ appRooms: Type.Boolean() }) },
        },
      },
      async () => ({ appRooms: options.appRooms }),
    );

    if (!options.root) {
      app.get('/', { schema: { hide: true } }, async (_request, reply) =>
        reply
          .type('text/plain; charset=utf-8')
          .send(
            'Whiteroom is running, but its web app has not been built: run `npm run build`.\n' +
              'The REST API is described at /docs.\n',
          ),
      );
      return;
    }

    await app.register(fastifyStatic, {
      root: options.root,
      prefix: '/',
      // Hashed asset names change with every build; the index page must not be cached.
      setHeaders: (reply, file) => {
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        reply.header(
          'cache-control',
          immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });

    // Any link under /room and /replay gets the app; one that is not `{uuid}` (a malformed id,
    // more path after it) is broken, and the app says so, with a 404 for whatever reads only the
    // status. The API's own routes under /room are more specific and still win.
    const isRoomUuid = Compile(RoomUuid);
    for (const route of ['/room/*', '/replay/*']) {
      app.get<{ Params: { '*': string } }>(route, { schema: { hide: true } }, (request, reply) =>
        reply
          .code(isRoomUuid.Check(request.params['*'].replace(/\/$/, '')) ? 200 : 404)
          .header('cache-control', 'no-cache')
          .sendFile('index.html'),
      );
    }
  };
}
