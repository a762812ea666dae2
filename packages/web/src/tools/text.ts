import type { BoardPointer, Tool, ToolContext } from './tool.js';
import { pickTolerance } from './tool.js';

/** Click to write; click on a text to change it. */
export class TextTool implements Tool {
  readonly name = 'text';
  readonly cursor = 'text';

  constructor(private readonly context: ToolContext) {}

  down(pointer: BoardPointer): void {
    const { store, camera, textEditor } = this.context;
    if (textEditor.active) {
      textEditor.commit();
      return;
    }
    const hit = store.topmostAt(pointer, pickTolerance(camera, 2));
    if (hit?.type === 'text') textEditor.edit(hit);
    else textEditor.create(pointer);
  }

  move(): void {}

  up(): void {}

  cancel(): void {}
}
