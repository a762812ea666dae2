import { existsSync } from 'node:fs';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { Piscina } from 'piscina';
import { exportFonts } from './fonts.js';
import type { PageDrawing } from './page-worker.js';

/** Pages drawn at once; each holds its whole bitmap (256 MiB at 8192 × 8192) while it draws. */
export const EXPORT_THREADS = 2;

/**
 * The worker module. Once built it sits beside this one; run from the TypeScript sources (as the
 * test runner does) there is no `.js` beside it, and the build's copy is used.
 */
function workerFile(): URL {
  const beside = new URL('./page-worker.js', import.meta.url);
  if (existsSync(beside)) return beside;
  return new URL('../../dist/export/page-worker.js', import.meta.url);
}

let pool: Piscina<PageDrawing, Uint8Array> | undefined;

/** How resvg draws: the machine's fonts (looked up once, here), `scale` pixels to each. */
function rasterOptions(scale: number): ResvgRenderOptions {
  const fonts = exportFonts();
  const font: ResvgRenderOptions['font'] = { loadSystemFonts: true, fontDirs: fonts.fontDirs };
  if (fonts.sansSerifFamily) {
    font.sansSerifFamily = fonts.sansSerifFamily;
    font.defaultFontFamily = fonts.sansSerifFamily;
  }
  return {
    font,
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
    logLevel: 'off',
  };
}

/**
 * Draws a page on the export pool's worker threads, as `drawPage` describes. Threads start with
 * the first page and stop after half a minute idle; an idle pool does not keep the process alive.
 */
export async function drawOnPool(page: Omit<PageDrawing, 'raster'>, scale = 1): Promise<Buffer> {
  pool ??= new Piscina({
    filename: workerFile().href,
    minThreads: 0,
    maxThreads: EXPORT_THREADS,
    idleTimeout: 30_000,
  });
  const bytes = await pool.run({ ...page, raster: rasterOptions(scale) });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Stops the pool's threads once the pages being drawn are done; a later page starts it again. */
export async function closeExportPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
