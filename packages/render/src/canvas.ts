import type { Element, ImageElement, TextElement } from '@whiteroom/protocol';
import { cssColor } from './color.js';
import { tracePath, type PathCommand, type PathSink } from './path.js';
import { elementPaints, isPathElement, type Paint, type PathElement } from './shapes.js';
import { cssFont, layoutText, type TextMeasurer } from './text.js';

/** Something a canvas can draw as an image: an HTMLImageElement, an ImageBitmap, ... */
export type CanvasImage = object;

/** A path made once and drawn many times: a Path2D in browsers. */
export type CompiledPath = object;

/** Gives the canvas side its images; whoever injects it decides how they are fetched. */
export interface ImageLoader {
  /** The image when it is ready; undefined while it loads or when it failed to. */
  get(src: string): CanvasImage | undefined;
}

/** The part of CanvasRenderingContext2D this package draws with. */
export interface Canvas2DLike extends PathSink {
  globalAlpha: number;
  fillStyle: string | object;
  strokeStyle: string | object;
  lineWidth: number;
  lineCap: 'butt' | 'round' | 'square';
  lineJoin: 'bevel' | 'miter' | 'round';
  font: string;
  save(): void;
  restore(): void;
  translate(x: number, y: number): void;
  rotate(radians: number): void;
  beginPath(): void;
  /** Fills the current path, or a compiled one. */
  fill(path?: CompiledPath): void;
  stroke(path?: CompiledPath): void;
  setLineDash(segments: number[]): void;
  fillText(text: string, x: number, y: number): void;
  fillRect(x: number, y: number, width: number, height: number): void;
  strokeRect(x: number, y: number, width: number, height: number): void;
  drawImage(image: CanvasImage, dx: number, dy: number, dw: number, dh: number): void;
  measureText(text: string): { width: number };
}

/** A paint with its path already made, so that drawing it again costs no geometry. */
export interface CompiledPaint extends Paint {
  compiled?: CompiledPath;
}

export interface DrawOptions {
  images?: ImageLoader;
  /** How text is measured; the context's own `measureText` by default. */
  measure?: TextMeasurer;
  /** The element's paints as `compilePaints` made them, when the caller keeps them. */
  paints?: readonly CompiledPaint[];
}

/** A measurer that uses a canvas context's fonts: the widths a browser draws. */
export function canvasMeasurer(ctx: Pick<Canvas2DLike, 'font' | 'measureText'>): TextMeasurer {
  return (text, style) => {
    ctx.font = cssFont(style);
    return ctx.measureText(text).width;
  };
}

/** An element's paints with their paths made by `compile` (e.g. into a Path2D), for caching. */
export function compilePaints(
  element: PathElement,
  compile: (path: readonly PathCommand[]) => CompiledPath,
): CompiledPaint[] {
  return elementPaints(element).map((paint) => ({ ...paint, compiled: compile(paint.path) }));
}

const PLACEHOLDER_FILL = 'rgb(241, 243, 245)';
const PLACEHOLDER_LINE = 'rgb(200, 205, 212)';

function drawPaints(ctx: Canvas2DLike, paints: readonly CompiledPaint[]): void {
  for (const paint of paints) {
    const { compiled } = paint;
    if (!compiled) {
      ctx.beginPath();
      tracePath(ctx, paint.path);
    }
    if (paint.fill) {
      ctx.fillStyle = cssColor(paint.fill);
      if (compiled) ctx.fill(compiled);
      else ctx.fill();
    }
    if (paint.stroke) {
      ctx.strokeStyle = cssColor(paint.stroke.color);
      ctx.lineWidth = paint.stroke.width;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.setLineDash(paint.stroke.dash ?? []);
      if (compiled) ctx.stroke(compiled);
      else ctx.stroke();
    }
  }
}

function drawText(ctx: Canvas2DLike, element: TextElement, measure: TextMeasurer): void {
  const layout = layoutText(element, measure);
  ctx.font = cssFont(layout.style);
  ctx.fillStyle = cssColor(element.textColor);
  for (const line of layout.lines) {
    ctx.fillText(line.text, 0, line.baseline);
    if (element.underline && line.width > 0) {
      const size = layout.style.size;
      ctx.fillRect(0, line.baseline + size * 0.12, line.width, Math.max(1, size / 16));
    }
  }
}

function drawImage(ctx: Canvas2DLike, element: ImageElement, images?: ImageLoader): void {
  const image = images?.get(element.src);
  if (image) {
    ctx.drawImage(image, 0, 0, element.width, element.height);
    return;
  }
  // Until the image arrives (or if it never does), its place is shown.
  ctx.fillStyle = PLACEHOLDER_FILL;
  ctx.fillRect(0, 0, element.width, element.height);
  ctx.strokeStyle = PLACEHOLDER_LINE;
  ctx.lineWidth = 1;
  ctx.setLineDash([]);
  ctx.strokeRect(0, 0, element.width, element.height);
}

/**
 * Draws an element in board coordinates: the caller sets the context's transform from board to
 * pixels (camera and device pixel ratio); the context's state is left as it was found.
 */
export function drawElement(ctx: Canvas2DLike, element: Element, options: DrawOptions = {}): void {
  ctx.save();
  ctx.translate(element.x, element.y);
  if (element.rotation) ctx.rotate((element.rotation * Math.PI) / 180);
  if (element.opacity !== undefined) ctx.globalAlpha *= element.opacity;

  if (isPathElement(element)) {
    drawPaints(ctx, options.paints ?? elementPaints(element));
  } else if (element.type === 'text') {
    drawText(ctx, element, options.measure ?? canvasMeasurer(ctx));
  } else {
    drawImage(ctx, element, options.images);
  }
  ctx.restore();
}
