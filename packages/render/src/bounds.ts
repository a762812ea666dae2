import type { Element } from '@whiteroom/protocol';
import { arrowheadPoints } from './shapes.js';
import { boundsOfPoints, expandBounds, rotatePoint, type Bounds, type Point } from './geometry.js';
import { maxInkHalfWidth } from './ink.js';
import { layoutText, type TextMeasurer } from './text.js';

const EMPTY: Bounds = { minX: 0, minY: 0, maxX: 0, maxY: 0 };

function pencilPoints(points: readonly number[]): Point[] {
  const result: Point[] = [];
  for (let i = 0; i + 1 < points.length; i += 3) {
    result.push({ x: points[i] as number, y: points[i + 1] as number });
  }
  return result;
}

/**
 * What an element covers in its own coordinates (relative to its `x`, `y`, before rotation),
 * lines included: half a stroke's width beyond its centre line, the widest ink for pencils.
 */
export function localBounds(element: Element, measure?: TextMeasurer): Bounds {
  switch (element.type) {
    case 'pencil': {
      const points = pencilPoints(element.points);
      if (points.length === 0) return EMPTY;
      return expandBounds(boundsOfPoints(points), maxInkHalfWidth(element.strokeWidth));
    }
    case 'straight':
    case 'arrow': {
      const ends = [
        { x: 0, y: 0 },
        { x: element.dx, y: element.dy },
      ];
      const head = element.type === 'arrow' ? arrowheadPoints(element) : [];
      return expandBounds(boundsOfPoints([...ends, ...head]), element.strokeWidth / 2);
    }
    case 'rectangle':
    case 'ellipse':
    case 'shape':
      return expandBounds(
        { minX: 0, minY: 0, maxX: element.width, maxY: element.height },
        element.strokeWidth / 2,
      );
    case 'text': {
      const layout = layoutText(element, measure);
      return { minX: 0, minY: 0, maxX: layout.width, maxY: layout.height };
    }
    case 'image':
      return { minX: 0, minY: 0, maxX: element.width, maxY: element.height };
  }
}

/** The corners of a local box on the board: rotated about the element's position, then moved. */
export function boardCorners(element: Element, local: Bounds): Point[] {
  const corners = [
    { x: local.minX, y: local.minY },
    { x: local.maxX, y: local.minY },
    { x: local.maxX, y: local.maxY },
    { x: local.minX, y: local.maxY },
  ];
  const rotation = element.rotation ?? 0;
  return corners.map((corner) => {
    const turned = rotatePoint(corner, rotation);
    return { x: turned.x + element.x, y: turned.y + element.y };
  });
}

/** The axis-aligned box an element covers on the board: for culling, selection and hit-tests. */
export function elementBounds(element: Element, measure?: TextMeasurer): Bounds {
  return placedBounds(element, localBounds(element, measure));
}

/**
 * The board box of an element whose local bounds are known already (a cache keeps them while
 * only the element's position changes).
 */
export function placedBounds(element: Element, local: Bounds): Bounds {
  if (!element.rotation) {
    return {
      minX: local.minX + element.x,
      minY: local.minY + element.y,
      maxX: local.maxX + element.x,
      maxY: local.maxY + element.y,
    };
  }
  return boundsOfPoints(boardCorners(element, local));
}
