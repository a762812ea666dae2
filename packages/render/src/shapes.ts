import type {
  BoxElement,
  Color,
  Element,
  LineElement,
  PencilElement,
  ShapeType,
} from '@whiteroom/protocol';
import type { Point } from './geometry.js';
import { centreLinePath, inkPath } from './ink.js';
import type { PathCommand } from './path.js';

/** A line style: round caps and joins always; `dash` for dotted lines. */
export interface StrokeStyle {
  color: Color;
  width: number;
  dash?: number[];
}

/** One path of an element, filled, stroked or both, in the element's own coordinates. */
export interface Paint {
  path: PathCommand[];
  fill?: Color;
  stroke?: StrokeStyle;
}

/** Elements drawn as paths; text and images are drawn otherwise. */
export type PathElement = PencilElement | LineElement | BoxElement;

export function isPathElement(element: Element): element is PathElement {
  return element.type !== 'text' && element.type !== 'image';
}

/** Dots for `dotted` lines: short dashes that the round caps turn into dots. */
export function dashFor(width: number): number[] {
  return [width * 0.5, width * 2];
}

function strokeOf(element: PathElement): StrokeStyle {
  const style: StrokeStyle = { color: element.strokeColor, width: element.strokeWidth };
  if (element.dotted) style.dash = dashFor(element.strokeWidth);
  return style;
}

function polygon(points: readonly Point[]): PathCommand[] {
  const [first, ...rest] = points;
  if (!first) return [];
  return [['M', first.x, first.y], ...rest.map((p) => ['L', p.x, p.y] as const), ['Z']];
}

/** Cubic Bézier control distance that makes four curves a close circle. */
const KAPPA = 0.5522847498;

export function ellipsePath(width: number, height: number): PathCommand[] {
  const rx = width / 2;
  const ry = height / 2;
  const ox = rx * KAPPA;
  const oy = ry * KAPPA;
  return [
    ['M', rx, 0],
    ['C', rx + ox, 0, width, ry - oy, width, ry],
    ['C', width, ry + oy, rx + ox, height, rx, height],
    ['C', rx - ox, height, 0, ry + oy, 0, ry],
    ['C', 0, ry - oy, rx - ox, 0, rx, 0],
    ['Z'],
  ];
}

/** A regular five-pointed star stretched to fill the box exactly. */
function pentagramPoints(width: number, height: number): Point[] {
  const inner = Math.sin(Math.PI / 10) / Math.sin((7 * Math.PI) / 10);
  const unit: Point[] = [];
  for (let i = 0; i < 10; i++) {
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    const radius = i % 2 === 0 ? 1 : inner;
    unit.push({ x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
  }
  const xs = unit.map((p) => p.x);
  const ys = unit.map((p) => p.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const spanX = Math.max(...xs) - minX;
  const spanY = Math.max(...ys) - minY;
  return unit.map((p) => ({
    x: ((p.x - minX) / spanX) * width,
    y: ((p.y - minY) / spanY) * height,
  }));
}

/** The body takes the top 80 % of the box; the tail points down from its lower left. */
function speechBalloonPath(width: number, height: number): PathCommand[] {
  const body = height * 0.8;
  const r = Math.min(width, body) * 0.15;
  return [
    ['M', r, 0],
    ['L', width - r, 0],
    ['Q', width, 0, width, r],
    ['L', width, body - r],
    ['Q', width, body, width - r, body],
    ['L', width * 0.4, body],
    ['L', width * 0.15, height],
    ['L', width * 0.25, body],
    ['L', r, body],
    ['Q', 0, body, 0, body - r],
    ['L', 0, r],
    ['Q', 0, 0, r, 0],
    ['Z'],
  ];
}

export function shapePath(shapeType: ShapeType, width: number, height: number): PathCommand[] {
  switch (shapeType) {
    case 'triangle':
      return polygon([
        { x: width / 2, y: 0 },
        { x: width, y: height },
        { x: 0, y: height },
      ]);
    case 'rhombus':
      return polygon([
        { x: width / 2, y: 0 },
        { x: width, y: height / 2 },
        { x: width / 2, y: height },
        { x: 0, y: height / 2 },
      ]);
    case 'pentagram':
      return polygon(pentagramPoints(width, height));
    case 'speechBalloon':
      return speechBalloonPath(width, height);
  }
}

/** The outline of a box element. A `shape` without a `shapeType` is a triangle. */
export function boxPath(element: BoxElement): PathCommand[] {
  const { width, height } = element;
  switch (element.type) {
    case 'rectangle':
      return polygon([
        { x: 0, y: 0 },
        { x: width, y: 0 },
        { x: width, y: height },
        { x: 0, y: height },
      ]);
    case 'ellipse':
      return ellipsePath(width, height);
    case 'shape':
      return shapePath(element.shapeType ?? 'triangle', width, height);
  }
}

/** How long and how wide an arrowhead is for a line width: larger for thicker lines. */
export function arrowheadSize(
  strokeWidth: number,
  length: number,
): { length: number; half: number } {
  const head = Math.min(Math.max(strokeWidth * 3.5, 12), length * 0.6);
  return { length: head, half: head * 0.55 };
}

/** The arrowhead's triangle: the tip at the end of the line, the base across it. */
export function arrowheadPoints(element: LineElement): Point[] {
  const length = Math.hypot(element.dx, element.dy);
  if (length === 0) return [];
  const ux = element.dx / length;
  const uy = element.dy / length;
  const head = arrowheadSize(element.strokeWidth, length);
  const baseX = element.dx - ux * head.length;
  const baseY = element.dy - uy * head.length;
  return [
    { x: element.dx, y: element.dy },
    { x: baseX - uy * head.half, y: baseY + ux * head.half },
    { x: baseX + uy * head.half, y: baseY - ux * head.half },
  ];
}

function linePaints(element: LineElement): Paint[] {
  const stroke = strokeOf(element);
  const head = element.type === 'arrow' ? arrowheadPoints(element) : [];
  const [, left, right] = head;
  if (!left || !right) {
    return [
      {
        path: [
          ['M', 0, 0],
          ['L', element.dx, element.dy],
        ],
        stroke,
      },
    ];
  }
  // The shaft stops inside the head, so a thick line does not blunt the tip.
  const baseX = (left.x + right.x) / 2;
  const baseY = (left.y + right.y) / 2;
  const tipOutline = { color: element.strokeColor, width: Math.min(element.strokeWidth, 2) };
  return [
    {
      path: [
        ['M', 0, 0],
        ['L', baseX, baseY],
      ],
      stroke,
    },
    { path: polygon(head), fill: element.strokeColor, stroke: tipOutline },
  ];
}

/** The paths an element is drawn with, in its own coordinates (before position and rotation). */
export function elementPaints(element: PathElement): Paint[] {
  switch (element.type) {
    case 'pencil':
      if (element.dotted)
        return [{ path: centreLinePath(element.points), stroke: strokeOf(element) }];
      return [{ path: inkPath(element.points, element.strokeWidth), fill: element.strokeColor }];
    case 'straight':
    case 'arrow':
      return linePaints(element);
    case 'rectangle':
    case 'ellipse':
    case 'shape': {
      const paint: Paint = { path: boxPath(element), stroke: strokeOf(element) };
      if (element.fillColor) paint.fill = element.fillColor;
      return [paint];
    }
  }
}
