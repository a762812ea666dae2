import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SceneDescription, SceneDir, ScenePath, type BoardOp } from '@whiteroom/protocol';
import { authenticate, requireRoomAccess } from '../auth.js';
import { ApiError } from '../http/api-error.js';
import type { RoomRecord } from '../storage/storage.js';
import { tokenOf, type RouteContext } from './context.js';
import { AuthHeaders, CURRENT_ERRORS, UuidParams } from './schemas.js';

const errors = CURRENT_ERRORS;
const config = { generation: 'current' } as const;
const tags = ['scenes'];

/** Changes made through these endpoints appear in the room as made by this member. */
const REST_AUTHOR = 'rest-api';

/** The pages of a live room over REST: list them, add some, switch the current one. */
export function sceneRoutes(context: RouteContext) {
  const { storage, hub } = context;

  async function roomFor(token: string | undefined, uuid: string, atLeast: 'reader' | 'writer') {
    const caller = await authenticate(storage, token);
    requireRoomAccess(caller, uuid, atLeast);
    const room = await storage.rooms.find(caller.keyPair.appId, uuid);
    if (!room) throw new ApiError('roomNotFound');
    return room;
  }

  /** Applies a change to the live room; connected clients see it like any other change. */
  async function change(room: RoomRecord, op: BoardOp): Promise<void> {
    const result = await hub.withEngine(room, (engine) => engine.applyFromServer(op, REST_AUTHOR));
    if (!result.ok) {
      const notFound = result.code === 'sceneNotFound';
      throw new ApiError(notFound ? 'sceneNotFound' : 'invalidSceneChange', {
        details: [result.message],
      });
    }
  }

  return (app: FastifyInstance): void => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get(
      '/v5/rooms/:uuid/scenes',
      {
        config,
        schema: {
          summary: 'List the pages of a room',
          description: 'Paths of every page in `sceneDir` (default `/`) and below it, in order.',
          tags,
          headers: AuthHeaders,
          params: UuidParams,
          querystring: Type.Object({ sceneDir: Type.Optional(SceneDir) }),
          response: { 200: Type.Array(Type.String()), ...errors },
        },
      },
      async (request) => {
        const room = await roomFor(tokenOf(request, false), request.params.uuid, 'reader');
        const dir = request.query.sceneDir ?? '/';
        const paths = await hub.withEngine(room, async (engine) => engine.board.pagePaths());
        const inside = paths.filter((path) => dir === '/' || path.startsWith(`${dir}/`));
        if (inside.length === 0 && dir !== '/') {
          throw new ApiError('sceneNotFound', { details: [`no folder ${dir}`] });
        }
        return inside;
      },
    );

    api.post(
      '/v5/rooms/:uuid/scenes',
      {
        config,
        schema: {
          summary: 'Add pages to a room',
          description: 'Puts pages into the folder `path`, at the end or at `index`.',
          tags,
          headers: AuthHeaders,
          params: UuidParams,
          body: Type.Object(
            {
              path: SceneDir,
              scenes: Type.Array(SceneDescription, { minItems: 1, maxItems: 500 }),
              index: Type.Optional(Type.Integer({ minimum: 0 })),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Object({ scenes: Type.Array(Type.String()) }), ...errors },
        },
      },
      async (request, reply) => {
        const room = await roomFor(tokenOf(request, false), request.params.uuid, 'writer');
        const { path, scenes, index } = request.body;
        await change(room, { type: 'putScenes', dir: path, scenes, index });
        const prefix = path === '/' ? '' : path;
        return reply.code(201).send({ scenes: scenes.map((scene) => `${prefix}/${scene.name}`) });
      },
    );

    api.patch(
      '/v5/rooms/:uuid/scene-state',
      {
        config,
        schema: {
          summary: 'Switch the current page of a room',
          tags,
          headers: AuthHeaders,
          params: UuidParams,
          body: Type.Object({ scenePath: ScenePath }, { additionalProperties: false }),
          response: { 201: Type.Object({ currentScenePath: Type.String() }), ...errors },
        },
      },
      async (request, reply) => {
        const room = await roomFor(tokenOf(request, false), request.params.uuid, 'writer');
        await change(room, { type: 'setScenePath', path: request.body.scenePath });
        return reply.code(201).send({ currentScenePath: request.body.scenePath });
      },
    );
  };
}
