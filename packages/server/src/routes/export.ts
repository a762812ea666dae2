import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ExportPdfBody, ExportedFile, ScreenshotBody } from '@whiteroom/protocol';
import { authenticate, requireRoomAccess } from '../auth.js';
import { CONTENT_TYPES, type ExportResult } from '../export/exporter.js';
import { ExportStore } from '../export/files.js';
import { closeExportPool, runExport } from '../export/export-pool.js';
import type { ExportJob } from '../export/export-worker.js';
import { exportFonts } from '../export/fonts.js';
import { Gate, GateFullError } from '../export/gate.js';
import { DEFAULT_EXPORT_QUEUE, type ExportQueueLimits } from '../export/queue-limits.js';
import { ApiError } from '../http/api-error.js';
import { tokenOf, type RouteContext } from './context.js';
import { AuthHeaders, CURRENT_ERRORS, UuidParams } from './schemas.js';

const errors = CURRENT_ERRORS;
const config = { generation: 'current' } as const;
const tags = ['export'];

/**
 * Pictures and PDFs of a room's pages, now or at a moment, stored in the data folder's `exports`
 * and served at `/v5/exports/{id}.{ext}` for a day to whoever has the link.
 */
export function exportRoutes(
  context: RouteContext & {
    dataDir: string;
    queue?: Partial<ExportQueueLimits> | undefined;
    /** Where clients reach the server; the address of each request when unset. */
    publicUrl?: string | undefined;
  },
) {
  const { storage } = context;
  const store = new ExportStore(path.join(context.dataDir, 'exports'));
  const queue = { ...DEFAULT_EXPORT_QUEUE, ...context.queue };
  const gate = new Gate(queue.running, queue.waiting);

  /**
   * Runs an export on the pool in its turn; a refusal of the registry is thrown as one. An export
   * whose client goes away (or is cut off at shutdown) leaves the queue, or stops being drawn, at
   * once: its place goes to the next, and undefined is answered, for the caller to send nothing.
   */
  async function exported(
    job: Omit<ExportJob, 'dataDir'>,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<ExportResult | undefined> {
    const gone = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) gone.abort();
    });
    const run = () => runExport({ ...job, dataDir: context.dataDir }, undefined, gone.signal);
    let outcome;
    try {
      outcome = await gate.run(run, gone.signal);
    } catch (error) {
      if (error instanceof GateFullError) throw new ApiError('exportsBusy');
      if (!gone.signal.aborted) throw error;
      request.log.info({ room: job.room.uuid }, 'export abandoned: its client went away');
      return undefined;
    }
    if (!outcome.ok) throw new ApiError(outcome.error, { details: outcome.details });
    return outcome.result;
  }

  async function writableRoom(request: FastifyRequest, uuid: string) {
    const caller = await authenticate(storage, tokenOf(request, false));
    // COMPAT: the hosted screenshot endpoint needs a writer token, so this does too.
    requireRoomAccess(caller, uuid, 'writer');
    const room = await storage.rooms.find(caller.keyPair.appId, uuid);
    if (!room) throw new ApiError('roomNotFound');
    return room;
  }

  async function stored(request: FastifyRequest, result: ExportResult): Promise<ExportedFile> {
    if (result.omittedImages.length > 0) {
      request.log.info({ omitted: result.omittedImages.length }, 'export left out images');
    }
    const name = await store.save(result.bytes, result.format);
    const urlPath = `/v5/exports/${name}`;
    const file: ExportedFile = {
      // Behind a proxy the request's own address is the proxy's view: the operator says better.
      url: `${context.publicUrl ?? `${request.protocol}://${request.host}`}${urlPath}`,
      path: urlPath,
      contentType: CONTENT_TYPES[result.format],
      width: result.width,
      height: result.height,
    };
    if (result.pages !== undefined) file.pages = result.pages;
    return file;
  }

  return async (app: FastifyInstance): Promise<void> => {
    if (!exportFonts().found) {
      app.log.warn(
        'no fonts found: PNG and PDF exports will have no text (see WHITEROOM_FONT_DIR)',
      );
    }
    // The pool's threads are idle by the time the server closes; this lets them go at once.
    app.addHook('onClose', closeExportPool);
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.post(
      '/v5/rooms/:uuid/screenshots',
      {
        config,
        schema: {
          summary: 'Export a page as PNG or SVG',
          description:
            'A `width` × `height` picture of one page (`/init` by default), its content fitted ' +
            'with a margin on white. With `at`, the page as it was then (historied rooms). Needs ' +
            'a writer token. The file is served at the answered URL for 24 hours.',
          tags,
          headers: AuthHeaders,
          params: UuidParams,
          body: ScreenshotBody,
          response: { 201: ExportedFile, ...errors },
        },
      },
      async (request, reply) => {
        const room = await writableRoom(request, request.params.uuid);
        const { width, height, path: page = '/init', at, format = 'png' } = request.body;
        const output = { format, path: page, width, height };
        const result = await exported({ room, at, output }, request, reply);
        if (!result) return reply.hijack();
        return reply.code(201).send(await stored(request, result));
      },
    );

    api.post(
      '/v5/rooms/:uuid/pdf',
      {
        config,
        schema: {
          summary: 'Export every page as a PDF',
          description:
            'One PDF page per room page, in page order, each framed like a `width` × `height` ' +
            'screenshot (1280 × 720 by default). With `at`, the pages as they were then ' +
            '(historied rooms). Needs a writer token. Served at the answered URL for 24 hours.',
          tags,
          headers: AuthHeaders,
          params: UuidParams,
          body: ExportPdfBody,
          response: { 201: ExportedFile, ...errors },
        },
        // Every field is optional, so no body at all means the defaults; a JSON `null` is still
        // a body, and not an object, as at the screenshot endpoint.
        preValidation: async (request) => {
          if (request.body === undefined) request.body = {};
        },
      },
      async (request, reply) => {
        const room = await writableRoom(request, request.params.uuid);
        const { width = 1280, height = 720, at } = request.body;
        const title = `Whiteroom ${room.uuid}`;
        const output = { format: 'pdf', width, height, title } as const;
        const result = await exported({ room, at, output }, request, reply);
        if (!result) return reply.hijack();
        return reply.code(201).send(await stored(request, result));
      },
    );

    api.get(
      '/v5/exports/:name',
      {
        config,
        schema: {
          summary: 'Download an exported file',
          description:
            'No token: the name is 128 random bits, known only to whoever exported the file. ' +
            'Answers 404 (code 305) once the file is older than 24 hours.',
          tags,
          security: [],
          // Any other name is a file that does not exist (404, code 305), as a name that merely
          // has not been made: no separate error tells a malformed name from an unknown one.
          params: Type.Object({
            name: Type.String({ description: '32 hexadecimal characters and the format' }),
          }),
        },
      },
      async (request, reply) => {
        const found = await store.open(request.params.name);
        if (!found) throw new ApiError('fileNotFound');
        return (
          reply
            .type(found.contentType)
            .header('content-length', found.size)
            .header('cache-control', 'private, max-age=86400, immutable')
            .header('x-content-type-options', 'nosniff')
            // An exported SVG holds only shapes, text and data-URL images; nothing in it may run.
            .header('content-security-policy', "default-src 'none'; img-src data:; sandbox")
            .send(createReadStream(found.file))
        );
      },
    );
  };
}
