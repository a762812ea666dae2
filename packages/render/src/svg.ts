import type { Color, Element, ImageElement, TextElement } from '@whiteroom/protocol';
import { elementBounds } from './bounds.js';
import { cssColor } from './color.js';
import { expandBounds, unionBounds, type Bounds } from './geometry.js';
import { formatNumber as n, pathData } from './path.js';
import { elementPaints, isPathElement, type Paint } from './shapes.js';
import { FONT_FAMILY, layoutText, type TextMeasurer } from './text.js';

export interface SvgOptions {
  /** How text is measured for wrapping; an estimate by default. */
  measure?: TextMeasurer;
  /** What an image's `src` becomes in `href`, e.g. an absolute URL or a data URL. */
  imageHref?: (src: string) => string;
}

export interface SvgDocumentOptions extends SvgOptions {
  /** The part of the board to show; every element's bounds by default. */
  bounds?: Bounds;
  /** Space around the elements when `bounds` is not given. */
  padding?: number;
  /** A background colour; transparent when absent. */
  background?: Color;
  /**
   * The document's `width` and `height`, the size it is shown or rasterised at; the shown area's
   * size by default (one board unit to a pixel). The area is scaled to fit, centred.
   */
  size?: { width: number; height: number };
}

/** Text as XML character data or attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function paintToSvg(paint: Paint): string {
  const attributes = [`d="${pathData(paint.path)}"`];
  attributes.push(`fill="${paint.fill ? cssColor(paint.fill) : 'none'}"`);
  if (paint.stroke) {
    attributes.push(
      `stroke="${cssColor(paint.stroke.color)}"`,
      `stroke-width="${n(paint.stroke.width)}"`,
      'stroke-linecap="round"',
      'stroke-linejoin="round"',
    );
    if (paint.stroke.dash) {
      attributes.push(`stroke-dasharray="${paint.stroke.dash.map(n).join(' ')}"`);
    }
  }
  return `<path ${attributes.join(' ')}/>`;
}

function textToSvg(element: TextElement, measure?: TextMeasurer): string {
  const layout = layoutText(element, measure);
  const { size, bold, italic } = layout.style;
  const attributes = [
    `font-family="${escapeXml(FONT_FAMILY)}"`,
    `font-size="${n(size)}"`,
    `fill="${cssColor(element.textColor)}"`,
  ];
  if (bold) attributes.push('font-weight="bold"');
  if (italic) attributes.push('font-style="italic"');
  const spans = layout.lines
    .map((line) => `<tspan x="0" y="${n(line.baseline)}">${escapeXml(line.text)}</tspan>`)
    .join('');
  let svg = `<text ${attributes.join(' ')} xml:space="preserve">${spans}</text>`;
  if (element.underline) {
    for (const line of layout.lines) {
      if (line.width <= 0) continue;
      svg +=
        `<rect x="0" y="${n(line.baseline + size * 0.12)}" width="${n(line.width)}" ` +
        `height="${n(Math.max(1, size / 16))}" fill="${cssColor(element.textColor)}"/>`;
    }
  }
  return svg;
}

function imageToSvg(element: ImageElement, imageHref?: (src: string) => string): string {
  const href = imageHref ? imageHref(element.src) : element.src;
  return (
    `<image href="${escapeXml(href)}" x="0" y="0" width="${n(element.width)}" ` +
    `height="${n(element.height)}" preserveAspectRatio="none"/>`
  );
}

/**
 * An element as an SVG fragment, a `<g>` placed and rotated like the element, drawn with exactly
 * the geometry of `drawElement`.
 */
export function elementToSvg(element: Element, options: SvgOptions = {}): string {
  let transform = `translate(${n(element.x)} ${n(element.y)})`;
  if (element.rotation) transform += ` rotate(${n(element.rotation)})`;
  const attributes = [`data-id="${escapeXml(element.id)}"`, `data-type="${element.type}"`];
  attributes.push(`transform="${transform}"`);
  if (element.opacity !== undefined) attributes.push(`opacity="${n(element.opacity)}"`);

  let body: string;
  if (isPathElement(element)) body = elementPaints(element).map(paintToSvg).join('');
  else if (element.type === 'text') body = textToSvg(element, options.measure);
  else body = imageToSvg(element, options.imageHref);
  return `<g ${attributes.join(' ')}>${body}</g>`;
}

/** A standalone SVG document of elements (bottom to top), sized to them or to `bounds`. */
export function elementsToSvgDocument(
  elements: readonly Element[],
  options: SvgDocumentOptions = {},
): string {
  const fitted = unionBounds(elements.map((element) => elementBounds(element, options.measure)));
  const area =
    options.bounds ??
    expandBounds(fitted ?? { minX: 0, minY: 0, maxX: 0, maxY: 0 }, options.padding ?? 16);
  const width = Math.max(1, area.maxX - area.minX);
  const height = Math.max(1, area.maxY - area.minY);
  const viewBox = `${n(area.minX)} ${n(area.minY)} ${n(width)} ${n(height)}`;
  const background = options.background
    ? `<rect x="${n(area.minX)}" y="${n(area.minY)}" width="${n(width)}" height="${n(height)}" fill="${cssColor(options.background)}"/>`
    : '';
  const body = elements.map((element) => elementToSvg(element, options)).join('\n');
  const size = options.size ?? { width, height };
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(size.width)}" height="${n(size.height)}" ` +
    `viewBox="${viewBox}">\n${background}${body}\n</svg>\n`
  );
}
