import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  LegacyBanRoomBody,
  LegacyCreateRoomBody,
  LegacyListRoomsQuery,
  LegacyRoom,
  RoomUuid,
  legacyEnvelope,
} from '@whiteroom/protocol';
import { mintToken } from '@whiteroom/token';
import { authenticate, requireRoomAccess, requireSdkToken, type Caller } from '../auth.js';
import { ApiError } from '../http/api-error.js';
import { newRoomUuid, presentLegacyRoom } from '../rooms.js';
import { regionOf, tokenOf, type RouteContext } from './context.js';
import { AuthHeaders, LEGACY_ERRORS, LegacyTokenQuery } from './schemas.js';

const errors = LEGACY_ERRORS;
const config = { generation: 'legacy' } as const;
const tags = ['legacy'];
const RoomAndToken = Type.Object({ room: LegacyRoom, roomToken: Type.String() });
const UuidQuery = Type.Object({ ...LegacyTokenQuery, uuid: Type.Optional(RoomUuid) });

/**
 * The room token the legacy API hands out with a room: the caller's own role (an admin sdkToken
 * gives an admin room token, as the hosted service did) and no expiry, since legacy clients never
 * had to renew one.
 */
function legacyRoomToken(caller: Caller, uuid: string): string {
  return mintToken('room', {
    accessKey: caller.keyPair.accessKey,
    secretAccessKey: caller.keyPair.secretAccessKey,
    role: caller.role,
    uuid,
  });
}

/** The legacy API: every answer is an envelope `{ code, msg }`; the sdkToken may be in the query. */
export function legacyRoutes(context: RouteContext) {
  const { storage } = context;

  /** Looks a room up for the legacy endpoints that name it by `?uuid=`. */
  async function roomFor(caller: Caller, uuid: string | undefined) {
    if (uuid === undefined) throw new ApiError('requireUuid');
    requireRoomAccess(caller, uuid, 'reader');
    const room = await storage.rooms.find(caller.keyPair.appId, uuid);
    if (!room) throw new ApiError('roomNotFound');
    return room;
  }

  return (app: FastifyInstance): void => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.post(
      '/room',
      {
        config,
        schema: {
          summary: 'Create a room (legacy)',
          tags,
          headers: AuthHeaders,
          querystring: Type.Object(LegacyTokenQuery),
          body: LegacyCreateRoomBody,
          response: {
            200: legacyEnvelope(
              Type.Object({ room: LegacyRoom, roomToken: Type.String(), code: Type.Literal(201) }),
            ),
            ...errors,
          },
        },
      },
      async (request) => {
        const caller = await authenticate(storage, tokenOf(request, true));
        requireSdkToken(caller, 'writer');

        const body = request.body ?? {};
        const room = await storage.rooms.create({
          uuid: newRoomUuid(),
          appId: caller.keyPair.appId,
          name: body.name ?? '',
          limit: body.limit ?? 0,
          isRecord: body.mode === 'historied',
          region: regionOf(request, context.defaultRegion),
          createdByKeyId: caller.keyPair.id,
        });
        const roomToken = legacyRoomToken(caller, room.uuid);
        return { code: 200, msg: { room: presentLegacyRoom(room), roomToken, code: 201 } } as const;
      },
    );

    const join = async (caller: Caller, uuid: string | undefined) => {
      requireSdkToken(caller);
      const room = await roomFor(caller, uuid);
      const roomToken = legacyRoomToken(caller, room.uuid);
      return { code: 200, msg: { room: presentLegacyRoom(room), roomToken } } as const;
    };

    api.post(
      '/room/join',
      {
        config,
        schema: {
          summary: 'Get a room token (legacy)',
          tags,
          headers: AuthHeaders,
          querystring: UuidQuery,
          response: { 200: legacyEnvelope(RoomAndToken), ...errors },
        },
      },
      async (request) => {
        const caller = await authenticate(storage, tokenOf(request, true));
        return join(caller, request.query.uuid);
      },
    );

    api.get(
      '/room/:uuid/roomtoken',
      {
        config,
        schema: {
          summary: 'Get a room token (legacy alias of POST /room/join)',
          tags,
          headers: AuthHeaders,
          params: Type.Object({ uuid: RoomUuid }),
          querystring: Type.Object(LegacyTokenQuery),
          response: { 200: legacyEnvelope(RoomAndToken), ...errors },
        },
      },
      async (request) => {
        const caller = await authenticate(storage, tokenOf(request, true));
        return join(caller, request.params.uuid);
      },
    );

    api.get(
      '/room',
      {
        config,
        schema: {
          summary: 'List rooms (legacy)',
          description: "Rooms of the caller's app in creation order; `offset` counts from 1.",
          tags,
          headers: AuthHeaders,
          querystring: Type.Object({ ...LegacyTokenQuery, ...LegacyListRoomsQuery.properties }),
          response: { 200: legacyEnvelope(Type.Array(LegacyRoom)), ...errors },
        },
      },
      async (request) => {
        const caller = await authenticate(storage, tokenOf(request, true));
        requireSdkToken(caller);

        const { offset = 1, limit = 100 } = request.query;
        const rooms = await storage.rooms.list(caller.keyPair.appId, { skip: offset - 1, limit });
        return { code: 200, msg: (rooms ?? []).map(presentLegacyRoom) } as const;
      },
    );

    api.get(
      '/room/id',
      {
        config,
        schema: {
          summary: 'Get a room (legacy)',
          tags,
          headers: AuthHeaders,
          querystring: UuidQuery,
          response: { 200: legacyEnvelope(Type.Object({ room: LegacyRoom })), ...errors },
        },
      },
      async (request) => {
        const caller = await authenticate(storage, tokenOf(request, true));
        const room = await roomFor(caller, request.query.uuid);
        return { code: 200, msg: { room: presentLegacyRoom(room) } } as const;
      },
    );

    api.post(
      '/banRoom',
      {
        config,
        schema: {
          summary: 'Ban or un-ban a room (legacy)',
          description: 'Needs admin rights.',
          tags,
          headers: AuthHeaders,
          querystring: Type.Object(LegacyTokenQuery),
          body: LegacyBanRoomBody,
          response: { 200: legacyEnvelope(Type.Object({ room: LegacyRoom })), ...errors },
        },
      },
      async (request) => {
        const caller = await authenticate(storage, tokenOf(request, true));
        requireRoomAccess(caller, request.body.uuid, 'admin');

        const room = await storage.rooms.setBan(
          caller.keyPair.appId,
          request.body.uuid,
          request.body.ban,
        );
        if (!room) throw new ApiError('roomNotFound');
        if (room.isBan) context.hub.roomBanned(room.uuid);
        return { code: 200, msg: { room: presentLegacyRoom(room) } } as const;
      },
    );
  };
}
