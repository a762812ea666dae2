import type { Element } from '@whiteroom/protocol';
import {
  drawElement,
  elementBounds,
  elementsToSvgDocument,
  expandBounds,
  unionBounds,
  type ImageLoader,
  type TextMeasurer,
} from '@whiteroom/render';

const PADDING = 24;
const WHITE: [number, number, number] = [255, 255, 255];
/** The exported picture is drawn at twice the board's size, for crisp prints and zooms. */
const PNG_SCALE = 2;
/** Browsers refuse canvases much larger than this on a side. */
const MAX_PNG_SIDE = 16_000;

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function area(elements: readonly Element[], measure: TextMeasurer) {
  const fitted = unionBounds(elements.map((element) => elementBounds(element, measure)));
  return expandBounds(fitted ?? { minX: 0, minY: 0, maxX: 400, maxY: 300 }, PADDING);
}

/** The page as an SVG file, drawn by the same code as the board. */
export function exportSvg(
  elements: readonly Element[],
  measure: TextMeasurer,
  filename: string,
): void {
  const svg = elementsToSvgDocument(elements, {
    measure,
    bounds: area(elements, measure),
    background: WHITE,
    // The file is opened away from this server: image links must be complete.
    imageHref: (src) => new URL(src, window.location.href).toString(),
  });
  download(new Blob([svg], { type: 'image/svg+xml' }), filename);
}

/**
 * The page as a PNG file. Resolves to a sentence when it cannot be made: an image from another
 * site that does not allow it keeps a canvas from being read.
 */
export async function exportPng(
  elements: readonly Element[],
  measure: TextMeasurer,
  images: ImageLoader,
  filename: string,
): Promise<string | undefined> {
  const bounds = area(elements, measure);
  const width = bounds.maxX - bounds.minX;
  const height = bounds.maxY - bounds.minY;
  const scale = Math.min(PNG_SCALE, MAX_PNG_SIDE / width, MAX_PNG_SIDE / height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) return 'This browser cannot draw the picture.';

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(scale, 0, 0, scale, -bounds.minX * scale, -bounds.minY * scale);
  for (const element of elements) drawElement(ctx, element, { images, measure });

  try {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) return 'The picture is too large for this browser to save.';
    download(blob, filename);
    return undefined;
  } catch {
    return 'An image from another site keeps this page from being saved as PNG. Save it as SVG instead.';
  }
}
