import type { BoxElement, LineElement } from '@whiteroom/protocol';
import type { ElementInput } from '@whiteroom/sdk';
import type { OverlayFrame } from '../canvas/overlay-layer.js';
import type { BoardPointer, Tool, ToolContext } from './tool.js';

/** A drag shorter than this (screen pixels) is a click, and draws nothing. */
const MIN_DRAG_PX = 3;

/**
 * Tools that drag an element out from where the pointer goes down to where it lifts: a preview
 * on the overlay while dragging, one element added on release.
 */
export abstract class DragCreateTool<E extends BoxElement | LineElement> implements Tool {
  readonly cursor = 'crosshair';
  private start: BoardPointer | undefined;
  private preview: E | undefined;

  constructor(
    protected readonly context: ToolContext,
    readonly name: E['type'],
  ) {}

  /** The element the drag from `start` to `pointer` makes, with the id `preview`. */
  protected abstract shape(start: BoardPointer, pointer: BoardPointer): E;

  down(pointer: BoardPointer): void {
    this.start = pointer;
    this.preview = undefined;
  }

  move(pointer: BoardPointer): void {
    const start = this.start;
    if (!start) return;
    const dragged = Math.hypot(pointer.screenX - start.screenX, pointer.screenY - start.screenY);
    if (dragged < MIN_DRAG_PX) return;
    this.preview = this.shape(start, pointer);
    this.context.redrawOverlay();
  }

  up(pointer: BoardPointer): void {
    this.move(pointer);
    const preview = this.preview;
    this.cancel();
    if (!preview) return;
    const { id: _id, ...element } = preview;
    try {
      // The preview's id is a placeholder: the room gives the element its own.
      this.context.room.addElement(element as ElementInput);
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
