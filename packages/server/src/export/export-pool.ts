import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ExportJob, ExportOutcome } from './export-worker.js';

/**
 * Exports worked on at once: one core is left to the event loop that serves rooms, so that on a
 * machine of two cores one export runs at a time. Each holds its whole bitmap while it draws
 * (256 MiB at 8192 × 8192).
 */
export const EXPORT_THREADS = Math.max(1, Math.min(2, availableParallelism() - 1));

/**
 * The worker module. Once built it sits beside this one; run from the TypeScript sources (as the
 * test runner does) there is no `.js` beside it, and the build's copy is used.
 */
function workerFile(): URL {
  const beside = new URL('./export-worker.js', import.meta.url);
  if (existsSync(beside)) return beside;
  return new URL('../../dist/export/export-worker.js', import.meta.url);
}

let pool: Piscina<ExportJob, ExportOutcome> | undefined;

/**
 * Runs an export on the export pool's worker threads, as `runExportJob` describes; `onPage` is
 * told of each page of a PDF, and `signal` abandons the export (rejecting with an AbortError).
 * Threads start with the first export and stop after half a minute idle; an idle pool does not
 * keep the process alive.
 */
export async function runExport(
  job: Omit<ExportJob, 'progress'>,
  onPage?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ExportOutcome> {
  pool ??= new Piscina({
    filename: workerFile().href,
    minThreads: 0,
    maxThreads: EXPORT_THREADS,
    idleTimeout: 30_000,
  });
  // An abort takes the job out of the pool's queue, or ends the thread working on it.
  if (!onPage) return fromWorker(await pool.run(job, signal ? { signal } : {}));

  const channel = new MessageChannel();
  channel.port1.on('message', ({ done, total }: { done: number; total: number }) =>
    onPage(done, total),
  );
  try {
    const task = { ...job, progress: channel.port2 };
    const options = { transferList: [channel.port2], ...(signal && { signal }) };
    return fromWorker(await pool.run(task, options));
  } finally {
    channel.port1.close();
  }
}

/** A Buffer crosses between threads as a plain Uint8Array; this makes it a Buffer again. */
function fromWorker(outcome: ExportOutcome): ExportOutcome {
  if (!outcome.ok) return outcome;
  const { bytes } = outcome.result;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { ok: true, result: { ...outcome.result, bytes: buffer } };
}

/** Stops the pool's threads once the exports running are done; a later export starts it again. */
export async function closeExportPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
