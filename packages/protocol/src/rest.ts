import { Type, type Static } from 'typebox';

/**
 * The shapes of Whiteroom's REST API, as runtime schemas. The server validates every request with
 * them and generates its OpenAPI document from them; clients can use the same types.
 */

/** Room uuids are 32 lower-case hex characters, as the hosted service makes them. */
export const RoomUuid = Type.String({
  pattern: '^[0-9a-f]{32}$',
  description: '32 lower-case hexadecimal characters',
  examples: ['d07bcaf0a17911ea9d7e23232cddf42d'],
});

export const RoleName = Type.Union(
  [Type.Literal('admin'), Type.Literal('writer'), Type.Literal('reader')],
  { description: 'admin can do everything a writer can, a writer everything a reader can' },
);

/**
 * Up to 2,048 characters (code points) of any Unicode text. A lone surrogate is not text: it
 * cannot be stored as UTF-8, so it is refused rather than mangled.
 */
export const RoomName = Type.String({
  maxLength: 2048,
  pattern: '^[^\\uD800-\\uDFFF]*$',
  description: 'up to 2,048 characters',
});

/** How many writers and admins may be in the room at once; 0 means no limit. */
export const MemberLimit = Type.Integer({
  minimum: 0,
  maximum: 2_147_483_647,
  description:
    'how many members with writer or admin rights may be in the room at once; 0 is no limit',
});

export const Lifespan = Type.Integer({
  minimum: 0,
  maximum: 100 * 365 * 24 * 3600 * 1000,
  description: 'milliseconds the token lives; 0 means it never expires',
});

/** A room as the current API shows it. */
export const Room = Type.Object({
  uuid: RoomUuid,
  teamUUID: Type.String(),
  appUUID: Type.String(),
  name: Type.String(),
  isRecord: Type.Boolean({ description: 'true for a historied room, recorded for replay' }),
  isBan: Type.Boolean(),
  limit: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Room = Static<typeof Room>;

/** A room as the legacy API shows it. */
export const LegacyRoom = Type.Object({
  id: Type.Integer(),
  uuid: RoomUuid,
  name: Type.String(),
  limit: Type.Integer(),
  mode: Type.Union([Type.Literal('persistent'), Type.Literal('historied')]),
  teamId: Type.Integer(),
  adminId: Type.Integer(),
  region: Type.String(),
  template: Type.String(),
  isBan: Type.Boolean(),
  hare: Type.String({
    description: 'kept for old clients: a JSON document serialised as a string',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type LegacyRoom = Static<typeof LegacyRoom>;

export const RoomMode = Type.Union([Type.Literal('persistent'), Type.Literal('historied')]);

// Request bodies ---------------------------------------------------------------------------------

export const CreateRoomBody = Type.Object(
  {
    name: Type.Optional(RoomName),
    isRecord: Type.Optional(Type.Boolean()),
    limit: Type.Optional(MemberLimit),
  },
  { additionalProperties: false },
);
export type CreateRoomBody = Static<typeof CreateRoomBody>;

/** Legacy clients sent fields of their own beside these; unknown fields are ignored. */
export const LegacyCreateRoomBody = Type.Object({
  name: Type.Optional(RoomName),
  limit: Type.Optional(MemberLimit),
  mode: Type.Optional(RoomMode),
});
export type LegacyCreateRoomBody = Static<typeof LegacyCreateRoomBody>;

export const UpdateRoomBody = Type.Object(
  { isBan: Type.Boolean() },
  { additionalProperties: false },
);
export type UpdateRoomBody = Static<typeof UpdateRoomBody>;

export const LegacyBanRoomBody = Type.Object({ ban: Type.Boolean(), uuid: RoomUuid });
export type LegacyBanRoomBody = Static<typeof LegacyBanRoomBody>;

export const TeamTokenBody = Type.Object(
  {
    accessKey: Type.String({ minLength: 1, maxLength: 256 }),
    secretAccessKey: Type.String({ minLength: 1, maxLength: 256 }),
    lifespan: Lifespan,
    role: RoleName,
  },
  { additionalProperties: false },
);
export type TeamTokenBody = Static<typeof TeamTokenBody>;

export const ScopedTokenBody = Type.Object(
  { lifespan: Lifespan, role: RoleName },
  { additionalProperties: false },
);
export type ScopedTokenBody = Static<typeof ScopedTokenBody>;

// Queries ----------------------------------------------------------------------------------------

/** Unknown query parameters are ignored, as proxies and client libraries add their own. */
export const ListRoomsQuery = Type.Object({
  beginUUID: Type.Optional(RoomUuid),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
export type ListRoomsQuery = Static<typeof ListRoomsQuery>;

export const LegacyListRoomsQuery = Type.Object({
  offset: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 1, description: 'counts from 1' }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
export type LegacyListRoomsQuery = Static<typeof LegacyListRoomsQuery>;

// Responses --------------------------------------------------------------------------------------

export const TokenString = Type.String({
  description: 'the token itself, as a bare JSON string',
  examples: ['NETLESSROOM_YWs9...'],
});

export const CurrentErrorBodySchema = Type.Object({
  message: Type.String(),
  error: Type.Object({
    code: Type.Integer(),
    title: Type.String(),
    messages: Type.Array(Type.String()),
  }),
});

export const LegacyErrorBodySchema = Type.Object({ code: Type.Integer(), msg: Type.String() });

/** The legacy success envelope around a response's `msg`. */
export const legacyEnvelope = <T extends Parameters<typeof Type.Object>[0][string]>(msg: T) =>
  Type.Object({ code: Type.Literal(200), msg });
