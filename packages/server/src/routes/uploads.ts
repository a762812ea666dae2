import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CurrentErrorBodySchema, RoomUuid } from '@whiteroom/protocol';
import { authenticate, requireRoomAccess } from '../auth.js';
import { ApiError } from '../http/api-error.js';
import { tokenOf, type RouteContext } from './context.js';
import { AuthHeaders } from './schemas.js';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** Image types accepted, each recognised by its first bytes rather than by what the client says. */
const IMAGE_TYPES = [
  {
    type: 'image/png',
    ext: 'png',
    matches: (b: Buffer) => b.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])),
  },
  {
    type: 'image/jpeg',
    ext: 'jpg',
    matches: (b: Buffer) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])),
  },
  {
    type: 'image/gif',
    ext: 'gif',
    matches: (b: Buffer) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  },
  {
    type: 'image/webp',
    ext: 'webp',
    matches: (b: Buffer) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' &&
      b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
] as const;

const STORED_NAME = /^[0-9a-f]{64}\.(png|jpg|gif|webp)$/;

/**
 * Images inserted into rooms: uploaded by a writer of the room, kept in the data folder under
 * their content hash, and served back at `/uploads/{room}/{hash}.{ext}`. SVG is not accepted: it
 * could carry script into the server's own origin.
 */
export function uploadRoutes(context: RouteContext & { dataDir: string }) {
  const uploads = path.join(context.dataDir, 'uploads');

  return async (app: FastifyInstance): Promise<void> => {
    for (const { type } of IMAGE_TYPES) {
      app.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: MAX_IMAGE_BYTES },
        (_r, body, done) => done(null, body),
      );
    }
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.post(
      '/app/rooms/:uuid/images',
      {
        config: { generation: 'current' },
        bodyLimit: MAX_IMAGE_BYTES,
        schema: {
          summary: 'Upload an image for a room',
          description:
            'The body is the image itself (PNG, JPEG, GIF or WebP, up to 10 MiB). Needs a writer token of the room.',
          tags: ['app'],
          headers: AuthHeaders,
          params: Type.Object({ uuid: RoomUuid }),
          response: {
            201: Type.Object({ url: Type.String() }),
            400: CurrentErrorBodySchema,
            401: CurrentErrorBodySchema,
            403: CurrentErrorBodySchema,
            404: CurrentErrorBodySchema,
            413: CurrentErrorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const caller = await authenticate(context.storage, tokenOf(request, false));
        requireRoomAccess(caller, request.params.uuid, 'writer');
        const room = await context.storage.rooms.find(caller.keyPair.appId, request.params.uuid);
        if (!room) throw new ApiError('roomNotFound');

        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) throw new ApiError('unsupportedMediaType');
        const kind = IMAGE_TYPES.find((candidate) => candidate.matches(body));
        if (!kind)
          throw new ApiError('unsupportedMediaType', {
            details: ['not a PNG, JPEG, GIF or WebP image'],
          });

        const name = `${createHash('sha256').update(body).digest('hex')}.${kind.ext}`;
        const folder = path.join(uploads, room.uuid);
        await mkdir(folder, { recursive: true });
        await writeFile(path.join(folder, name), body, { flag: 'w' });
        return reply.code(201).send({ url: `/uploads/${room.uuid}/${name}` });
      },
    );

    api.get(
      '/uploads/:uuid/:name',
      {
        schema: {
          hide: true,
          params: Type.Object({
            uuid: RoomUuid,
            name: Type.String({ pattern: STORED_NAME.source }),
          }),
        },
      },
      async (request, reply) => {
        const file = path.join(uploads, request.params.uuid, request.params.name);
        const found = await stat(file).catch(() => undefined);
        if (!found?.isFile()) throw new ApiError('routeNotFound');
        const ext = request.params.name.split('.').pop();
        const type =
          IMAGE_TYPES.find((candidate) => candidate.ext === ext)?.type ??
          'application/octet-stream';
        return reply
          .type(type)
          .header('content-length', found.size)
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('x-content-type-options', 'nosniff')
          .send(createReadStream(file));
      },
    );
  };
}
