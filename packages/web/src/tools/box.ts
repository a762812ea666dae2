import type { BoxElement } from '@whiteroom/protocol';
import { fillTint } from '../style.js';
import { DragCreateTool } from './drag-create.js';
import { round2, type BoardPointer } from './tool.js';

/** Rectangles, ellipses and the shapes: dragged out from one corner to the other. */
export class BoxTool extends DragCreateTool<BoxElement> {
  protected shape(start: BoardPointer, pointer: BoardPointer): BoxElement {
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
    return element;
  }
}
