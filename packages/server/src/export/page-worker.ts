import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { Element } from '@whiteroom/protocol';
import { opaquePng } from './opaque-png.js';
import { pageSvg } from './page-svg.js';

/** One page to draw on the export pool. */
export interface PageDrawing {
  elements: readonly Element[];
  width: number;
  height: number;
  /** Data URLs of the images shown, by source; other images are left out. */
  images: ReadonlyMap<string, string>;
  /**
   * `svg`: the SVG document; `png`: resvg's RGBA PNG; `opaque-png`: an RGB PNG without alpha, for
   * a PDF page (see `opaquePng`).
   */
  output: 'svg' | 'png' | 'opaque-png';
  /** How resvg draws, with `scale` pixels to each of the page's; unused for `svg`. */
  raster: ResvgRenderOptions;
}

/**
 * Runs on a worker thread of the export pool (see `export-pool.ts`). The geometry of a page of
 * thousands of strokes, the rasterising and the PNG encoding each take from a tenth of a second to
 * seconds; here none of them holds up the event loop that serves rooms.
 */
export default async function drawPage(page: PageDrawing): Promise<Uint8Array> {
  const svg = pageSvg(page.elements, page.width, page.height, page.images);
  if (page.output === 'svg') return Buffer.from(svg, 'utf8');
  const image = await renderAsync(svg, page.raster);
  if (page.output === 'opaque-png') return opaquePng(image.pixels, image.width, image.height);
  return image.asPng();
}
