import type { LineElement } from '@whiteroom/protocol';
import { DragCreateTool } from './drag-create.js';
import { round2, type BoardPointer } from './tool.js';

/** Straight lines and arrows, from where the pointer went down to where it lifts. */
export class LineTool extends DragCreateTool<LineElement> {
  protected shape(start: BoardPointer, pointer: BoardPointer): LineElement {
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
    return {
      id: 'preview',
      type: this.name,
      x: round2(start.x),
      y: round2(start.y),
      dx: round2(dx),
      dy: round2(dy),
      strokeColor: style.value.color,
      strokeWidth: style.value.width,
    };
  }
}
