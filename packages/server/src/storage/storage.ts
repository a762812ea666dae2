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
}

/** A room's whole state at a sequence number, so that loading it does not replay everything. */
export interface RoomCheckpoint {
  seq: number;
  state: unknown;
}

export interface RoomLogStore {
  /** Appends changes in one transaction; resolved once they are on disk. */
  append(roomId: number, changes: readonly StoredChange[]): Promise<void>;
  /** Changes with a sequence number above `afterSeq`, in order, at most `limit` of them. */
  changesAfter(roomId: number, afterSeq: number, limit?: number): Promise<StoredChange[]>;
  latestCheckpoint(roomId: number): Promise<RoomCheckpoint | undefined>;
  /**
   * Stores a checkpoint. With `foldLog`, changes up to it and older checkpoints are deleted
   * (persistent rooms); without, everything is kept (historied rooms, for replay).
   */
  saveCheckpoint(roomId: number, checkpoint: RoomCheckpoint, foldLog: boolean): Promise<void>;
}

export interface Storage {
  readonly keyPairs: KeyPairStore;
  readonly rooms: RoomStore;
  readonly roomLogs: RoomLogStore;
  /** Finishes pending writes and releases the database. Safe to call twice. */
  close(): Promise<void>;
}
