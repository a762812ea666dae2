import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { exportFonts } from './fonts.js';
import { opaquePng } from './opaque-png.js';

/** How resvg draws: the machine's fonts (looked up once a thread), `scale` pixels to each. */
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
 * An SVG document (as `pageSvg` makes them) as PNG, `scale` pixels to each of its own. With
 * `opaque`, an RGB PNG without alpha, for a PDF page (see `opaquePng`). Runs where it is called:
 * the server calls it on the export pool's threads (see `export-pool.ts`).
 */
export async function svgToPng(svg: string, scale = 1, opaque = false): Promise<Buffer> {
  const image = await renderAsync(svg, rasterOptions(scale));
  return opaque ? opaquePng(image.pixels, image.width, image.height) : image.asPng();
}
