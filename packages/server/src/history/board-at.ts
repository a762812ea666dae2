import { Board } from '@whiteroom/board';
import type { BoardOp } from '@whiteroom/protocol';
import { ApiError } from '../http/api-error.js';
import type { RoomRecord, Storage } from '../storage/storage.js';
import { NO_LIMITS, roomStateAt, type PageSelection } from './page-history.js';

/** A board rebuilt from the log: the seq of the last change it includes and that change's time. */
export interface RebuiltBoard {
  board: Board;
  seq: number;
  /** The time of the change at `seq`; 0 before the first change. */
  time: number;
  /** The pages whose elements the board holds; the others exist but are empty. */
  pages: string[];
}

/**
 * The board of a room at time `at` (epoch milliseconds), every page filled in: the board with
 * every change whose time is at most `at` applied. Without `at`, the board now: the latest
 * checkpoint and every change after it.
 *
 * "Now" is what has been written. A live room sends a change to anyone (its author included) only
 * once it is written, so the board answered is never behind anything a client or a REST caller
 * has been told; changes still in the room's write batch are, to every observer, not made yet.
 *
 * Only historied rooms keep their past: asking a persistent room for a moment throws
 * `roomNotRecorded`.
 */
export async function boardAt(
  storage: Storage,
  room: RoomRecord,
  at?: number,
): Promise<{ board: Board; seq: number }> {
  if (at === undefined) return boardNow(storage, room);
  if (!room.isRecord) throw new ApiError('roomNotRecorded');
  const seq = await storage.roomLogs.seqAt(room.id, at);
  const { board } = await boardAfterSeq(storage, room, seq, 'all');
  return { board, seq };
}

/**
 * A historied room right after its change `seq` (or before any, for 0), with the selected pages
 * filled in. Reads one keyframe and the page's own changes since it per page, whatever the length
 * of the recording.
 */
export async function boardAfterSeq(
  storage: Storage,
  room: RoomRecord,
  seq: number,
  selection: PageSelection,
): Promise<RebuiltBoard> {
  if (!room.isRecord) throw new ApiError('roomNotRecorded');
  const log = storage.roomLogs;
  const time = seq === 0 ? 0 : await log.timeOf(room.id, seq);
  if (time === undefined) {
    const { lastSeq } = await log.recordingBounds(room.id);
    throw new ApiError('timeOutOfRange', { details: [`the recording ends at seq ${lastSeq}`] });
  }
  const state = await roomStateAt(log, room.id, seq, selection);
  return { board: state.board, pages: state.pages, seq, time };
}

async function boardNow(
  storage: Storage,
  room: RoomRecord,
): Promise<{ board: Board; seq: number }> {
  const log = storage.roomLogs;
  const checkpoint = await log.latestCheckpoint(room.id);
  // A checkpoint holds the room engine's state: the board and the clients' resend numbers.
  const state = checkpoint?.state as { board: ConstructorParameters<typeof Board>[0] } | undefined;
  const board = new Board(state?.board);
  let seq = checkpoint?.seq ?? 0;
  for (const change of await log.changesAfter(room.id, seq)) {
    // Every stored change applied once; one that no longer does is skipped, as on loading.
    board.apply(change.op as BoardOp, { limits: NO_LIMITS });
    seq = change.seq;
  }
  return { board, seq };
}
