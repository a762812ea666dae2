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
