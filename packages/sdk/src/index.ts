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
export { ConnectionError, RoomError } from './errors.js';
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
  MemberState,
  RoomMember,
  SceneDescription,
  ViewMode,
} from '@whiteroom/protocol';
