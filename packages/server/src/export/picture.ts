import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { Color, Element } from '@whiteroom/protocol';
import { elementsToSvgDocument } from '@whiteroom/render';
import { exportFonts } from './fonts.js';
import { exportFrame } from './frame.js';
import { opaquePng } from './opaque-png.js';

const WHITE: Color = [255, 255, 255];

/**
 * A page as a `width` × `height` SVG document on a white background, drawn by the web app's own
 * geometry. Images whose source is not in `images` (data URLs by source) are left out, so that
 * the document never points anywhere and the rasteriser never opens a file.
 */
export function pageSvg(
  elements: readonly Element[],
  width: number,
  height: number,
  images: ReadonlyMap<string, string>,
): string {
  const shown = elements.filter((element) => element.type !== 'image' || images.has(element.src));
  return elementsToSvgDocument(shown, {
    bounds: exportFrame(shown, width, height),
    size: { width, height },
    background: WHITE,
    imageHref: (src) => images.get(src) ?? '',
  });
}

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
 * An SVG document (as `pageSvg` makes them) as PNG, `scale` pixels to each of its own. resvg draws
 * on libuv's thread pool, so the event loop goes on serving while it works.
 */
export async function svgToPng(svg: string, scale = 1): Promise<Buffer> {
  const image = await renderAsync(svg, rasterOptions(scale));
  // NOTE: resvg encodes the PNG on the event loop's thread; for a 1280 × 720 page that is a few
  // tens of milliseconds.
  return image.asPng();
}

/** An SVG document as an RGB PNG without alpha, for a PDF page (see `opaquePng`). */
export async function svgToOpaquePng(svg: string, scale = 1): Promise<Buffer> {
  const image = await renderAsync(svg, rasterOptions(scale));
  return opaquePng(image.pixels, image.width, image.height);
}
