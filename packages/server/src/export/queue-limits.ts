import { EXPORT_THREADS } from './export-pool.js';

/** How many exports a server works on at once, and how many may wait their turn. */
export interface ExportQueueLimits {
  /** Exports worked on at once; more than the export pool's threads only wait there instead. */
  running: number;
  /** Exports that may wait; one more is refused with `exportsBusy` (503, code 504). */
  waiting: number;
}

/**
 * One export per thread of the export pool, and eight waiting: the last in line waits for the
 * eight ahead of it, a few seconds each for the largest picture of an ordinary room.
 */
export const DEFAULT_EXPORT_QUEUE: ExportQueueLimits = { running: EXPORT_THREADS, waiting: 8 };
