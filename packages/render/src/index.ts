export { cssColor } from './color.js';
export {
  boundsOfPoints,
  containsBounds,
  containsPoint,
  distanceToSegment,
  expandBounds,
  insidePolygon,
  intersects,
  rotatePoint,
  unionBounds,
} from './geometry.js';
export type { Bounds, Point } from './geometry.js';
export { flattenPath, formatNumber, pathData, tracePath } from './path.js';
export type { PathCommand, PathSink, Polyline } from './path.js';
export { inkHalfWidth, inkOutline, inkPath, maxInkHalfWidth } from './ink.js';
export {
  arrowheadPoints,
  boxPath,
  dashFor,
  elementPaints,
  ellipsePath,
  isPathElement,
  shapePath,
} from './shapes.js';
export type { Paint, PathElement, StrokeStyle } from './shapes.js';
export {
  FONT_FAMILY,
  LINE_HEIGHT,
  approximateMeasurer,
  cssFont,
  layoutText,
  textStyle,
} from './text.js';
export type { TextLayout, TextLine, TextMeasurer, TextStyle } from './text.js';
export { boardCorners, elementBounds, localBounds, placedBounds } from './bounds.js';
export { hitTest } from './hit-test.js';
export type { HitTestOptions } from './hit-test.js';
export { canvasMeasurer, compilePaints, drawElement } from './canvas.js';
export type {
  Canvas2DLike,
  CanvasImage,
  CompiledPaint,
  CompiledPath,
  DrawOptions,
  ImageLoader,
} from './canvas.js';
export { elementToSvg, elementsToSvgDocument, escapeXml } from './svg.js';
export type { SvgDocumentOptions, SvgOptions } from './svg.js';
