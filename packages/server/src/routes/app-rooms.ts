import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CreateRoomBody, CurrentErrorBodySchema, RoomUuid } from '@whiteroom/protocol';
import { mintToken } from '@whiteroom/token';
import { ApiError } from '../http/api-error.js';
import { newRoomUuid } from '../rooms.js';
import type { RouteContext } from './context.js';

const AppRoom = Type.Object({
  uuid: RoomUuid,
  name: Type.String(),
  isRecord: Type.Boolean(),
  limit: Type.Integer(),
  writerUrl: Type.String({ description: 'the room page with a writer token' }),
  readerUrl: Type.String({ description: 'the room page with a reader token' }),
});

/**
 * For the first-run experience the server plays the developer's business server: the web app
 * creates a room here, with no sdkToken in the browser, and gets links for writers and readers.
 * In production the developer's own server creates rooms with its sdkToken, and this endpoint is
 * turned off (`--no-app-rooms`).
 */
export function appRoomRoutes(context: RouteContext & { appRooms: boolean }) {
  const { storage } = context;

  return (app: FastifyInstance): void => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.post(
      '/app/rooms',
      {
        config: { generation: 'current' },
        schema: {
          summary: 'Create a room from the web app (first-run convenience)',
          description:
            "Creates a room with the server's own key pair and returns links for writers and " +
            'readers. Off with `--no-app-rooms`, as it should be wherever rooms are created by a ' +
            'business server.',
          tags: ['app'],
          security: [],
          body: CreateRoomBody,
          response: { 201: AppRoom, 400: CurrentErrorBodySchema, 404: CurrentErrorBodySchema },
        },
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request, reply) => {
        if (!context.appRooms) throw new ApiError('routeNotFound');
        const keyPair = (await storage.keyPairs.list()).find((pair) => !pair.disabled);
        if (!keyPair) throw new ApiError('internal');

        const room = await storage.rooms.create({
          uuid: newRoomUuid(),
          appId: keyPair.appId,
          name: request.body.name ?? '',
          limit: request.body.limit ?? 0,
          isRecord: request.body.isRecord ?? false,
          region: context.defaultRegion,
          createdByKeyId: keyPair.id,
        });
        // Links are meant to be shared and kept, like a meeting link: they do not expire.
        const link = (role: 'writer' | 'reader') =>
          `/room/${room.uuid}?token=${mintToken('room', { ...keyPair, role, uuid: room.uuid })}`;
        return reply.code(201).send({
          uuid: room.uuid,
          name: room.name,
          isRecord: room.isRecord,
          limit: room.limit,
          writerUrl: link('writer'),
          readerUrl: link('reader'),
        });
      },
    );
  };
}
