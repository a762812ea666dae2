import type { Board } from '@whiteroom/board';
import { boardAt } from '../history/board-at.js';
import { ApiError } from '../http/api-error.js';
import type { RoomRecord, Storage } from '../storage/storage.js';

/**
 * The board an export shows: the room's board now, or as it was at `at` (historied rooms only,
 * else `roomNotRecorded`). A moment before the room was created or after now is `timeOutOfRange`;
 * any moment between is the board as it was then, empty before the first change and the latest
 * board after the last.
 */
export async function boardForExport(
  storage: Storage,
  room: RoomRecord,
  at?: number,
  now = Date.now(),
): Promise<Board> {
  if (at !== undefined && room.isRecord) {
    const created = Date.parse(room.createdAt);
    if (at < created || at > now) {
      throw new ApiError('timeOutOfRange', {
        details: [`the room was recorded from ${created} to now (${now})`],
      });
    }
  }
  const { board } = await boardAt(storage, room, at);
  return board;
}
