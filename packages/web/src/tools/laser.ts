import type { BoardPointer, Tool, ToolContext } from './tool.js';

/** The key of this member's own trail among the others'. */
const OWN_TRAIL = 'self';

/** A laser pointer: shown to everyone while the pointer is down, never stored. */
export class LaserTool implements Tool {
  readonly name = 'laserPointer';
  readonly cursor = 'crosshair';
  private active = false;

  constructor(private readonly context: ToolContext) {}

  down(pointer: BoardPointer): void {
    this.active = true;
    this.point(pointer);
  }

  move(pointer: BoardPointer): void {
    if (this.active) this.point(pointer);
  }

  up(): void {
    this.cancel();
  }

  cancel(): void {
    if (!this.active) return;
    this.active = false;
    this.context.laser.add(OWN_TRAIL, null);
    this.context.room.updatePresence({ laser: null });
    this.context.redrawOverlay();
  }

  private point(pointer: BoardPointer): void {
    const at = { x: pointer.x, y: pointer.y };
    this.context.laser.add(OWN_TRAIL, at);
    this.context.room.updatePresence({ laser: at });
    this.context.redrawOverlay();
  }
}
