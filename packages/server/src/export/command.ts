import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { API_ERRORS } from '@whiteroom/protocol';
import type { RoomRecord, Storage } from '../storage/storage.js';
import { runExport } from './export-pool.js';
import type { ExportOutcome } from './export-worker.js';
import { exportFonts } from './fonts.js';
import type { ExportFormat, ExportResult } from './exporter.js';

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
  const { format, width, height } = options;
  if (format !== 'svg' && !exportFonts().found) {
    options.progress?.write(
      'whiteroom: no fonts found, so text is left out; see WHITEROOM_FONT_DIR in the README\n',
    );
  }

  const job = { dataDir: options.dataDir, room, at: options.at };
  let outcome: ExportOutcome;
  if (format === 'pdf') {
    const bar = options.progress?.isTTY
      ? new SingleBar({
          stream: options.progress,
          format: 'exporting |{bar}| {value}/{total} pages',
          hideCursor: true,
          clearOnComplete: true,
        })
      : undefined;
    // The bar hides the cursor and turns off line wrapping: an interrupted export gives the
    // terminal back as it found it.
    const interrupted = () => {
      bar?.stop();
      process.exit(130);
    };
    if (bar) process.once('SIGINT', interrupted);
    try {
      const title = `Whiteroom ${room.uuid}`;
      outcome = await runExport(
        { ...job, output: { format, width, height, title } },
        (done, total) => {
          if (done === 1) bar?.start(total, 0);
          bar?.update(done);
        },
      );
    } finally {
      process.off('SIGINT', interrupted);
      bar?.stop();
    }
  } else {
    const output = { format, path: options.page, width, height };
    outcome = await runExport({ ...job, output });
  }
  if (!outcome.ok) throw new Error(explain(uuid, outcome));

  const file = path.resolve(options.out ?? `${uuid}.${format}`);
  await writeFile(file, outcome.result.bytes).catch((error: unknown) => {
    throw new Error(`cannot write ${file}: ${whyNotWritten(error, file)}`);
  });
  return { file, result: outcome.result };
}

/** A refused export as a sentence: what the registry says, and the pages there are. */
function explain(uuid: string, refused: Extract<ExportOutcome, { ok: false }>): string {
  const sentence = [API_ERRORS[refused.error].message, ...refused.details].join(': ');
  if (!refused.pages) return sentence;
  return `room ${uuid}: ${sentence}; its pages: ${refused.pages.join(', ')}`;
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
