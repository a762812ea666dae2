import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { PresenceEvent } from '@whiteroom/protocol';
import type { BoardSnapshot, PageSnapshot } from '@whiteroom/board';
import type {
  KeyPairRecord,
  Keyframes,
  KeyPairStore,
  NewKeyPair,
  NewRoom,
  RecordedMember,
  CheckpointToSave,
  RoomLogStore,
  RoomPage,
  RoomRecord,
  RoomStore,
  Storage,
  StoredChange,
} from './storage.js';
import { backfillChangeScopes } from './sqlite-backfill.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';

export const SQLITE_FILE_NAME = 'whiteroom.sqlite';

interface KeyPairRow {
  id: number;
  access_key: string;
  secret_access_key: string;
  app_id: number;
  team_uuid: string;
  app_uuid: string;
  disabled: number;
  created_at: string;
}

interface RoomRow {
  id: number;
  uuid: string;
  app_id: number;
  team_uuid: string;
  app_uuid: string;
  name: string;
  member_limit: number;
  is_record: number;
  is_ban: number;
  region: string;
  created_by_key_id: number;
  created_at: string;
  updated_at: string;
}

const toKeyPair = (row: KeyPairRow): KeyPairRecord => ({
  id: row.id,
  accessKey: row.access_key,
  secretAccessKey: row.secret_access_key,
  appId: row.app_id,
  teamUUID: row.team_uuid,
  appUUID: row.app_uuid,
  disabled: row.disabled === 1,
  createdAt: row.created_at,
});

const toRoom = (row: RoomRow): RoomRecord => ({
  id: row.id,
  uuid: row.uuid,
  appId: row.app_id,
  teamUUID: row.team_uuid,
  appUUID: row.app_uuid,
  name: row.name,
  limit: row.member_limit,
  isRecord: row.is_record === 1,
  isBan: row.is_ban === 1,
  region: row.region,
  createdByKeyId: row.created_by_key_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const KEY_PAIR_COLUMNS = `k.id, k.access_key, k.secret_access_key, k.app_id, a.team_uuid, a.app_uuid,
  k.disabled, k.created_at`;
const ROOM_COLUMNS = `r.id, r.uuid, r.app_id, a.team_uuid, a.app_uuid, r.name, r.member_limit,
  r.is_record, r.is_ban, r.region, r.created_by_key_id, r.created_at, r.updated_at`;

/** Brings the database up to the newest schema step; returns the versions it applied. */
function migrate(db: Database.Database): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((version) => Number(version)),
  );
  const newest = Math.max(0, ...applied);
  const known = Math.max(...SQLITE_MIGRATIONS.map((m) => m.version));
  if (newest > known) {
    throw new Error(
      `the database has schema version ${newest}, newer than this Whiteroom knows (${known}); ` +
        'upgrade Whiteroom or use another data folder',
    );
  }

  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const done: number[] = [];
  for (const migration of SQLITE_MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
    done.push(migration.version);
  }
  return done;
}

export interface SqliteStorageOptions {
  /** The data folder; the database file is created in it. `:memory:` keeps everything in memory. */
  dataDir: string;
}

/**
 * Opens (creating if needed) the SQLite database of a data folder and applies pending migrations.
 *
 * Durability: the database runs in WAL mode with `synchronous = FULL`, so a write whose promise has
 * resolved is on disk and survives a crash of the process or of the machine.
 */
