import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { ApiError } from '../http/api-error.js';
import type { RoomRecord, Storage } from '../storage/storage.js';
import { boardForExport } from './board-source.js';
import { exportFonts } from './fonts.js';
import { exportPage, exportPdf, type ExportFormat, type ExportResult } from './exporter.js';

export interface ExportCommandOptions {
  format: ExportFormat;
  width: number;
  height: number;
  /** The page of an SVG or PNG; the room's current page by default. */
  page?: string;
  at?: number;
  /** Where to write; `{uuid}.{format}` in the working folder by default. */
  out?: string;
  dataDir: string;
  /** Where a progress bar goes, when it is a terminal. */
  progress?: NodeJS.WriteStream;
}

/** A room of any app of the data folder: the command line acts as the server's operator. */
async function findRoom(storage: Storage, uuid: string): Promise<RoomRecord | undefined> {
  const appIds = new Set((await storage.keyPairs.list()).map((pair) => pair.appId));
  for (const appId of appIds) {
    const room = await storage.rooms.find(appId, uuid);
    if (room) return room;
  }
  return undefined;
}

/** What a refusal of the REST API says, without its HTTP wrapping. */
function explain(error: unknown): never {
  if (error instanceof ApiError) {
    throw new Error([error.message, ...error.details].join(': '));
  }
  throw error;
}

/**
 * `whiteroom export`: a page (SVG, PNG) or every page (PDF) of a room, written to a file. Throws
 * an Error with a sentence for the user when the room, the page or the moment does not exist.
 * Resolves to the file written.
 */
export async function runExportCommand(
  storage: Storage,
  uuid: string,
  options: ExportCommandOptions,
): Promise<{ file: string; result: ExportResult }> {
  const room = await findRoom(storage, uuid);
  if (!room) throw new Error(`no room ${uuid} in ${options.dataDir}`);
  const board = await boardForExport(storage, room, options.at).catch(explain);
  const uploadsDir = path.join(options.dataDir, 'uploads');
  const { format, width, height } = options;
  if (format !== 'svg' && !exportFonts().found) {
    options.progress?.write(
      'whiteroom: no fonts found, so text is left out; see WHITEROOM_FONT_DIR in the README\n',
    );
  }

  let result: ExportResult;
  if (format === 'pdf') {
    const bar = options.progress?.isTTY
      ? new SingleBar({
          stream: options.progress,
          format: 'exporting |{bar}| {value}/{total} pages',
          hideCursor: true,
          clearOnComplete: true,
        })
      : undefined;
    bar?.start(board.pagePaths().length, 0);
    try {
      result = await exportPdf(board, {
        width,
        height,
        uploadsDir,
        title: `Whiteroom ${room.uuid}`,
        onPage: (done) => bar?.update(done),
      });
    } finally {
      bar?.stop();
    }
  } else {
    const page = options.page ?? board.scenePath;
    const exported = await exportPage(board, { path: page, width, height, format, uploadsDir });
    if (!exported) {
      throw new Error(
        `room ${uuid} has no page ${page}; its pages: ${board.pagePaths().join(', ')}`,
      );
    }
    result = exported;
  }

  const file = path.resolve(options.out ?? `${uuid}.${format}`);
  await writeFile(file, result.bytes).catch((error: unknown) => {
    throw new Error(`cannot write ${file}: ${whyNotWritten(error, file)}`);
  });
  return { file, result };
}

/** Why a file could not be written, as a person would say it. */
function whyNotWritten(error: unknown, file: string): string {
  switch ((error as NodeJS.ErrnoException | null)?.code) {
    case 'EISDIR':
      return 'it is a folder; give a file name with --out';
    case 'ENOENT':
      return `the folder ${path.dirname(file)} does not exist`;
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
