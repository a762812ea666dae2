import type { Color, Element } from '@whiteroom/protocol';
import { elementsToSvgDocument } from '@whiteroom/render';
import { exportFrame } from './frame.js';

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
