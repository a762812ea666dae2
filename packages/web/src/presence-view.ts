import type { PresenceUpdate, Room } from '@whiteroom/sdk';
import { drawCursor } from './canvas/cursor-marker.js';
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
    for (const [memberId, cursor] of this.cursors) {
      const at = camera.boardToScreen(cursor.x, cursor.y);
      if (at.x < -50 || at.y < -50 || at.x > camera.width + 50 || at.y > camera.height + 50) {
        continue;
      }
      drawCursor(ctx, at, memberColor(memberId), memberName(names.get(memberId), memberId));
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
