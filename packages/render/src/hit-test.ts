import type { Element, PencilElement } from '@whiteroom/protocol';
import { elementBounds } from './bounds.js';
import {
  containsPoint,
  distanceToSegment,
  expandBounds,
  insidePolygon,
  rotatePoint,
  type Point,
} from './geometry.js';
import { inkHalfWidth } from './ink.js';
import { flattenPath, type Polyline } from './path.js';
import { arrowheadPoints, boxPath } from './shapes.js';
import { layoutText, type TextMeasurer } from './text.js';

export interface HitTestOptions {
  /** How text is measured; an estimate by default. */
  measure?: TextMeasurer;
  /**
   * Count the inside of unfilled shapes as part of them (for picking with a selector). Off by
   * default: an eraser passing through an empty rectangle does not touch it.
   */
  interiors?: boolean;
}

function nearPolyline(p: Point, line: Polyline, reach: number): boolean {
  const { points } = line;
  const [only] = points;
  if (points.length === 1 && only) return Math.hypot(p.x - only.x, p.y - only.y) <= reach;
  const count = line.closed ? points.length : points.length - 1;
  for (let i = 0; i < count; i++) {
    const a = points[i] as Point;
    const b = points[(i + 1) % points.length] as Point;
    if (distanceToSegment(p, a, b) <= reach) return true;
  }
  return false;
}

function hitsPencil(p: Point, element: PencilElement, tolerance: number): boolean {
  const { points, strokeWidth } = element;
  if (points.length < 3) return false;
  if (points.length < 6) {
    const reach = tolerance + inkHalfWidth(strokeWidth, points[2] as number);
    return Math.hypot(p.x - (points[0] as number), p.y - (points[1] as number)) <= reach;
  }
  for (let i = 0; i + 5 < points.length; i += 3) {
    const a = { x: points[i] as number, y: points[i + 1] as number };
    const b = { x: points[i + 3] as number, y: points[i + 4] as number };
    const pressure = ((points[i + 2] as number) + (points[i + 5] as number)) / 2;
    if (distanceToSegment(p, a, b) <= tolerance + inkHalfWidth(strokeWidth, pressure)) return true;
  }
  return false;
}

/**
 * Whether a board point touches an element: within `tolerance` board units of its lines, or
 * inside it when it is filled (text and images are filled boxes).
 */
export function hitTest(
  element: Element,
  point: Point,
  tolerance: number,
  options: HitTestOptions = {},
): boolean {
  if (!containsPoint(expandBounds(elementBounds(element, options.measure), tolerance), point)) {
    return false;
  }
  // In the element's own coordinates, where its geometry is defined.
  const p = rotatePoint(
    { x: point.x - element.x, y: point.y - element.y },
    -(element.rotation ?? 0),
  );

  switch (element.type) {
    case 'pencil':
      return hitsPencil(p, element, tolerance);
    case 'straight':
    case 'arrow': {
      const reach = tolerance + element.strokeWidth / 2;
      if (distanceToSegment(p, { x: 0, y: 0 }, { x: element.dx, y: element.dy }) <= reach) {
        return true;
      }
      const head = element.type === 'arrow' ? arrowheadPoints(element) : [];
      return head.length > 0 && insidePolygon(p, head);
    }
    case 'rectangle':
    case 'ellipse':
    case 'shape': {
      const outline = flattenPath(boxPath(element));
      const reach = tolerance + element.strokeWidth / 2;
      if (outline.some((line) => nearPolyline(p, line, reach))) return true;
      const filled = element.fillColor !== undefined || options.interiors === true;
      return filled && outline.some((line) => insidePolygon(p, line.points));
    }
    case 'text': {
      const layout = layoutText(element, options.measure);
      return containsPoint(
        {
          minX: -tolerance,
          minY: -tolerance,
          maxX: layout.width + tolerance,
          maxY: layout.height + tolerance,
        },
        p,
      );
    }
    case 'image':
      return containsPoint(
        {
          minX: -tolerance,
          minY: -tolerance,
          maxX: element.width + tolerance,
          maxY: element.height + tolerance,
        },
        p,
      );
  }
}
