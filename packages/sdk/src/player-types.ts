import type { SceneState } from '@whiteroom/board';
import type { HistoryMember } from '@whiteroom/protocol';
import type { Point } from './room-types.js';

/** The shapes a recorded room is replayed with and reports through. */

export interface ReplayRoomParams {
  /** The room's uuid. */
  room: string;
  /** A room token of this room (a reader's is enough), or an sdkToken of its app. */
  roomToken: string;
  /** Where playback starts, epoch milliseconds; the start of the recording by default. */
  beginTimestamp?: number;
  /**
   * How many milliseconds to play; up to the end of the recording by default, and at most that:
   * a longer one is cut at the end of the recording.
   */
  duration?: number;
}

/**
 * As in the hosted SDK: `waitingFirstFrame` until the board at the start is loaded, then `pause`
 * or `playing`; `buffering` while playing waits for data; `ended` at the end (`play` starts again
 * from the beginning, a seek leaves it paused at the new moment); `stop` for good, after `stop()`
 * or an error.
 */
export type PlayerPhase =
  'waitingFirstFrame' | 'playing' | 'pause' | 'buffering' | 'ended' | 'stop';

/** What the replay shows of the room at the current moment, like a live room's state. */
export interface PlayerState {
  globalState: Record<string, unknown>;
  sceneState: SceneState;
  /** Who was in the room at that moment. */
  roomMembers: HistoryMember[];
}

/** A recorded member's cursor at the current moment. */
export interface PlayerCursor {
  memberId: number;
  /** Null when the cursor was off the board. */
  cursor: Point | null;
  scenePath?: string;
}

export interface PlayerCallbacks {
  onPhaseChanged?(phase: PlayerPhase): void;
  /** The playback position moved, in milliseconds from the start. */
  onProgressTimeChanged?(progressTime: number): void;
  /** Playback stopped for good because of an error (the phase is then `stop`). */
  onStoppedWithError?(error: Error): void;
  /** Only the fields that changed. */
  onPlayerStateChanged?(modifiedState: Partial<PlayerState>): void;
}

/**
 * Where a player takes its time from instead of its own clock: a media element's position, for
 * example. Returns milliseconds from the start of the replay.
 */
export type PlayerClockSource = () => number;

/** What `isPlayable` takes. */
export type PlayableParams = Pick<ReplayRoomParams, 'room' | 'roomToken'>;

export interface PlayerEvents {
  phaseChanged: (phase: PlayerPhase) => void;
  /** The playback position moved, in milliseconds from the start. */
  progressTimeChanged: (progressTime: number) => void;
  /** After any change to the board shown, with the new board revision: redraw here. */
  boardChanged: (revision: number) => void;
  /** Only the fields of `player.state` that changed. */
  stateChanged: (modifiedState: Partial<PlayerState>) => void;
  /** Every recorded member's cursor, after any of them moved. */
  cursors: (cursors: PlayerCursor[]) => void;
}

/**
 * The time and timers a player runs on: the platform's by default. Tests pass a clock they move by
 * hand. `now` is in milliseconds and need only grow steadily (`performance.now()` does).
 */
export interface PlayerTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
