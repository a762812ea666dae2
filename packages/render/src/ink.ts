import { getStroke } from 'perfect-freehand';
import type { Point } from './geometry.js';
import type { PathCommand } from './path.js';

/**
 * Pressure-sensitive ink for pencil strokes, by perfect-freehand: the stroke is a filled outline
 * whose width follows the pen's pressure. With `thinning` 0.5 the width is `strokeWidth` at
 * pressure 0.5 (what a mouse reports), half of it at pressure 0 and 1.5 times it at pressure 1.
 */
const THINNING = 0.5;
const INK_OPTIONS = {
  thinning: THINNING,
  smoothing: 0.5,
  streamline: 0.5,
  simulatePressure: false,
  // Every client must draw a stroke the same way whether or not it is still being drawn.
  last: true,
} as const;

/** Half the width of the ink at a pressure, as perfect-freehand computes it with this thinning. */
export function inkHalfWidth(strokeWidth: number, pressure: number): number {
  const p = Math.max(0, Math.min(1, pressure));
  return strokeWidth * (0.5 - THINNING * (0.5 - p));
}

/** The widest the ink of a stroke can be on either side of its centre line. */
export function maxInkHalfWidth(strokeWidth: number): number {
  return inkHalfWidth(strokeWidth, 1);
}

/** Flat `[x, y, pressure, ...]` as perfect-freehand's `[x, y, pressure]` triples. */
function triples(points: readonly number[]): number[][] {
  const result: number[][] = [];
  for (let i = 0; i + 2 < points.length; i += 3) {
    result.push([points[i] as number, points[i + 1] as number, points[i + 2] as number]);
  }
  return result;
}

/** The outline polygon of a stroke's ink, in the stroke's own coordinates. */
export function inkOutline(points: readonly number[], strokeWidth: number): Point[] {
  const input = triples(points);
  if (input.length === 0) return [];
  return getStroke(input, { ...INK_OPTIONS, size: strokeWidth }).map(([x, y]) => ({
    x: x as number,
    y: y as number,
  }));
}

/**
 * A closed polygon as a smooth path: quadratic curves from midpoint to midpoint, with the
 * polygon's corners as control points.
 */
export function smoothClosedPath(polygon: readonly Point[]): PathCommand[] {
  const count = polygon.length;
  if (count === 0) return [];
  const first = polygon[0] as Point;
  if (count < 3) {
    return [['M', first.x, first.y], ...polygon.slice(1).map((p) => ['L', p.x, p.y] as const)];
  }
  const mid = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
  const start = mid(first, polygon[1] as Point);
  const commands: PathCommand[] = [['M', start.x, start.y]];
  for (let i = 1; i <= count; i++) {
    const corner = polygon[i % count] as Point;
    const end = mid(corner, polygon[(i + 1) % count] as Point);
    commands.push(['Q', corner.x, corner.y, end.x, end.y]);
  }
  commands.push(['Z']);
  return commands;
}

/** The stroke's centre line as a smooth open path (for dotted strokes and hit-testing). */
export function centreLinePath(points: readonly number[]): PathCommand[] {
  const input = triples(points);
  const first = input[0];
  if (!first) return [];
  const commands: PathCommand[] = [['M', first[0] as number, first[1] as number]];
  if (input.length === 1) {
    commands.push(['L', first[0] as number, first[1] as number]);
    return commands;
  }
  for (let i = 1; i < input.length - 1; i++) {
    const [x, y] = input[i] as [number, number];
    const [nx, ny] = input[i + 1] as [number, number];
    commands.push(['Q', x, y, (x + nx) / 2, (y + ny) / 2]);
  }
  const last = input[input.length - 1] as [number, number];
  commands.push(['L', last[0], last[1]]);
  return commands;
}

/** The ink of a stroke as a filled path. */
export function inkPath(points: readonly number[], strokeWidth: number): PathCommand[] {
  return smoothClosedPath(inkOutline(points, strokeWidth));
}
