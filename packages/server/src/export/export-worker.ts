import path from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import type { ApiErrorName } from '@whiteroom/protocol';
import { ApiError } from '../http/api-error.js';
import { openSqliteReader } from '../storage/sqlite.js';
import type { RoomRecord } from '../storage/storage.js';
import type { PageSelection } from '../history/page-history.js';
import { boardForExport } from './board-source.js';
import { exportPage, exportPdf, type ExportResult } from './exporter.js';

/** One export for the export pool: which room, at which moment, drawn how. */
export interface ExportJob {
  /** The data folder: the worker reads the room from its database with a connection of its own. */
  dataDir: string;
  room: RoomRecord;
  /** The room as it was then (historied rooms); now when absent. */
  at?: number | undefined;
  output:
    | {
        format: 'svg' | 'png';
        /** The page; the room's current page (at `at`) when absent. */
        path?: string | undefined;
        width: number;
        height: number;
      }
    | { format: 'pdf'; width: number; height: number; title: string };
  /** Told `{ done, total }` after each page of a PDF. */
  progress?: MessagePort | undefined;
}

/** What became of an export: the file, or why there is none (an error of the registry). */
export type ExportOutcome =
  | { ok: true; result: ExportResult }
  | { ok: false; error: ApiErrorName; details: string[]; pages?: string[] };

/** An error as one line: its class, its code when it has one, and its message. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
}

/**
 * Runs on a worker thread of the export pool (see `export-pool.ts`): reads the board, draws it
 * and encodes it there. Reading a large room, the geometry of thousands of strokes, rasterising
 * and encoding each take from a tenth of a second to seconds; here none of them holds up the
 * event loop that serves rooms. Refusals (no such page, a moment out of range) are answered as
 * values, since an error's class does not survive the trip between threads.
 */
export default async function runExportJob(job: ExportJob): Promise<ExportOutcome> {
  try {
    return await exportOnThisThread(job);
  } catch (error) {
    if (error instanceof ApiError) {
      return { ok: false, error: error.errorName, details: error.details };
    }
    // Between threads an error keeps its message and stack but not its class or own fields
    // (SQLite's `code`): the message carries them to the server's log.
    throw new Error(`export failed: ${describeError(error)}`, { cause: error });
  } finally {
    job.progress?.close();
  }
}

async function exportOnThisThread(job: ExportJob): Promise<ExportOutcome> {
  // A connection a job keeps the worker independent of the server's; opening one is a few
  // milliseconds against the hundreds a large export takes.
  const reader = openSqliteReader(job.dataDir);
  try {
    const { output } = job;
    // A picture of one page at a moment needs only that page's history.
    const pages: PageSelection =
      output.format === 'pdf' ? 'all' : output.path === undefined ? 'current' : [output.path];
    const board = await reader.atOneMoment((storage) =>
      boardForExport(storage, job.room, job.at, pages),
    );
    const uploadsDir = path.join(job.dataDir, 'uploads');
    if (output.format === 'pdf') {
      const result = await exportPdf(board, {
        ...output,
        uploadsDir,
        onPage: (done, total) => job.progress?.postMessage({ done, total }),
      });
      return { ok: true, result };
    }
    const page = output.path ?? board.scenePath;
    const result = await exportPage(board, { ...output, path: page, uploadsDir });
    if (!result) {
      return {
        ok: false,
        error: 'sceneNotFound',
        details: [`no page ${page}`],
        pages: board.pagePaths(),
      };
    }
    return { ok: true, result };
  } finally {
    await reader.close();
  }
}
