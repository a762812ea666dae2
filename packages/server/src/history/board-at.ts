import { Board, type BoardLimits, type BoardSnapshot } from '@whiteroom/board';
import type { BoardOp } from '@whiteroom/protocol';
import { ApiError } from '../http/api-error.js';
import type { CheckpointPosition, RoomRecord, Storage } from '../storage/storage.js';
import { KeyframeCache } from './keyframe-cache.js';

/** Stored changes were checked when they were accepted; replaying them checks no limit again. */
const NO_LIMITS: BoardLimits = {
  maxPointsPerStroke: Number.POSITIVE_INFINITY,
  maxElementsPerPage: Number.POSITIVE_INFINITY,
  maxPagesPerRoom: Number.POSITIVE_INFINITY,
};

/** The latest possible time or seq, for "now". */
const END = Number.MAX_SAFE_INTEGER;

/** Decoded keyframes of each storage's rooms, up to about 64 MB of stored JSON per storage. */
const keyframeCaches = new WeakMap<Storage['roomLogs'], KeyframeCache>();
const KEYFRAME_CACHE_BYTES = 64 * 1024 * 1024;

/** A board rebuilt from the log: the seq of the last change it includes and that change's time. */
export interface RebuiltBoard {
  board: Board;
  seq: number;
  /** The time of the change at `seq` (the keyframe's when no change followed it); 0 for none. */
  time: number;
}

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
  const { board, seq } = await rebuild(
    storage,
    room.id,
    (log) => log.checkpointAtOrBefore(room.id, at ?? END),
    { untilTime: at },
  );
  return { board, seq };
}

/** The board of a historied room right after its change `seq` (or before any, for 0). */
export async function boardAfterSeq(
  storage: Storage,
  room: RoomRecord,
  seq: number,
): Promise<RebuiltBoard> {
  if (!room.isRecord) throw new ApiError('roomNotRecorded');
  return rebuild(storage, room.id, (log) => log.checkpointAtOrBeforeSeq(room.id, seq), {
    untilSeq: seq,
  });
}

async function rebuild(
  storage: Storage,
  roomId: number,
  findKeyframe: (log: Storage['roomLogs']) => Promise<CheckpointPosition | undefined>,
  until: { untilTime?: number; untilSeq?: number },
): Promise<RebuiltBoard> {
  const log = storage.roomLogs;

  let keyframe = await findKeyframe(log);
  let snapshot = keyframe && (await keyframeBoard(storage, roomId, keyframe.seq));
  if (keyframe && !snapshot) {
    // A persistent room folded its log into a newer checkpoint meanwhile: start from that one.
    keyframe = await log.checkpointAtOrBefore(roomId, END);
    snapshot = keyframe && (await keyframeBoard(storage, roomId, keyframe.seq));
  }
  const board = new Board(snapshot);
  let seq = keyframe?.seq ?? 0;
  let time = keyframe?.time ?? 0;

  const limit = until.untilSeq === undefined ? undefined : Math.max(0, until.untilSeq - seq);
  const changes = limit === 0 ? [] : await log.changesAfter(roomId, seq, limit, until.untilTime);
  for (const change of changes) {
    // Every stored change applied once; one that no longer does is skipped, as on loading.
    board.apply(change.op as BoardOp, { limits: NO_LIMITS });
    seq = change.seq;
    time = change.time;
  }
  return { board, seq, time };
}

async function keyframeBoard(
  storage: Storage,
  roomId: number,
  seq: number,
): Promise<BoardSnapshot | undefined> {
  let keyframes = keyframeCaches.get(storage.roomLogs);
  if (!keyframes) {
    keyframes = new KeyframeCache(KEYFRAME_CACHE_BYTES);
    keyframeCaches.set(storage.roomLogs, keyframes);
  }
  const cached = keyframes.get(roomId, seq);
  if (cached) return cached;
  const checkpoint = await storage.roomLogs.checkpointAt(roomId, seq);
  if (!checkpoint) return undefined;
  // A checkpoint holds the room engine's state: the board and the clients' resend numbers.
  const board = (checkpoint.state as { board: BoardSnapshot }).board;
  keyframes.set(roomId, seq, board, checkpoint.size);
  return board;
}
