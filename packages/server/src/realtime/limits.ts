import { DEFAULT_BOARD_LIMITS, type BoardLimits } from '@whiteroom/board';

/** Limits of the room server, each configurable (see docs/operations.md). */
export interface RealtimeLimits extends BoardLimits {
  /** Largest WebSocket message accepted; a larger one closes the connection (1009). */
  maxFrameBytes: number;
  /** Board changes per second one connection may send, with bursts of twice that. */
  changesPerSecond: number;
  /** Bytes a second one connection may send, with bursts of twice that (or one largest frame). */
  bytesPerSecond: number;
  /** Invalid frames one connection may send before it is closed (4429). */
  maxInvalidFrames: number;
  /** Bytes waiting to be sent to one client before it is dropped as too slow (4408). */
  maxBufferedBytes: number;
  /** Milliseconds a new connection has to send its `connect` message. */
  handshakeTimeoutMs: number;
  /** Changes between two checkpoints of a room, at least (more on large boards). */
  checkpointEvery: number;
  /**
   * In historied rooms, a page gets a keyframe (its elements, for replay) once this many bytes of
   * its changes piled up since its last one, or as many as that keyframe's size if larger.
   */
  pageKeyframeBytes: number;
  /** Milliseconds between two recorded cursor positions of one member, in historied rooms. */
  presenceSampleMs: number;
  /** How often sockets are pinged; one that has not answered by the next ping is cut. */
  heartbeatIntervalMs: number;
}

export const DEFAULT_REALTIME_LIMITS: RealtimeLimits = {
  ...DEFAULT_BOARD_LIMITS,
  maxFrameBytes: 1024 * 1024,
  changesPerSecond: 200,
  bytesPerSecond: 2 * 1024 * 1024,
  maxInvalidFrames: 20,
  maxBufferedBytes: 8 * 1024 * 1024,
  handshakeTimeoutMs: 10_000,
  checkpointEvery: 1000,
  pageKeyframeBytes: 64 * 1024,
  presenceSampleMs: 100,
  heartbeatIntervalMs: 30_000,
};
