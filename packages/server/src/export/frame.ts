import type { Element } from '@whiteroom/protocol';
import { elementBounds, unionBounds, type Bounds } from '@whiteroom/render';

/** Space kept around a page's content in an export, in pixels of the picture. */
export const EXPORT_MARGIN = 24;

/**
 * The part of the board a `width` × `height` picture of a page shows: the content's bounds fitted
 * into the picture with a margin, centred, widened on one axis to the picture's proportions. An
 * empty page shows the board from its origin at one unit a pixel.
 */
export function exportFrame(elements: readonly Element[], width: number, height: number): Bounds {
  const content = unionBounds(elements.map((element) => elementBounds(element)));
  if (!content) return { minX: 0, minY: 0, maxX: width, maxY: height };

  // A picture only a few pixels across keeps most of itself for the content.
  const margin = Math.min(EXPORT_MARGIN, width / 8, height / 8);
  const contentWidth = Math.max(content.maxX - content.minX, 1);
  const contentHeight = Math.max(content.maxY - content.minY, 1);
  const scale = Math.min(
    (width - 2 * margin) / contentWidth,
    (height - 2 * margin) / contentHeight,
  );

  const shownWidth = width / scale;
  const shownHeight = height / scale;
  const centreX = (content.minX + content.maxX) / 2;
  const centreY = (content.minY + content.maxY) / 2;
  return {
    minX: centreX - shownWidth / 2,
    minY: centreY - shownHeight / 2,
    maxX: centreX + shownWidth / 2,
    maxY: centreY + shownHeight / 2,
  };
}
