export { API_ERRORS } from './errors.js';
export type {
  ApiErrorDefinition,
  ApiErrorName,
  CurrentErrorBody,
  LegacyErrorBody,
} from './errors.js';
export {
  CreateRoomBody,
  CurrentErrorBodySchema,
  LegacyBanRoomBody,
  LegacyCreateRoomBody,
  LegacyErrorBodySchema,
  LegacyListRoomsQuery,
  LegacyRoom,
  Lifespan,
  ListRoomsQuery,
  MemberLimit,
  RoleName,
  Room,
  RoomMode,
  RoomName,
  RoomUuid,
  ScopedTokenBody,
  TeamTokenBody,
  TokenString,
  UpdateRoomBody,
  legacyEnvelope,
} from './rest.js';
export {
  BoxElement,
  Color,
  Element,
  ElementId,
  ElementPatch,
  ImageElement,
  LineElement,
  PencilElement,
  PressurePoints,
  ShapeType,
  TextElement,
} from './room/elements.js';
export type { ElementType } from './room/elements.js';
export {
  AddElementOp,
  AppendPointsOp,
  BoardOp,
  CleanSceneOp,
  MoveSceneOp,
  ProposedOp,
  PutScenesOp,
  RemoveElementsOp,
  RemoveScenesOp,
  ReorderElementOp,
  SceneDescription,
  SceneDir,
  SceneName,
  ScenePath,
  SetGlobalStateOp,
  SetScenePathOp,
  UpdateElementOp,
} from './room/ops.js';
export type { BoardOpType } from './room/ops.js';
export {
  BroadcastState,
  Camera,
  ChangeMessage,
  ClientMessage,
  ConnectMessage,
  MemberState,
  PROTOCOL_VERSION,
  RoomMember,
  SequencedChange,
  ServerMessage,
  ViewMode,
  WelcomeMessage,
} from './room/messages.js';
export { CLOSE_CODES, KICK_REASONS, ROOM_ERROR_CODES } from './room/codes.js';
export type { CloseCode, RoomErrorCode } from './room/codes.js';
