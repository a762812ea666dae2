import type { BoardPointer, Tool } from './tool.js';
import type { Camera } from '../camera.js';

/** Drags the board around. */
export class HandTool implements Tool {
  readonly name = 'hand';
  readonly cursor = 'grab';
  private last: BoardPointer | undefined;

  constructor(
    private readonly camera: Camera,
    private readonly setCursor: (cursor: string) => void,
  ) {}

  down(pointer: BoardPointer): void {
    this.last = pointer;
    this.setCursor('grabbing');
  }

  move(pointer: BoardPointer): void {
    if (!this.last) return;
    this.camera.panBy(pointer.screenX - this.last.screenX, pointer.screenY - this.last.screenY);
    this.last = pointer;
  }

  up(): void {
    this.cancel();
  }

  cancel(): void {
    this.last = undefined;
    this.setCursor(this.cursor);
  }
}
