import type { LineElement } from '@whiteroom/protocol';
import type { OverlayFrame } from '../canvas/overlay-layer.js';
import { round2, type BoardPointer, type Tool, type ToolContext } from './tool.js';

const MIN_DRAG_PX = 3;

/** Straight lines and arrows, from where the pointer went down to where it lifts. */
export class LineTool implements Tool {
  readonly cursor = 'crosshair';
  private start: BoardPointer | undefined;
  private preview: LineElement | undefined;

  constructor(
    private readonly context: ToolContext,
    readonly name: LineElement['type'],
  ) {}

  down(pointer: BoardPointer): void {
    this.start = pointer;
    this.preview = undefined;
  }

  move(pointer: BoardPointer): void {
    const start = this.start;
    if (!start) return;
    if (
      Math.hypot(pointer.screenX - start.screenX, pointer.screenY - start.screenY) < MIN_DRAG_PX
    ) {
      return;
    }
    let dx = pointer.x - start.x;
    let dy = pointer.y - start.y;
    if (pointer.shiftKey) {
      // Snaps to the nearest multiple of 45 degrees.
      const angle = Math.round(Math.atan2(dy, dx) / (Math.PI / 4)) * (Math.PI / 4);
      const length = Math.hypot(dx, dy);
      dx = Math.cos(angle) * length;
      dy = Math.sin(angle) * length;
    }
    const { style } = this.context;
    this.preview = {
      id: 'preview',
      type: this.name,
      x: round2(start.x),
      y: round2(start.y),
      dx: round2(dx),
      dy: round2(dy),
      strokeColor: style.value.color,
      strokeWidth: style.value.width,
    };
    this.context.redrawOverlay();
  }

  up(pointer: BoardPointer): void {
    this.move(pointer);
    const preview = this.preview;
    this.cancel();
    if (!preview) return;
    const { id: _id, ...element } = preview;
    try {
      this.context.room.addElement(element);
    } catch (error) {
      this.context.report(error);
    }
  }

  cancel(): void {
    this.start = undefined;
    this.preview = undefined;
    this.context.redrawOverlay();
  }

  paint(frame: OverlayFrame): void {
    if (!this.preview) return;
    frame.toBoard();
    this.context.painter.draw(frame.ctx, this.preview);
  }
}
