import type { Point } from './geometry.js';

/**
 * A path as drawing commands, the one description of geometry that both the canvas and the SVG
 * output are made from, so that both show exactly the same shapes.
 */
export type PathCommand =
  | readonly ['M', number, number]
  | readonly ['L', number, number]
  | readonly ['Q', number, number, number, number]
  | readonly ['C', number, number, number, number, number, number]
  | readonly ['Z'];

/** What a path is traced into: a CanvasRenderingContext2D or a Path2D both are one. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  quadraticCurveTo(cpx: number, cpy: number, x: number, y: number): void;
  bezierCurveTo(cp1x: number, cp1y: number, cp2x: number, cp2y: number, x: number, y: number): void;
  closePath(): void;
}

export function tracePath(sink: PathSink, commands: readonly PathCommand[]): void {
  for (const command of commands) {
    switch (command[0]) {
      case 'M':
        sink.moveTo(command[1], command[2]);
        break;
      case 'L':
        sink.lineTo(command[1], command[2]);
        break;
      case 'Q':
        sink.quadraticCurveTo(command[1], command[2], command[3], command[4]);
        break;
      case 'C':
        sink.bezierCurveTo(command[1], command[2], command[3], command[4], command[5], command[6]);
        break;
      case 'Z':
        sink.closePath();
        break;
    }
  }
}

/** Numbers as SVG writes them: at most two decimals, no trailing zeros, no `-0`. */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** The SVG `d` attribute of a path. */
export function pathData(commands: readonly PathCommand[]): string {
  return commands
    .map((command) => {
      const [op, ...numbers] = command;
      return numbers.length === 0 ? op : `${op}${numbers.map(formatNumber).join(' ')}`;
    })
    .join('');
}

/** A subpath as straight segments; `closed` when it ends with Z. */
export interface Polyline {
  points: Point[];
  closed: boolean;
}

/** Segments per curve when flattening: plenty for hit-testing at any sensible zoom. */
const CURVE_STEPS = 12;

/** The path as polylines, curves sampled into straight segments, for hit-testing. */
export function flattenPath(commands: readonly PathCommand[]): Polyline[] {
  const lines: Polyline[] = [];
  let current: Polyline | undefined;
  let pen: Point = { x: 0, y: 0 };
  let start: Point = pen;

  const lineTo = (p: Point): void => {
    if (!current) {
      current = { points: [pen], closed: false };
      lines.push(current);
    }
    current.points.push(p);
    pen = p;
  };

  for (const command of commands) {
    switch (command[0]) {
      case 'M':
        pen = start = { x: command[1], y: command[2] };
        current = { points: [pen], closed: false };
        lines.push(current);
        break;
      case 'L':
        lineTo({ x: command[1], y: command[2] });
        break;
      case 'Q': {
        const from = pen;
        for (let i = 1; i <= CURVE_STEPS; i++) {
          const t = i / CURVE_STEPS;
          const u = 1 - t;
          lineTo({
            x: u * u * from.x + 2 * u * t * command[1] + t * t * command[3],
            y: u * u * from.y + 2 * u * t * command[2] + t * t * command[4],
          });
        }
        break;
      }
      case 'C': {
        const from = pen;
        for (let i = 1; i <= CURVE_STEPS; i++) {
          const t = i / CURVE_STEPS;
          const u = 1 - t;
          const a = u * u * u;
          const b = 3 * u * u * t;
          const c = 3 * u * t * t;
          const d = t * t * t;
          lineTo({
            x: a * from.x + b * command[1] + c * command[3] + d * command[5],
            y: a * from.y + b * command[2] + c * command[4] + d * command[6],
          });
        }
        break;
      }
      case 'Z':
        if (current) current.closed = true;
        pen = start;
        current = undefined;
        break;
    }
  }
  return lines.filter((line) => line.points.length > 0);
}
