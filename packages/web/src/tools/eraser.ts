import type { Point } from '@whiteroom/render';
import type { OverlayFrame } from '../canvas/overlay-layer.js';
import { type BoardPointer, type Tool, type ToolContext } from './tool.js';

/** The eraser's reach, in screen pixels. */
const RADIUS_PX = 10;

/**
 * Erases what it passes over. Touched elements disappear at once and are removed in one change
 * when the pointer lifts, so that a single undo brings back everything one gesture erased.
 */
export class EraserTool implements Tool {
  readonly name = 'eraser';
  readonly cursor = 'none';
  private erased = new Set<string>();
  private last: Point | undefined;
  private pointer: Point | undefined;

  constructor(private readonly context: ToolContext) {}

  down(pointer: BoardPointer): void {
    this.erased = new Set();
    this.last = pointer;
    this.sweep(pointer, pointer);
  }

  move(pointer: BoardPointer): void {
    this.pointer = pointer;
    if (this.last) this.sweep(this.last, pointer);
    this.last = pointer;
    this.context.redrawOverlay();
  }

  up(pointer: BoardPointer): void {
    this.move(pointer);
    const ids = [...this.erased];
    this.last = undefined;
    this.erased = new Set();
    if (ids.length === 0) return;
    try {
      this.context.room.removeElements(ids);
    } catch (error) {
      this.context.report(error);
    }
    this.context.store.unhide(ids);
  }

  cancel(): void {
    this.context.store.unhide(this.erased);
    this.erased = new Set();
    this.last = undefined;
    this.pointer = undefined;
    this.context.redrawOverlay();
  }

  hover(pointer: BoardPointer): void {
    this.pointer = pointer;
    this.context.redrawOverlay();
  }

  paint({ ctx, camera }: OverlayFrame): void {
    if (!this.pointer) return;
    const at = camera.boardToScreen(this.pointer.x, this.pointer.y);
    ctx.beginPath();
    ctx.arc(at.x, at.y, RADIUS_PX, 0, Math.PI * 2);
    ctx.fillStyle = 'rgba(255, 255, 255, 0.6)';
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = 'rgba(60, 64, 67, 0.8)';
    ctx.stroke();
  }

  /** Everything within reach of the segment the pointer moved along. */
  private sweep(from: Point, to: Point): void {
    const { store, camera } = this.context;
    const radius = RADIUS_PX / camera.scale;
    const steps = Math.max(1, Math.ceil(Math.hypot(to.x - from.x, to.y - from.y) / (radius / 2)));
    const found: string[] = [];
    for (let i = 0; i <= steps; i++) {
      const t = i / steps;
      const point = { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
      for (const element of store.touching(point, radius)) {
        if (!element.locked && !this.erased.has(element.id)) {
          this.erased.add(element.id);
          found.push(element.id);
        }
      }
    }
    if (found.length > 0) store.hide(found);
  }
}
