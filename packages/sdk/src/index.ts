export { WhiteWebSdk } from './sdk.js';
export type { WhiteWebSdkConfiguration } from './sdk.js';
export { Room } from './room.js';
export type {
  JoinRoomParams,
  MagixEvent,
  MagixEventListener,
  Point,
  PresenceInput,
  PresenceUpdate,
  Rejection,
  RoomCallbacks,
  RoomEvents,
} from './room-types.js';
export type { BroadcastView, CameraState, RoomPhase, RoomState, SceneState } from './state.js';
export type { BoardSnapshot } from '@whiteroom/board';
export type { ElementInput, ImageInformation } from './elements.js';
export { Player } from './player.js';
export type {
  PlayableParams,
  PlayerCallbacks,
  PlayerClockSource,
  PlayerCursor,
  PlayerEvents,
  PlayerPhase,
  PlayerState,
  ReplayRoomParams,
} from './player-types.js';
export type { FetchInit, FetchLike, FetchResponse } from './history-client.js';
export { ConnectionError, ReplayError, RoomError } from './errors.js';
export type { Logger } from './logger.js';
export type { SocketConstructor, SocketLike } from './socket.js';
export { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export type {
  BoardOp,
  Camera,
  Color,
  Element,
  ElementPatch,
  ElementType,
  HistoryMember,
  MemberState,
  RoomMember,
  SceneDescription,
  ViewMode,
} from '@whiteroom/protocol';
