import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CreateRoomBody,
  ListRoomsQuery,
  Room,
  ScopedTokenBody,
  TeamTokenBody,
  TokenString,
  UpdateRoomBody,
} from '@whiteroom/protocol';
import { mintToken } from '@whiteroom/token';
import { authenticate, requireMayGrant, requireRoomAccess, requireSdkToken } from '../auth.js';
import { constantTimeEqual } from '../secrets.js';
import { ApiError } from '../http/api-error.js';
import { newRoomUuid, presentRoom } from '../rooms.js';
import { regionOf, tokenOf, type RouteContext } from './context.js';
import { AuthHeaders, CURRENT_ERRORS, UuidParams } from './schemas.js';

const errors = CURRENT_ERRORS;
const config = { generation: 'current' } as const;

/** Sends a token as the bare JSON string literal that clients `response.json()` into the token. */
const tokenJson = (token: string): string => JSON.stringify(token);

/** The current (`/v5`) REST API. */
export function currentRoutes(context: RouteContext) {
  const { storage } = context;

  return (app: FastifyInstance): void => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.post(
      '/v5/rooms',
      {
        config,
        schema: {
          summary: 'Create a room',
          tags: ['rooms'],
          headers: AuthHeaders,
          body: CreateRoomBody,
          response: { 201: Room, ...errors },
        },
        // Every field is optional, so no body at all means the defaults.
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request, reply) => {
        const caller = await authenticate(storage, tokenOf(request, false));
        requireSdkToken(caller, 'writer');

        const body = request.body;
        const room = await storage.rooms.create({
          uuid: newRoomUuid(),
          appId: caller.keyPair.appId,
          name: body.name ?? '',
          limit: body.limit ?? 0,
          isRecord: body.isRecord ?? false,
          region: regionOf(request, context.defaultRegion),
          createdByKeyId: caller.keyPair.id,
        });
        return reply.code(201).send(presentRoom(room));
      },
    );

    api.get(
      '/v5/rooms',
      {
        config,
        schema: {
          summary: 'List rooms',
          description:
            "Rooms of the caller's app in creation order. With `beginUUID` the list starts at that room (inclusive).",
          tags: ['rooms'],
          headers: AuthHeaders,
          querystring: ListRoomsQuery,
          response: { 200: Type.Array(Room), ...errors },
        },
      },
      async (request) => {
        const caller = await authenticate(storage, tokenOf(request, false));
        requireSdkToken(caller);

        const { beginUUID, limit = 100 } = request.query;
        const rooms = await storage.rooms.list(caller.keyPair.appId, {
          beginUuid: beginUUID,
          limit,
        });
        if (!rooms) throw new ApiError('roomNotFound', { details: ['beginUUID names no room'] });
        return rooms.map(presentRoom);
      },
    );

    api.get(
      '/v5/rooms/:uuid',
      {
        config,
        schema: {
          summary: 'Get a room',
          tags: ['rooms'],
          headers: AuthHeaders,
          params: UuidParams,
          response: { 200: Room, ...errors },
        },
      },
      async (request) => {
        const caller = await authenticate(storage, tokenOf(request, false));
        requireRoomAccess(caller, request.params.uuid, 'reader');

        const room = await storage.rooms.find(caller.keyPair.appId, request.params.uuid);
        if (!room) throw new ApiError('roomNotFound');
        return presentRoom(room);
      },
    );

    api.patch(
      '/v5/rooms/:uuid',
      {
        config,
        schema: {
          summary: 'Ban or un-ban a room',
          description: 'A banned room refuses joins until it is un-banned. Needs admin rights.',
          tags: ['rooms'],
          headers: AuthHeaders,
          params: UuidParams,
          body: UpdateRoomBody,
          response: { 201: Room, ...errors },
        },
      },
      async (request, reply) => {
        const caller = await authenticate(storage, tokenOf(request, false));
        requireRoomAccess(caller, request.params.uuid, 'admin');

        const room = await storage.rooms.setBan(
          caller.keyPair.appId,
          request.params.uuid,
          request.body.isBan,
        );
        if (!room) throw new ApiError('roomNotFound');
        if (room.isBan) context.hub.roomBanned(room.uuid);
        return reply.code(201).send(presentRoom(room));
      },
    );

    api.post(
      '/v5/tokens/teams',
      {
        config,
        schema: {
          summary: 'Mint an sdkToken from a key pair',
          tags: ['tokens'],
          security: [],
          body: TeamTokenBody,
          response: { 201: TokenString, ...errors },
        },
      },
      async (request, reply) => {
        const { accessKey, secretAccessKey, lifespan, role } = request.body;
        const keyPair = await storage.keyPairs.findByAccessKey(accessKey);
        const secretMatches =
          keyPair !== undefined && constantTimeEqual(keyPair.secretAccessKey, secretAccessKey);
        if (!keyPair || !secretMatches || keyPair.disabled) throw new ApiError('invalidKeyPair');

        const token = mintToken('sdk', { accessKey, secretAccessKey, lifespan, role });
        return reply.code(201).type('application/json; charset=utf-8').send(tokenJson(token));
      },
    );

    api.post(
      '/v5/tokens/rooms/:uuid',
      {
        config,
        schema: {
          summary: 'Mint a room token',
          description: 'Needs an sdkToken at least as strong as the role asked for.',
          tags: ['tokens'],
          headers: AuthHeaders,
          params: UuidParams,
          body: ScopedTokenBody,
          response: { 201: TokenString, ...errors },
        },
      },
      async (request, reply) => {
        const caller = await authenticate(storage, tokenOf(request, false));
        requireSdkToken(caller);
        requireMayGrant(caller, request.body.role);

        const room = await storage.rooms.find(caller.keyPair.appId, request.params.uuid);
        if (!room) throw new ApiError('roomNotFound');

        const token = mintToken('room', {
          accessKey: caller.keyPair.accessKey,
          secretAccessKey: caller.keyPair.secretAccessKey,
          uuid: room.uuid,
          ...request.body,
        });
        return reply.code(201).type('application/json; charset=utf-8').send(tokenJson(token));
      },
    );

    api.post(
      '/v5/tokens/tasks/:uuid',
      {
        config,
        schema: {
          summary: 'Mint a task token',
          description: 'Needs an sdkToken at least as strong as the role asked for.',
          tags: ['tokens'],
          headers: AuthHeaders,
          params: UuidParams,
          body: ScopedTokenBody,
          response: { 201: TokenString, ...errors },
        },
      },
      async (request, reply) => {
        const caller = await authenticate(storage, tokenOf(request, false));
        requireSdkToken(caller);
        requireMayGrant(caller, request.body.role);

        // The prefix of a token is not signed, and task and room tokens carry the same fields:
        // a task token for a room's uuid would open that room once re-prefixed.
        if (await storage.rooms.find(caller.keyPair.appId, request.params.uuid)) {
          throw new ApiError('invalidUuid', { details: ['that uuid belongs to a room'] });
        }
        // NOTE: tasks (file conversion, export jobs) are not stored yet, so any other
        // well-formed task uuid gets a token; the task endpoints that will check it come later.
        const token = mintToken('task', {
          accessKey: caller.keyPair.accessKey,
          secretAccessKey: caller.keyPair.secretAccessKey,
          uuid: request.params.uuid,
          ...request.body,
        });
        return reply.code(201).type('application/json; charset=utf-8').send(tokenJson(token));
      },
    );
  };
}