export function openSqliteStorage(options: SqliteStorageOptions): Storage {
  let file = ':memory:';
  if (options.dataDir !== ':memory:') {
    // The database holds secret access keys: a folder made here is its owner's alone.
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    file = path.join(options.dataDir, SQLITE_FILE_NAME);
  }

  const db = new Database(file);
  if (file !== ':memory:') {
    // SQLite gives its -wal and -shm files the database file's mode, so this covers them too.
    for (const companion of ['', '-wal', '-shm']) {
      if (existsSync(file + companion)) chmodSync(file + companion, 0o600);
    }
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  backfillChangeScopes(db);
  return storageOn(db);
}

function storageOn(db: Database.Database): Storage {
  return {
    keyPairs: sqliteKeyPairs(db),
    rooms: sqliteRooms(db),
    roomLogs: sqliteRoomLogs(db),
    close: async () => {
      if (db.open) db.close();
    },
  };
}

/** A connection of its own that only reads, for work done away from the server's (exports). */
export interface SqliteReader {
  storage: Storage;
  /**
   * Runs `read` in one read transaction, so that all its reads see the database as it was at one
   * moment: a checkpoint written meanwhile, which deletes the changes it covers, cannot leave the
   * reads with neither.
   */
  atOneMoment<T>(read: (storage: Storage) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Opens the database of a data folder, which must exist and be migrated (a server or the command
 * line has opened it), for reading only.
 */
export function openSqliteReader(dataDir: string): SqliteReader {
  const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), {
    readonly: true,
    fileMustExist: true,
  });
  db.pragma('busy_timeout = 5000');
  const storage = storageOn(db);
  return {
    storage,
    atOneMoment: async (read) => {
      // Nothing else uses this connection, so the awaits inside cannot mix other work in.
      db.exec('BEGIN');
      try {
        return await read(storage);
      } finally {
        db.exec('COMMIT');
      }
    },
    close: () => storage.close(),
  };
}

function sqliteKeyPairs(db: Database.Database): KeyPairStore {
  const findApp = db.prepare<[string], { id: number; team_uuid: string }>(
    'SELECT id, team_uuid FROM apps WHERE app_uuid = ?',
  );
  const insertApp = db.prepare<[string, string]>(
    'INSERT INTO apps (team_uuid, app_uuid) VALUES (?, ?)',
  );
  const insertPair = db.prepare<[string, string, number, string]>(
    'INSERT INTO key_pairs (access_key, secret_access_key, app_id, created_at) VALUES (?, ?, ?, ?)',
  );
  const byAccessKey = db.prepare<[string], KeyPairRow>(
    `SELECT ${KEY_PAIR_COLUMNS} FROM key_pairs k JOIN apps a ON a.id = k.app_id WHERE k.access_key = ?`,
  );
  const all = db.prepare<[], KeyPairRow>(
    `SELECT ${KEY_PAIR_COLUMNS} FROM key_pairs k JOIN apps a ON a.id = k.app_id ORDER BY k.id`,
  );
  const setDisabled = db.prepare<[number, string]>(
    'UPDATE key_pairs SET disabled = ? WHERE access_key = ?',
  );

  const create = db.transaction((pair: NewKeyPair): KeyPairRecord => {
    const app = findApp.get(pair.appUUID);
    if (app && app.team_uuid !== pair.teamUUID) {
      throw new Error(`app ${pair.appUUID} belongs to another team`);
    }
    const appId = app ? app.id : Number(insertApp.run(pair.teamUUID, pair.appUUID).lastInsertRowid);
    insertPair.run(pair.accessKey, pair.secretAccessKey, appId, new Date().toISOString());
    return toKeyPair(byAccessKey.get(pair.accessKey) as KeyPairRow);
  });

  return {
    create: async (pair) => create(pair),
    findByAccessKey: async (accessKey) => {
      const row = byAccessKey.get(accessKey);
      return row && toKeyPair(row);
    },
    list: async () => all.all().map(toKeyPair),
    setDisabled: async (accessKey, disabled) => {
      setDisabled.run(disabled ? 1 : 0, accessKey);
      const row = byAccessKey.get(accessKey);
      return row && toKeyPair(row);
    },
  };
}

function sqliteRooms(db: Database.Database): RoomStore {
  const insert = db.prepare(
    `INSERT INTO rooms (uuid, app_id, name, member_limit, is_record, region, created_by_key_id,
       created_at, updated_at)
     VALUES (@uuid, @appId, @name, @limit, @isRecord, @region, @createdByKeyId, @now, @now)`,
  );
  const byUuid = db.prepare<[number, string], RoomRow>(
    `SELECT ${ROOM_COLUMNS} FROM rooms r JOIN apps a ON a.id = r.app_id
     WHERE r.app_id = ? AND r.uuid = ?`,
  );
  const page = db.prepare<[number, number, number, number], RoomRow>(
    `SELECT ${ROOM_COLUMNS} FROM rooms r JOIN apps a ON a.id = r.app_id
     WHERE r.app_id = ? AND r.id >= ? ORDER BY r.id LIMIT ? OFFSET ?`,
  );
  const setBan = db.prepare<[number, string, number, string]>(
    'UPDATE rooms SET is_ban = ?, updated_at = ? WHERE app_id = ? AND uuid = ?',
  );

  return {
    create: async (room: NewRoom) => {
      insert.run({ ...room, isRecord: room.isRecord ? 1 : 0, now: new Date().toISOString() });
      return toRoom(byUuid.get(room.appId, room.uuid) as RoomRow);
    },
    find: async (appId, uuid) => {
      const row = byUuid.get(appId, uuid);
      return row && toRoom(row);
    },
    list: async (appId, { beginUuid, skip = 0, limit }: RoomPage) => {
      let fromId = 0;
      if (beginUuid !== undefined) {
        const begin = byUuid.get(appId, beginUuid);
        if (!begin) return undefined;
        fromId = begin.id;
      }
      return page.all(appId, fromId, limit, skip).map(toRoom);
    },
    setBan: async (appId, uuid, isBan) => {
      setBan.run(isBan ? 1 : 0, new Date().toISOString(), appId, uuid);
      const row = byUuid.get(appId, uuid);
      return row && toRoom(row);
    },
  };
}

interface ChangeRow {
  seq: number;
  time: number;
  uid: string;
  client_id: string | null;
  client_seq: number | null;
  op: string;
}

interface PresenceRow {
  time: number;
  member_id: number;
  kind: string;
  body: string;
}

const toChange = (row: ChangeRow): StoredChange => ({
  seq: row.seq,
  time: row.time,
  uid: row.uid,
  ...(row.client_id === null ? {} : { clientId: row.client_id }),
  ...(row.client_seq === null ? {} : { clientSeq: row.client_seq }),
  op: JSON.parse(row.op) as unknown,
});

/** A member event as a row: the member id and kind get columns, the rest goes in `body`. */
function presenceRow(event: PresenceEvent): PresenceRow {
  switch (event.type) {
    case 'joined': {
      const { memberId, ...rest } = event.member;
      return { time: event.time, member_id: memberId, kind: 'joined', body: JSON.stringify(rest) };
    }
    case 'left':
      return { time: event.time, member_id: event.memberId, kind: 'left', body: '{}' };
    case 'cursor': {
      const body = { cursor: event.cursor, scenePath: event.scenePath };
      return {
        time: event.time,
        member_id: event.memberId,
        kind: 'cursor',
        body: JSON.stringify(body),
      };
    }
  }
}

/** The stored rows were written by `presenceRow` from validated events. */
function toPresence(row: PresenceRow): PresenceEvent {
  const body = JSON.parse(row.body) as Record<string, unknown>;
  const memberId = row.member_id;
  if (row.kind === 'joined') {
    const member = { memberId, uid: body.uid as string, payload: body.payload ?? null };
    return { type: 'joined', time: row.time, member };
  }
  if (row.kind === 'left') return { type: 'left', time: row.time, memberId };
  const cursor = body.cursor as { x: number; y: number } | null;
  const scenePath = body.scenePath as string | undefined;
  return {
    type: 'cursor',
    time: row.time,
    memberId,
    cursor,
    ...(scenePath === undefined ? {} : { scenePath }),
  };
}

function sqliteRoomLogs(db: Database.Database): RoomLogStore {
  const insertChange = db.prepare(
    `INSERT INTO room_changes (room_id, seq, time, uid, client_id, client_seq, op, scope)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPageKeyframe = db.prepare(
    `INSERT OR REPLACE INTO room_page_keyframes (room_id, path, seq, time, page_json)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const insertStructureKeyframe = db.prepare(
    `INSERT OR REPLACE INTO room_structure_keyframes (room_id, seq, time, board_json)
     VALUES (?, ?, ?, ?)`,
  );
  const seqAtTime = db
    .prepare<[number, number], number>(
      'SELECT seq FROM room_changes WHERE room_id = ? AND time <= ? ORDER BY time DESC, seq DESC LIMIT 1',
    )
    .pluck();
  const timeOfSeq = db
    .prepare<[number, number], number>(
      'SELECT time FROM room_changes WHERE room_id = ? AND seq = ?',
    )
    .pluck();
  const structureKeyframe = db.prepare<[number, number], { seq: number; board_json: string }>(
    `SELECT seq, board_json FROM room_structure_keyframes WHERE room_id = ? AND seq <= ?
     ORDER BY seq DESC LIMIT 1`,
  );
  const pageKeyframe = db.prepare<[number, string, number], { seq: number; page_json: string }>(
    `SELECT seq, page_json FROM room_page_keyframes WHERE room_id = ? AND path = ? AND seq <= ?
     ORDER BY seq DESC LIMIT 1`,
  );
  // One scope at a time: with `scope = ?` SQLite walks the (room_id, scope, seq) index over the
  // range alone, where `scope IN (...)` led it to scan every change in the range by seq.
  const scopedChangesOf = db.prepare<[number, string, number, number], { seq: number; op: string }>(
    `SELECT seq, op FROM room_changes INDEXED BY room_changes_by_scope
     WHERE room_id = ? AND scope = ? AND seq > ? AND seq <= ? ORDER BY seq`,
  );
  const insertPresence = db.prepare(
    `INSERT INTO room_presence (room_id, time, member_id, kind, body)
     VALUES (@roomId, @time, @member_id, @kind, @body)`,
  );
  const after = db.prepare<[number, number, number], ChangeRow>(
    `SELECT seq, time, uid, client_id, client_seq, op FROM room_changes
     WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
  // Times grow with seq, so the first change past `until` bounds the scan; the time condition
  // keeps the answer exact all the same.
  const firstAfterTime = db.prepare<[number, number], number>(
    'SELECT seq FROM room_changes WHERE room_id = ? AND time > ? ORDER BY time, seq LIMIT 1',
  );
  const afterUntil = db.prepare<[number, number, number, number, number], ChangeRow>(
    `SELECT seq, time, uid, client_id, client_seq, op FROM room_changes
     WHERE room_id = ? AND seq > ? AND seq < ? AND time <= ? ORDER BY seq LIMIT ?`,
  );
  const latest = db.prepare<[number], { seq: number; time: number; state: string }>(
    'SELECT seq, time, state FROM room_checkpoints WHERE room_id = ? ORDER BY seq DESC LIMIT 1',
  );
  const insertCheckpoint = db.prepare(
    `INSERT OR REPLACE INTO room_checkpoints (room_id, seq, time, state, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const foldChanges = db.prepare('DELETE FROM room_changes WHERE room_id = ? AND seq <= ?');
  const foldCheckpoints = db.prepare('DELETE FROM room_checkpoints WHERE room_id = ? AND seq < ?');
  const presenceRange = db.prepare<[number, number, number, number], PresenceRow>(
    `SELECT time, member_id, kind, body FROM room_presence
     WHERE room_id = ? AND time > ? AND time <= ? ORDER BY time, id LIMIT ?`,
  );
  // The literal `kind <> 'cursor'` lets SQLite use the partial index of joins and leaves.
  const memberEvents = db.prepare<[number, number], PresenceRow>(
    `SELECT time, member_id, kind, body FROM room_presence
     WHERE room_id = ? AND time <= ? AND kind <> 'cursor' ORDER BY time, id`,
  );
  const lastCursor = db.prepare<[number, number, number], PresenceRow>(
    `SELECT time, member_id, kind, body FROM room_presence
     WHERE room_id = ? AND member_id = ? AND time <= ? AND kind = 'cursor'
     ORDER BY time DESC, id DESC LIMIT 1`,
  );
  const changeBounds = db.prepare<
    [number, number, number],
    { firstSeq: number | null; lastSeq: number | null; begin: number | null; end: number | null }
  >(
    `SELECT min(seq) AS firstSeq, max(seq) AS lastSeq,
       (SELECT time FROM room_changes WHERE room_id = ? ORDER BY seq LIMIT 1) AS begin,
       (SELECT time FROM room_changes WHERE room_id = ? ORDER BY seq DESC LIMIT 1) AS end
     FROM room_changes WHERE room_id = ?`,
  );
  const presenceBounds = db.prepare<[number], { begin: number | null; end: number | null }>(
    'SELECT min(time) AS begin, max(time) AS end FROM room_presence WHERE room_id = ?',
  );
  const lastMemberId = db.prepare<[number], number | null>(
    `SELECT max(member_id) FROM room_presence WHERE room_id = ? AND kind <> 'cursor'`,
  );

  const append = db.transaction(
    (
      roomId: number,
      changes: readonly StoredChange[],
      presence: readonly PresenceEvent[],
      keyframes: Keyframes | undefined,
    ) => {
      for (const change of changes) {
        insertChange.run(
          roomId,
          change.seq,
          change.time,
          change.uid,
          change.clientId ?? null,
          change.clientSeq ?? null,
          JSON.stringify(change.op),
          change.scope ?? null,
        );
      }
      for (const event of presence) insertPresence.run({ roomId, ...presenceRow(event) });
      for (const page of keyframes?.pages ?? []) {
        insertPageKeyframe.run(roomId, page.path, page.seq, page.time, page.json);
      }
      const structure = keyframes?.structure;
      if (structure) {
        insertStructureKeyframe.run(roomId, structure.seq, structure.time, structure.json);
      }
    },
  );
  const checkpoint = db.transaction((roomId: number, saved: CheckpointToSave, foldLog: boolean) => {
    const created = new Date().toISOString();
    insertCheckpoint.run(roomId, saved.seq, saved.time, saved.stateJson, created);
    foldCheckpoints.run(roomId, saved.seq);
    if (foldLog) foldChanges.run(roomId, saved.seq);
    return saved.stateJson.length;
  });

  const earliest = (a: number | null, b: number | null) =>
    a === null ? (b ?? undefined) : b === null ? a : Math.min(a, b);
  const newest = (a: number | null, b: number | null) =>
    a === null ? (b ?? undefined) : b === null ? a : Math.max(a, b);

  return {
    append: async (roomId, changes, presence = [], keyframes) => {
      const anyKeyframe = keyframes && (keyframes.pages.length > 0 || keyframes.structure);
      if (changes.length > 0 || presence.length > 0 || anyKeyframe) {
        append(roomId, changes, presence, keyframes);
      }
    },
    changesAfter: async (roomId, afterSeq, limit = Number.MAX_SAFE_INTEGER, untilTime) => {
      if (untilTime === undefined) return after.all(roomId, afterSeq, limit).map(toChange);
      const bound = firstAfterTime.pluck().get(roomId, untilTime) ?? Number.MAX_SAFE_INTEGER;
      return afterUntil.all(roomId, afterSeq, bound, untilTime, limit).map(toChange);
    },
    latestCheckpoint: async (roomId) => {
      const row = latest.get(roomId);
      return row && { seq: row.seq, time: row.time, state: JSON.parse(row.state) as unknown };
    },
    saveCheckpoint: async (roomId, saved, foldLog) => checkpoint(roomId, saved, foldLog),
    seqAt: async (roomId, time) => seqAtTime.get(roomId, time) ?? 0,
    timeOf: async (roomId, seq) => timeOfSeq.get(roomId, seq),
    structureKeyframeAtOrBefore: async (roomId, seq) => {
      const row = structureKeyframe.get(roomId, seq);
      return row && { seq: row.seq, board: JSON.parse(row.board_json) as BoardSnapshot };
    },
    pageKeyframeAtOrBefore: async (roomId, path, seq) => {
      const row = pageKeyframe.get(roomId, path, seq);
      return row && { seq: row.seq, page: JSON.parse(row.page_json) as PageSnapshot };
    },
    scopedChanges: async (roomId, scopes, afterSeq, uptoSeq) => {
      const rows = scopes.flatMap((scope) => scopedChangesOf.all(roomId, scope, afterSeq, uptoSeq));
      if (scopes.length > 1) rows.sort((a, b) => a.seq - b.seq);
      return rows.map((row) => ({ seq: row.seq, op: JSON.parse(row.op) as unknown }));
    },
    presenceBetween: async (roomId, from, to, limit) =>
      presenceRange.all(roomId, from, to, limit).map(toPresence),
    membersAt: async (roomId, time) => {
      const present = new Map<number, RecordedMember['member']>();
      for (const row of memberEvents.all(roomId, time)) {
        const event = toPresence(row);
        if (event.type === 'joined') present.set(event.member.memberId, event.member);
        else present.delete(row.member_id);
      }
      return [...present.values()].map((member): RecordedMember => {
        const row = lastCursor.get(roomId, member.memberId, time);
        const sample = row && toPresence(row);
        if (sample?.type !== 'cursor') return { member, cursor: null };
        const { cursor, scenePath } = sample;
        return { member, cursor, ...(scenePath === undefined ? {} : { scenePath }) };
      });
    },
    recordingBounds: async (roomId) => {
      const changes = changeBounds.get(roomId, roomId, roomId);
      const presence = presenceBounds.get(roomId);
      return {
        begin: earliest(changes?.begin ?? null, presence?.begin ?? null),
        end: newest(changes?.end ?? null, presence?.end ?? null),
        firstSeq: changes?.firstSeq ?? 0,
        lastSeq: changes?.lastSeq ?? 0,
        lastMemberId: lastMemberId.pluck().get(roomId) ?? 0,
      };
    },
  };
}
