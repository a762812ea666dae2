import type { BoardSnapshot, PageSnapshot } from '@whiteroom/board';
import type { HistoryMember, PresenceEvent } from '@whiteroom/protocol';

/**
 * What the rest of the server needs from a database. Routes and services talk only to this
 * interface, so that another database can be added beside SQLite without touching them.
 * Methods are asynchronous because most databases are; the SQLite implementation answers at once.
 */

export interface KeyPairRecord {
  id: number;
  accessKey: string;
  secretAccessKey: string;
  /** The app this key pair acts for; its rooms are the app's rooms. */
  appId: number;
  teamUUID: string;
  appUUID: string;
  disabled: boolean;
  createdAt: string;
}

export interface NewKeyPair {
  accessKey: string;
  secretAccessKey: string;
  teamUUID: string;
  appUUID: string;
}

export interface RoomRecord {
  /** A number that grows with creation order; the legacy API shows it as `id`. */
  id: number;
  uuid: string;
  appId: number;
  teamUUID: string;
  appUUID: string;
  name: string;
  limit: number;
  isRecord: boolean;
  isBan: boolean;
  region: string;
  /** The key pair whose token created the room (the legacy `adminId`). */
  createdByKeyId: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewRoom {
  uuid: string;
  appId: number;
  name: string;
  limit: number;
  isRecord: boolean;
  region: string;
  createdByKeyId: number;
}

export interface RoomPage {
  /** Rooms of the app in creation order, starting with the room `beginUuid` names, if given. */
  beginUuid?: string;
  /** How many rooms to skip first (the legacy `offset` - 1). */
  skip?: number;
  limit: number;
}

export interface KeyPairStore {
  create(pair: NewKeyPair): Promise<KeyPairRecord>;
  findByAccessKey(accessKey: string): Promise<KeyPairRecord | undefined>;
  list(): Promise<KeyPairRecord[]>;
  /** Returns the updated pair, or undefined when there is no such access key. */
  setDisabled(accessKey: string, disabled: boolean): Promise<KeyPairRecord | undefined>;
}

export interface RoomStore {
  create(room: NewRoom): Promise<RoomRecord>;
  /** A room of the given app; another app's room is as good as missing. */
  find(appId: number, uuid: string): Promise<RoomRecord | undefined>;
  /** Undefined when `beginUuid` names no room of the app. */
  list(appId: number, page: RoomPage): Promise<RoomRecord[] | undefined>;
  setBan(appId: number, uuid: string, isBan: boolean): Promise<RoomRecord | undefined>;
}

/** A change of a room's board as stored: the op with its sequence number, time and author. */
export interface StoredChange {
  seq: number;
  /** Server time, epoch milliseconds. */
  time: number;
  uid: string;
  /** The author's client and its own number for the change, for exactly-once resends. */
  clientId?: string;
  clientSeq?: number;
  /** The change itself (a board op), as the protocol defines it. */
  op: unknown;
  /**
   * What the change touched, for replaying one page at a time: a page's path, `*` for several
   * pages, or the empty string for the room's structure (see history/page-history.ts).
   */
  scope?: string;
}

/** A page's elements right after change `seq` (a PageSnapshot as JSON), where replay starts. */
export interface PageKeyframe {
  path: string;
  seq: number;
  time: number;
  json: string;
}

/** The room's pages, current page and global state right after change `seq`, as JSON. */
export interface StructureKeyframe {
  seq: number;
  time: number;
  json: string;
}

/** Keyframes written with a batch of changes. */
export interface Keyframes {
  pages: readonly PageKeyframe[];
  structure?: StructureKeyframe | undefined;
}

/** A room's whole state at a sequence number, so that loading it does not replay everything. */
export interface RoomCheckpoint {
  seq: number;
  /** The time of the last change it includes; 0 when it includes none. */
  time: number;
  state: unknown;
}

/**
 * A checkpoint to store, its state already JSON: the room engine writes a large board page by
 * page, reusing the text of pages that did not change (see `Board.toJson`).
 */
export interface CheckpointToSave {
  seq: number;
  time: number;
  stateJson: string;
}

/** A member in a recording at some moment, with their last sampled cursor before it. */
export interface RecordedMember {
  member: HistoryMember;
  cursor: { x: number; y: number } | null;
  scenePath?: string;
}

/** What a room's recording spans. */
export interface RecordingBounds {
  /** The first and last time of a recorded change or member event; undefined when none. */
  begin: number | undefined;
  end: number | undefined;
  /** The first and last seq of the stored changes; 0 when there is none. */
  firstSeq: number;
  lastSeq: number;
  /** The largest member id recorded, so that a reloaded room never reuses one; 0 when none. */
  lastMemberId: number;
}

/** Every answer is made afresh for its caller, who may keep and change it. */
export interface RoomLogStore {
  /**
   * Appends changes and recorded member events in one transaction; resolved once they are on
   * disk. Persistent rooms pass no member events.
   */
  append(
    roomId: number,
    changes: readonly StoredChange[],
    presence?: readonly PresenceEvent[],
    keyframes?: Keyframes,
  ): Promise<void>;
  /**
   * Changes with a sequence number above `afterSeq`, in order, at most `limit` of them; with
   * `untilTime`, only those whose time is at most it.
   */
  changesAfter(
    roomId: number,
    afterSeq: number,
    limit?: number,
    untilTime?: number,
  ): Promise<StoredChange[]>;
  latestCheckpoint(roomId: number): Promise<RoomCheckpoint | undefined>;
  /**
   * Stores a checkpoint and deletes older ones. With `foldLog`, changes up to it are deleted too
   * (persistent rooms); without, they are kept (historied rooms, for replay). Resolves to the size
   * of what was stored, in bytes.
   */
  saveCheckpoint(roomId: number, checkpoint: CheckpointToSave, foldLog: boolean): Promise<number>;
  /** Member events with `from < time <= to`, in time order, at most `limit` of them. */
  presenceBetween(
    roomId: number,
    from: number,
    to: number,
    limit: number,
  ): Promise<PresenceEvent[]>;
  /** Members who had joined and not left at `time` (events at `time` included). */
  membersAt(roomId: number, time: number): Promise<RecordedMember[]>;
  recordingBounds(roomId: number): Promise<RecordingBounds>;
  /** The largest seq whose time is at most `time`; 0 when there is none. */
  seqAt(roomId: number, time: number): Promise<number>;
  /** The time of change `seq`; undefined when there is no such change. */
  timeOf(roomId: number, seq: number): Promise<number | undefined>;
  /** The room's structure at its latest structure keyframe at or before `seq`. */
  structureKeyframeAtOrBefore(
    roomId: number,
    seq: number,
  ): Promise<{ seq: number; board: BoardSnapshot } | undefined>;
  /** A page's elements at its latest keyframe at or before `seq`. */
  pageKeyframeAtOrBefore(
    roomId: number,
    path: string,
    seq: number,
  ): Promise<{ seq: number; page: PageSnapshot } | undefined>;
  /** Changes whose scope is one of `scopes`, with `afterSeq < seq <= uptoSeq`, in order. */
  scopedChanges(
    roomId: number,
    scopes: readonly string[],
    afterSeq: number,
    uptoSeq: number,
  ): Promise<{ seq: number; op: unknown }[]>;
}

export interface Storage {
  readonly keyPairs: KeyPairStore;
  readonly rooms: RoomStore;
  readonly roomLogs: RoomLogStore;
  /** Finishes pending writes and releases the database. Safe to call twice. */
  close(): Promise<void>;
}
