import type { PresenceUpdate, Room } from '@whiteroom/sdk';
import type { OverlayFrame, OverlayPainter } from './canvas/overlay-layer.js';
import type { LaserTrails } from './laser-trails.js';
import { memberColor, memberName } from './member-colors.js';

interface Cursor {
  x: number;
  y: number;
}

/**
 * The others' cursors, with their names, and their laser pointers, from the room's presence
 * messages. Only those on this member's page are shown.
 */
export class PresenceView implements OverlayPainter {
  private readonly cursors = new Map<number, Cursor>();

  constructor(
    private readonly room: Room,
    private readonly laser: LaserTrails,
    private readonly redraw: () => void,
  ) {
    room.on('presence', (presence) => this.update(presence));
    room.on('stateChanged', (modified) => {
      if (modified.roomMembers) this.forgetAbsent();
      if (modified.sceneState) this.clear();
    });
  }

  /** The cursors drawn now, for tests and the member list. */
  get visibleCursors(): ReadonlyMap<number, Cursor> {
    return this.cursors;
  }

  clear(): void {
    this.cursors.clear();
    this.laser.clear();
    this.redraw();
  }

  paint({ ctx, camera }: OverlayFrame): void {
    const names = new Map(
      this.room.state.roomMembers.map((member) => [member.memberId, member.payload] as const),
    );
    ctx.font = '600 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
    ctx.textBaseline = 'middle';
    for (const [memberId, cursor] of this.cursors) {
      const at = camera.boardToScreen(cursor.x, cursor.y);
      if (at.x < -50 || at.y < -50 || at.x > camera.width + 50 || at.y > camera.height + 50) {
        continue;
      }
      const color = memberColor(memberId);
      drawPointer(ctx, at.x, at.y, color);

      const label = memberName(names.get(memberId), memberId);
      const width = ctx.measureText(label).width + 12;
      const left = at.x + 12;
      const top = at.y + 16;
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.roundRect(left, top, width, 20, 6);
      ctx.fill();
      ctx.fillStyle = '#ffffff';
      ctx.fillText(label, left + 6, top + 10);
    }
  }

  private update(presence: PresenceUpdate): void {
    const { memberId } = presence;
    const elsewhere =
      presence.scenePath !== undefined &&
      presence.scenePath !== this.room.state.sceneState.scenePath;
    if (elsewhere) {
      this.cursors.delete(memberId);
      this.laser.add(`member-${memberId}`, null);
    } else {
      if (presence.cursor === null) this.cursors.delete(memberId);
      else if (presence.cursor) this.cursors.set(memberId, { ...presence.cursor });
      if (presence.laser !== undefined) this.laser.add(`member-${memberId}`, presence.laser);
    }
    this.redraw();
  }

  private forgetAbsent(): void {
    const present = new Set(this.room.state.roomMembers.map((member) => member.memberId));
    for (const memberId of this.cursors.keys()) {
      if (!present.has(memberId)) {
        this.cursors.delete(memberId);
        this.laser.add(`member-${memberId}`, null);
      }
    }
    this.redraw();
  }
}

/** An arrow pointer with its tip at (x, y). */
function drawPointer(ctx: CanvasRenderingContext2D, x: number, y: number, color: string): void {
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x, y + 17);
  ctx.lineTo(x + 4.5, y + 12.5);
  ctx.lineTo(x + 11.5, y + 12.5);
  ctx.closePath();
  ctx.fillStyle = color;
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
}
