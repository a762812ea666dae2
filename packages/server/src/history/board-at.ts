import { Board, type BoardLimits, type BoardSnapshot } from '@whiteroom/board';
import type { BoardOp } from '@whiteroom/protocol';
import { ApiError } from '../http/api-error.js';
import type { RoomRecord, Storage } from '../storage/storage.js';
import { KeyframeCache } from './keyframe-cache.js';

/** Stored changes were checked when they were accepted; replaying them checks no limit again. */
const NO_LIMITS: BoardLimits = {
  maxPointsPerStroke: Number.POSITIVE_INFINITY,
  maxElementsPerPage: Number.POSITIVE_INFINITY,
  maxPagesPerRoom: Number.POSITIVE_INFINITY,
};

/** The latest possible time, for "now". */
const END_OF_TIME = Number.MAX_SAFE_INTEGER;

/** Decoded keyframes shared by every room, up to about 64 MB of stored JSON. */
const keyframes = new KeyframeCache(64 * 1024 * 1024);

/**
 * The board of a room at time `at` (epoch milliseconds): the nearest keyframe at or before it,
 * then every change after that keyframe whose time is at most `at`. Without `at`, the board now:
 * the latest checkpoint and every change after it.
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
  if (at !== undefined && !room.isRecord) throw new ApiError('roomNotRecorded');
  const log = storage.roomLogs;

  let keyframe = await log.checkpointAtOrBefore(room.id, at ?? END_OF_TIME);
  let snapshot = keyframe && (await keyframeBoard(storage, room.id, keyframe.seq));
  if (keyframe && !snapshot) {
    // A persistent room folded its log into a newer checkpoint meanwhile: start from that one.
    keyframe = await log.checkpointAtOrBefore(room.id, END_OF_TIME);
    snapshot = keyframe && (await keyframeBoard(storage, room.id, keyframe.seq));
  }
  let seq = keyframe?.seq ?? 0;
  const board = new Board(snapshot);

  const changes = await log.changesAfter(room.id, seq, undefined, at);
  for (const change of changes) {
    // Every stored change applied once; one that no longer does is skipped, as on loading.
    board.apply(change.op as BoardOp, { limits: NO_LIMITS });
    seq = change.seq;
  }
  return { board, seq };
}

async function keyframeBoard(
  storage: Storage,
  roomId: number,
  seq: number,
): Promise<BoardSnapshot | undefined> {
  const cached = keyframes.get(roomId, seq);
  if (cached) return cached;
  const checkpoint = await storage.roomLogs.checkpointAt(roomId, seq);
  if (!checkpoint) return undefined;
  // A checkpoint holds the room engine's state: the board and the clients' resend numbers.
  const board = (checkpoint.state as { board: BoardSnapshot }).board;
  keyframes.set(roomId, seq, board, checkpoint.size);
  return board;
}
