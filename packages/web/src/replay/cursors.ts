import type { Player, PlayerCursor } from '@whiteroom/sdk';
import { drawCursor } from '../canvas/cursor-marker.js';
import type { OverlayFrame, OverlayPainter } from '../canvas/overlay-layer.js';
import { memberColor, memberName } from '../member-colors.js';

export interface LabelledCursor {
  memberId: number;
  name: string;
  x: number;
  y: number;
}

/** The recorded members' cursors at the replay's moment, with their names, on the page shown. */
export class ReplayCursors implements OverlayPainter {
  private cursors: PlayerCursor[];

  constructor(
    private readonly player: Player,
    redraw: () => void,
  ) {
    this.cursors = player.cursors;
    player.on('cursors', (cursors) => {
      this.cursors = cursors;
      redraw();
    });
    player.on('stateChanged', (modified) => {
      if (modified.sceneState || modified.roomMembers) redraw();
    });
  }

  /** The cursors drawn now, on the page shown and on the board, with their names. */
  visible(): LabelledCursor[] {
    const page = this.player.state.sceneState.scenePath;
    const names = new Map(
      this.player.state.roomMembers.map((member) => [member.memberId, member.payload] as const),
    );
    const shown: LabelledCursor[] = [];
    for (const { memberId, cursor, scenePath } of this.cursors) {
      if (!cursor || (scenePath !== undefined && scenePath !== page)) continue;
      shown.push({ memberId, name: memberName(names.get(memberId), memberId), ...cursor });
    }
    return shown;
  }

  paint({ ctx, camera }: OverlayFrame): void {
    for (const cursor of this.visible()) {
      const at = camera.boardToScreen(cursor.x, cursor.y);
      if (at.x < -50 || at.y < -50 || at.x > camera.width + 50 || at.y > camera.height + 50) {
        continue;
      }
      drawCursor(ctx, at, memberColor(cursor.memberId), cursor.name);
    }
  }
}
