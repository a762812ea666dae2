import type { MemberState, ProposedOp } from '@whiteroom/protocol';
import type { RoomError } from './errors.js';
import type { Logger } from './logger.js';
import type { SocketConstructor } from './socket.js';
import type { RoomPhase, RoomState } from './state.js';

/** The shapes a room is joined with and reports through. */

export interface JoinRoomParams {
  /** The room's uuid: 32 lower-case hex characters. */
  uuid: string;
  /** A room token of this room, or an sdkToken of its app. */
  roomToken: string;
  /** Who this user is in the application; several members may share one. */
  uid: string;
  /** Any JSON, shown to the others as this member's `payload`. */
  userPayload?: unknown;
  /** Join as a writer (the default) or only to watch. */
  isWritable?: boolean;
  /** This member's initial tool and style, merged over the defaults. */
  memberState?: Partial<MemberState>;
}

export interface RoomCallbacks {
  onPhaseChanged?(phase: RoomPhase): void;
  /** Only the fields that changed. */
  onRoomStateChanged?(modifiedState: Partial<RoomState>): void;
  /** The server removed this member for good: `roomBan`, `roomFull`, `tokenRefused`, ... */
  onKickedWithReason?(reason: string): void;
  /** The connection ended for good for another reason than a kick. */
  onDisconnectWithError?(error: Error): void;
}

export interface Point {
  x: number;
  y: number;
}

/** What `updatePresence` takes; null hides the cursor or laser. */
export interface PresenceInput {
  cursor?: Point | null;
  laser?: Point | null;
}

/** A member's cursor and laser pointer, as the server relays them. */
export interface PresenceUpdate extends PresenceInput {
  memberId: number;
  scenePath?: string;
}

/** A change of this client the server refused; it is off the board again. */
export interface Rejection {
  clientSeq: number;
  op: ProposedOp;
  code: string;
  message: string;
}

export interface MagixEvent {
  event: string;
  payload: unknown;
  /** The memberId of the sender. */
  authorId: number;
}

export type MagixEventListener = (event: MagixEvent) => void;

export interface RoomEvents {
  phaseChanged: (phase: RoomPhase) => void;
  stateChanged: (modifiedState: Partial<RoomState>) => void;
  /** After any change to the board, with the new board revision. */
  boardChanged: (revision: number) => void;
  presence: (presence: PresenceUpdate) => void;
  rejected: (rejection: Rejection) => void;
  /** An `error` message from the server: a frame or request of this client was refused. */
  serverError: (error: RoomError) => void;
}

/** What the SDK object gives every room it opens. */
export interface RoomContext {
  url: string;
  WebSocket: SocketConstructor;
  logger: Logger;
  joinTimeoutMs: number;
}
