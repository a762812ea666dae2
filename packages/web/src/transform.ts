import type { Element, ElementPatch } from '@whiteroom/protocol';
import type { Bounds, Point } from '@whiteroom/render';
import { round2 } from './tools/tool.js';

/** The handles of a selection box, by compass point. */
export type Handle = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w';

export const HANDLE_CURSORS: Record<Handle, string> = {
  nw: 'nwse-resize',
  se: 'nwse-resize',
  ne: 'nesw-resize',
  sw: 'nesw-resize',
  n: 'ns-resize',
  s: 'ns-resize',
  e: 'ew-resize',
  w: 'ew-resize',
};

export function handlePoints(b: Bounds): { handle: Handle; point: Point }[] {
  const midX = (b.minX + b.maxX) / 2;
  const midY = (b.minY + b.maxY) / 2;
  return [
    { handle: 'nw', point: { x: b.minX, y: b.minY } },
    { handle: 'n', point: { x: midX, y: b.minY } },
    { handle: 'ne', point: { x: b.maxX, y: b.minY } },
    { handle: 'e', point: { x: b.maxX, y: midY } },
    { handle: 'se', point: { x: b.maxX, y: b.maxY } },
    { handle: 's', point: { x: midX, y: b.maxY } },
    { handle: 'sw', point: { x: b.minX, y: b.maxY } },
    { handle: 'w', point: { x: b.minX, y: midY } },
  ];
}

/** The smallest a resized selection gets, in board units. */
const MIN_SIZE = 4;

/**
 * The box a selection is resized to when `handle` is dragged to `pointer`: the opposite side
 * stays; it never turns inside out. Corners keep the proportions with `keepRatio`.
 */
export function resizedBounds(
  from: Bounds,
  handle: Handle,
  pointer: Point,
  keepRatio: boolean,
): Bounds {
  const to = { ...from };
  if (handle.includes('w')) to.minX = Math.min(pointer.x, from.maxX - MIN_SIZE);
  if (handle.includes('e')) to.maxX = Math.max(pointer.x, from.minX + MIN_SIZE);
  if (handle.includes('n')) to.minY = Math.min(pointer.y, from.maxY - MIN_SIZE);
  if (handle.includes('s')) to.maxY = Math.max(pointer.y, from.minY + MIN_SIZE);

  if (keepRatio && handle.length === 2) {
    const width = from.maxX - from.minX;
    const height = from.maxY - from.minY;
    const factor = Math.max((to.maxX - to.minX) / width, (to.maxY - to.minY) / height);
    if (handle.includes('w')) to.minX = to.maxX - width * factor;
    else to.maxX = to.minX + width * factor;
    if (handle.includes('n')) to.minY = to.maxY - height * factor;
    else to.maxY = to.minY + height * factor;
  }
  return to;
}

/** Scale factors and how a board point moves when `from` is stretched onto `to`. */
export function boxMapping(from: Bounds, to: Bounds) {
  const scaleX = (to.maxX - to.minX) / Math.max(1e-6, from.maxX - from.minX);
  const scaleY = (to.maxY - to.minY) / Math.max(1e-6, from.maxY - from.minY);
  return {
    scaleX,
    scaleY,
    map: (x: number, y: number): Point => ({
      x: to.minX + (x - from.minX) * scaleX,
      y: to.minY + (y - from.minY) * scaleY,
    }),
  };
}

export function movePatch(element: Element, dx: number, dy: number): ElementPatch {
  return { x: round2(element.x + dx), y: round2(element.y + dy) };
}

/** The change that stretches an element with its selection from `from` to `to`. */
export function resizePatch(element: Element, from: Bounds, to: Bounds): ElementPatch {
  const { scaleX, scaleY, map } = boxMapping(from, to);
  const origin = map(element.x, element.y);
  const patch: ElementPatch = { x: round2(origin.x), y: round2(origin.y) };
  switch (element.type) {
    case 'pencil':
      patch.points = element.points.map((value, i) => {
        if (i % 3 === 2) return value;
        return round2(value * (i % 3 === 0 ? scaleX : scaleY));
      });
      break;
    case 'straight':
    case 'arrow':
      patch.dx = round2(element.dx * scaleX);
      patch.dy = round2(element.dy * scaleY);
      break;
    case 'rectangle':
    case 'ellipse':
    case 'shape':
    case 'image':
      patch.width = round2(element.width * scaleX);
      patch.height = round2(element.height * scaleY);
      break;
    case 'text':
      // Text grows with the height of the box; a wrapping width follows its width.
      patch.textSize = round2(Math.min(1000, Math.max(1, element.textSize * scaleY)));
      if (element.width !== undefined) patch.width = round2(element.width * scaleX);
      break;
  }
  return patch;
}
