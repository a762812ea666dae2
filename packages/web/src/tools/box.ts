import type { BoxElement } from '@whiteroom/protocol';
import type { OverlayFrame } from '../canvas/overlay-layer.js';
import { fillTint } from '../style.js';
import { round2, type BoardPointer, type Tool, type ToolContext } from './tool.js';

/** A drag shorter than this (screen pixels) is a click, and draws nothing. */
const MIN_DRAG_PX = 3;

/** Rectangles, ellipses and the shapes: dragged out from one corner to the other. */
export class BoxTool implements Tool {
  readonly cursor = 'crosshair';
  private start: BoardPointer | undefined;
  private preview: BoxElement | undefined;

  constructor(
    private readonly context: ToolContext,
    readonly name: BoxElement['type'],
  ) {}

  down(pointer: BoardPointer): void {
    this.start = pointer;
    this.preview = undefined;
  }

  move(pointer: BoardPointer): void {
    const start = this.start;
    if (!start) return;
    const dragged = Math.hypot(pointer.screenX - start.screenX, pointer.screenY - start.screenY);
    if (dragged < MIN_DRAG_PX) return;
    let width = pointer.x - start.x;
    let height = pointer.y - start.y;
    if (pointer.shiftKey) {
      // Square, or circle: the longer side wins.
      const side = Math.max(Math.abs(width), Math.abs(height));
      width = Math.sign(width || 1) * side;
      height = Math.sign(height || 1) * side;
    }
    const { style } = this.context;
    const element: BoxElement = {
      id: 'preview',
      type: this.name,
      x: round2(Math.min(start.x, start.x + width)),
      y: round2(Math.min(start.y, start.y + height)),
      width: round2(Math.abs(width)),
      height: round2(Math.abs(height)),
      strokeColor: style.value.color,
      strokeWidth: style.value.width,
    };
    if (this.name === 'shape') element.shapeType = style.value.shapeType;
    if (style.value.fill) element.fillColor = fillTint(style.value.color);
    this.preview = element;
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
