import { Type, type Static } from 'typebox';
import { BoardOp, ProposedOp, ScenePath } from './ops.js';

/** Sent in the first message of every connection and checked once. */
export const PROTOCOL_VERSION = 1;

const Json = Type.Unknown();
const Uid = Type.String({ minLength: 1, maxLength: 128 });
const ClientId = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' });
const ClientSeq = Type.Integer({ minimum: 1 });
const Finite = Type.Number({ minimum: -1e7, maximum: 1e7 });

export const Camera = Type.Object(
  {
    centerX: Finite,
    centerY: Finite,
    scale: Type.Number({ minimum: 0.01, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type Camera = Static<typeof Camera>;

export const ViewMode = Type.Union([
  Type.Literal('freedom'),
  Type.Literal('broadcaster'),
  Type.Literal('follower'),
]);
export type ViewMode = Static<typeof ViewMode>;

/** A member's own tool and style, shown to others. */
export const MemberState = Type.Object(
  {
    currentApplianceName: Type.Optional(Type.String({ maxLength: 32 })),
    strokeColor: Type.Optional(Type.Tuple([Type.Integer(), Type.Integer(), Type.Integer()])),
    strokeWidth: Type.Optional(Type.Number({ minimum: 0, maximum: 200 })),
    textSize: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
    shapeType: Type.Optional(Type.String({ maxLength: 32 })),
  },
  { additionalProperties: Type.Unknown(), maxProperties: 64 },
);
export type MemberState = Static<typeof MemberState>;

// Client to server ---------------------------------------------------------------------------------

export const ConnectMessage = Type.Object(
  {
    type: Type.Literal('connect'),
    protocolVersion: Type.Integer(),
    roomUuid: Type.String({ pattern: '^[0-9a-f]{32}$' }),
    /** A room token of this room, or an sdkToken of its app (which acts with its own role). */
    token: Type.String({ maxLength: 4096 }),
    uid: Uid,
    userPayload: Type.Optional(Json),
    isWritable: Type.Boolean(),
    /** Stable across the reconnects of one client, so resent changes are applied once. */
    clientId: ClientId,
    /** The last sequence number this client has; absent on a first join. */
    lastSeq: Type.Optional(Type.Integer({ minimum: 0 })),
    memberState: Type.Optional(MemberState),
  },
  { additionalProperties: false },
);
export type ConnectMessage = Static<typeof ConnectMessage>;

/** A proposed change, numbered by the client so that it can be acknowledged or refused. */
export const ChangeMessage = Type.Object(
  { type: Type.Literal('change'), clientSeq: ClientSeq, op: ProposedOp },
  { additionalProperties: false },
);
export type ChangeMessage = Static<typeof ChangeMessage>;

export const SetMemberStateMessage = Type.Object(
  { type: Type.Literal('setMemberState'), memberState: MemberState },
  { additionalProperties: false },
);

export const SetWritableMessage = Type.Object(
  { type: Type.Literal('setWritable'), isWritable: Type.Boolean() },
  { additionalProperties: false },
);

/** Ephemeral: never stored, never numbered. Sent at most every few tens of milliseconds. */
export const PresenceMessage = Type.Object(
  {
    type: Type.Literal('presence'),
    cursor: Type.Optional(Type.Union([Type.Object({ x: Finite, y: Finite }), Type.Null()])),
    laser: Type.Optional(Type.Union([Type.Object({ x: Finite, y: Finite }), Type.Null()])),
    scenePath: Type.Optional(ScenePath),
  },
  { additionalProperties: false },
);

export const MoveCameraMessage = Type.Object(
  { type: Type.Literal('moveCamera'), camera: Camera },
  { additionalProperties: false },
);

export const SetViewModeMessage = Type.Object(
  { type: Type.Literal('setViewMode'), mode: ViewMode },
  { additionalProperties: false },
);

export const MagixEventMessage = Type.Object(
  {
    type: Type.Literal('magixEvent'),
    event: Type.String({ minLength: 1, maxLength: 128 }),
    payload: Type.Optional(Json),
  },
  { additionalProperties: false },
);

export const PingMessage = Type.Object(
  { type: Type.Literal('ping'), id: Type.Integer() },
  { additionalProperties: false },
);

export const ClientMessage = Type.Union([
  ConnectMessage,
  ChangeMessage,
  SetMemberStateMessage,
  SetWritableMessage,
  PresenceMessage,
  MoveCameraMessage,
  SetViewModeMessage,
  MagixEventMessage,
  PingMessage,
]);
export type ClientMessage = Static<typeof ClientMessage>;

// Server to client ---------------------------------------------------------------------------------

export const RoomMember = Type.Object({
  memberId: Type.Integer(),
  uid: Type.String(),
  payload: Json,
  memberState: MemberState,
  /** What the member may do now: a writer observing with isWritable false is `reader` here. */
  isWritable: Type.Boolean(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('writer'), Type.Literal('reader')]),
});
export type RoomMember = Static<typeof RoomMember>;

export const BroadcastState = Type.Object({
  /** The member whose camera followers follow, if any. */
  broadcasterId: Type.Optional(Type.Integer()),
  camera: Type.Optional(Camera),
});
export type BroadcastState = Static<typeof BroadcastState>;

/** A change the server accepted: applied by everyone in `seq` order. */
export const SequencedChange = Type.Object({
  seq: Type.Integer({ minimum: 1 }),
  /** Server time, epoch milliseconds. */
  time: Type.Integer(),
  uid: Type.String(),
  op: BoardOp,
  /** Set on the copy that goes back to its author: the change's own number there. */
  clientId: Type.Optional(Type.String()),
  clientSeq: Type.Optional(Type.Integer()),
});
export type SequencedChange = Static<typeof SequencedChange>;

export const WelcomeMessage = Type.Object({
  type: Type.Literal('welcome'),
  protocolVersion: Type.Integer(),
  memberId: Type.Integer(),
  isWritable: Type.Boolean(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('writer'), Type.Literal('reader')]),
  /** The board at `snapshotSeq`, when the client had nothing or was too far behind. */
  snapshot: Type.Optional(Json),
  /** The sequence number the snapshot is at; present with `snapshot`. */
  snapshotSeq: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Changes after the client's `lastSeq` (or after the snapshot). */
  changes: Type.Array(SequencedChange),
  /** The client's largest `clientSeq` the server has applied: resend only what comes after. */
  lastClientSeq: Type.Integer({ minimum: 0 }),
  members: Type.Array(RoomMember),
  broadcastState: BroadcastState,
  serverTime: Type.Integer(),
});
export type WelcomeMessage = Static<typeof WelcomeMessage>;

export const ServerMessage = Type.Union([
  WelcomeMessage,
  Type.Object({ type: Type.Literal('change'), change: SequencedChange }),
  /**
   * A resent change that had been applied already. `seq` is the sequence number of the client's
   * latest applied change, which the resent one is at or before.
   */
  Type.Object({ type: Type.Literal('ack'), clientSeq: Type.Integer(), seq: Type.Integer() }),
  Type.Object({
    type: Type.Literal('reject'),
    clientSeq: Type.Integer(),
    code: Type.String(),
    message: Type.String(),
  }),
  Type.Object({ type: Type.Literal('memberJoined'), member: RoomMember }),
  Type.Object({ type: Type.Literal('memberLeft'), memberId: Type.Integer() }),
  Type.Object({ type: Type.Literal('memberUpdated'), member: RoomMember }),
  Type.Object({
    type: Type.Literal('presence'),
    memberId: Type.Integer(),
    cursor: Type.Optional(
      Type.Union([Type.Object({ x: Type.Number(), y: Type.Number() }), Type.Null()]),
    ),
    laser: Type.Optional(
      Type.Union([Type.Object({ x: Type.Number(), y: Type.Number() }), Type.Null()]),
    ),
    scenePath: Type.Optional(Type.String()),
  }),
  Type.Object({ type: Type.Literal('broadcastState'), broadcastState: BroadcastState }),
  Type.Object({
    type: Type.Literal('magixEvent'),
    memberId: Type.Integer(),
    event: Type.String(),
    payload: Json,
  }),
  Type.Object({ type: Type.Literal('pong'), id: Type.Integer(), serverTime: Type.Integer() }),
  Type.Object({ type: Type.Literal('error'), code: Type.String(), message: Type.String() }),
]);
export type ServerMessage = Static<typeof ServerMessage>;
