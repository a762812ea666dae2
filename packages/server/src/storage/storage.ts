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

export interface Storage {
  readonly keyPairs: KeyPairStore;
  readonly rooms: RoomStore;
  /** Finishes pending writes and releases the database. Safe to call twice. */
  close(): Promise<void>;
}
