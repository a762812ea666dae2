import { Type, type Static } from 'typebox';
import { ScenePath } from './room/ops.js';
import { SequencedChange } from './room/messages.js';

/**
 * The replay API of historied rooms: what a player fetches to show a room as it was at any moment.
 *
 * Times are server times in epoch milliseconds. "The board at time T" is the board with every
 * change whose `time` is at most T applied, so the state at T and the changes after T fit together
 * with nothing missing and nothing twice. A player fetches the summary, the state at where it
 * starts, then the changes in chunks as it plays; seeking fetches the state at the new moment.
 */

const Timestamp = Type.Integer({
  minimum: 0,
  maximum: 8_640_000_000_000_000,
  description: 'epoch milliseconds',
});
const Seq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/** `GET /v5/rooms/{uuid}/history`: what there is to play. */
export const HistorySummary = Type.Object({
  uuid: Type.String(),
  /** When the recording starts: the first recorded change or member event. */
  beginTimestamp: Timestamp,
  /** When the last recorded change or member event happened; equals begin when there is none. */
  endTimestamp: Timestamp,
  /** Recorded board changes. A recording with none has nothing to play. */
  changeCount: Type.Integer({ minimum: 0 }),
  firstSeq: Seq,
  lastSeq: Seq,
  /** How often cursor positions were sampled, per member. */
  presenceSampleMs: Type.Integer({ minimum: 1 }),
});
export type HistorySummary = Static<typeof HistorySummary>;

/**
 * `GET /v5/rooms/{uuid}/history/state?at=T` (or `?seq=S`, right after change S). The answer holds
 * the room's pages, current page and global state, and the elements of one page: the current page
 * at that moment unless `page` names another; `page=*` fills in every page (costly on long
 * recordings: a player loads other pages when the replay turns to them).
 */
export const HistoryStateQuery = Type.Object({
  at: Type.Optional(Timestamp),
  seq: Type.Optional(Seq),
  page: Type.Optional(
    Type.Union([ScenePath, Type.Literal('*')], { description: 'a page path, or * for all' }),
  ),
});
export type HistoryStateQuery = Static<typeof HistoryStateQuery>;

/**
 * The board at a moment: a board snapshot (as `@whiteroom/board` defines it) whose `pages` hold
 * only the pages listed in `pages`; the others exist but are left out.
 */
export const HistoryState = Type.Object({
  at: Timestamp,
  /** The seq of the last change the board includes; 0 before the first change. */
  seq: Seq,
  board: Type.Unknown({ description: 'a board snapshot' }),
  /** The pages whose elements the snapshot holds. */
  pages: Type.Array(Type.String()),
});
export type HistoryState = Static<typeof HistoryState>;

/** `GET /v5/rooms/{uuid}/history/changes?afterSeq=S&until=T&limit=N`. */
export const HistoryChangesQuery = Type.Object({
  afterSeq: Seq,
  until: Timestamp,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 2000 })),
});
export type HistoryChangesQuery = Static<typeof HistoryChangesQuery>;

/** Changes with seq above `afterSeq` and time at most `until`, in order. */
export const HistoryChanges = Type.Object({
  changes: Type.Array(SequencedChange),
  /** True when the limit cut the answer short: ask again after the last seq. */
  more: Type.Boolean(),
});
export type HistoryChanges = Static<typeof HistoryChanges>;

/** A recorded member, as a replay shows them: who they were, not what they could do. */
export const HistoryMember = Type.Object({
  memberId: Type.Integer(),
  uid: Type.String(),
  payload: Type.Unknown(),
});
export type HistoryMember = Static<typeof HistoryMember>;

const Point = Type.Object({ x: Type.Number(), y: Type.Number() });

/** One recorded member event. Cursor positions are sampled, at most one per member per interval. */
export const PresenceEvent = Type.Union([
  Type.Object({
    type: Type.Literal('joined'),
    time: Timestamp,
    member: HistoryMember,
  }),
  Type.Object({ type: Type.Literal('left'), time: Timestamp, memberId: Type.Integer() }),
  Type.Object({
    type: Type.Literal('cursor'),
    time: Timestamp,
    memberId: Type.Integer(),
    /** Null when the cursor left the board. */
    cursor: Type.Union([Point, Type.Null()]),
    scenePath: Type.Optional(ScenePath),
  }),
]);
export type PresenceEvent = Static<typeof PresenceEvent>;

/** `GET /v5/rooms/{uuid}/history/presence?from=T0&to=T1`. */
export const HistoryPresenceQuery = Type.Object({ from: Timestamp, to: Timestamp });
export type HistoryPresenceQuery = Static<typeof HistoryPresenceQuery>;

/**
 * Members in the room at `from` (with their last cursor before it, when sampled), then the
 * events with `from < time <= to`, in time order. The server may end the answer early on a long
 * range: `to` in the answer says how far it covers.
 */
export const HistoryPresence = Type.Object({
  from: Timestamp,
  to: Timestamp,
  members: Type.Array(
    Type.Object({
      member: HistoryMember,
      cursor: Type.Union([Point, Type.Null()]),
      scenePath: Type.Optional(ScenePath),
    }),
  ),
  events: Type.Array(PresenceEvent),
});
export type HistoryPresence = Static<typeof HistoryPresence>;

// Export -----------------------------------------------------------------------------------------

/** `POST /v5/rooms/{uuid}/screenshots`: an image of one page, now or at a moment. */
export const ScreenshotBody = Type.Object(
  {
    width: Type.Integer({ minimum: 1, maximum: 8192 }),
    height: Type.Integer({ minimum: 1, maximum: 8192 }),
    path: Type.Optional(ScenePath),
    /** Epoch milliseconds; the board as it was then (historied rooms only). Now by default. */
    at: Type.Optional(Timestamp),
    format: Type.Optional(Type.Union([Type.Literal('png'), Type.Literal('svg')])),
  },
  { additionalProperties: false },
);
export type ScreenshotBody = Static<typeof ScreenshotBody>;

/**
 * `POST /v5/rooms/{uuid}/pdf`: every page of a room, in page order, one PDF page each, now or at a
 * moment. Each page is framed like a screenshot of `width` × `height` pixels.
 */
export const ExportPdfBody = Type.Object(
  {
    width: Type.Optional(Type.Integer({ minimum: 1, maximum: 4096, default: 1280 })),
    height: Type.Optional(Type.Integer({ minimum: 1, maximum: 4096, default: 720 })),
    /** Epoch milliseconds; the board as it was then (historied rooms only). Now by default. */
    at: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type ExportPdfBody = Static<typeof ExportPdfBody>;

/** Where an exported file is, served by Whiteroom. */
export const ExportedFile = Type.Object({
  url: Type.String({ description: 'absolute URL of the file' }),
  path: Type.String({ description: 'the URL path of the file on this server' }),
  contentType: Type.String(),
  width: Type.Optional(Type.Integer()),
  height: Type.Optional(Type.Integer()),
  pages: Type.Optional(Type.Integer()),
});
export type ExportedFile = Static<typeof ExportedFile>;
