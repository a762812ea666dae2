import type { Board } from '@whiteroom/board';
import { boardAfterSeq, boardAt } from '../history/board-at.js';
import type { PageSelection } from '../history/page-history.js';
import { ApiError } from '../http/api-error.js';
import type { RoomRecord, Storage } from '../storage/storage.js';

/**
 * The board an export shows: the room's board now, or as it was at `at` (historied rooms only,
 * else `roomNotRecorded`). A moment before the room was created or after now is `timeOutOfRange`;
 * any moment between is the board as it was then, empty before the first change and the latest
 * board after the last. A moment's board holds the elements of the `pages` selected only (all by
 * default; the others exist, empty), since each page is rebuilt from its own history.
 */
export async function boardForExport(
  storage: Storage,
  room: RoomRecord,
  at?: number,
  pages: PageSelection = 'all',
  now = Date.now(),
): Promise<Board> {
  if (at === undefined) return (await boardAt(storage, room)).board;
  if (!room.isRecord) throw new ApiError('roomNotRecorded');
  const created = Date.parse(room.createdAt);
  if (at < created || at > now) {
    throw new ApiError('timeOutOfRange', {
      details: [`the room was recorded from ${created} to now (${now})`],
    });
  }
  // A moment of the past is rebuilt page by page: a screenshot needs only its own page.
  const seq = await storage.roomLogs.seqAt(room.id, at);
  return (await boardAfterSeq(storage, room, seq, pages)).board;
}
