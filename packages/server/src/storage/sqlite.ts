import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  KeyPairRecord,
  KeyPairStore,
  NewKeyPair,
  NewRoom,
  RoomCheckpoint,
  RoomLogStore,
  RoomPage,
  RoomRecord,
  RoomStore,
  Storage,
  StoredChange,
} from './storage.js';
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

  return {
    keyPairs: sqliteKeyPairs(db),
    rooms: sqliteRooms(db),
    roomLogs: sqliteRoomLogs(db),
    close: async () => {
      if (db.open) db.close();
    },
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

function sqliteRoomLogs(db: Database.Database): RoomLogStore {
  const insertChange = db.prepare(
    `INSERT INTO room_changes (room_id, seq, time, uid, client_id, client_seq, op)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const after = db.prepare<[number, number, number], ChangeRow>(
    `SELECT seq, time, uid, client_id, client_seq, op FROM room_changes
     WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const latest = db.prepare<[number], { seq: number; state: string }>(
    'SELECT seq, state FROM room_checkpoints WHERE room_id = ? ORDER BY seq DESC LIMIT 1',
  );
  const insertCheckpoint = db.prepare(
    'INSERT OR REPLACE INTO room_checkpoints (room_id, seq, state, created_at) VALUES (?, ?, ?, ?)',
  );
  const foldChanges = db.prepare('DELETE FROM room_changes WHERE room_id = ? AND seq <= ?');
  const foldCheckpoints = db.prepare('DELETE FROM room_checkpoints WHERE room_id = ? AND seq < ?');

  const append = db.transaction((roomId: number, changes: readonly StoredChange[]) => {
    for (const change of changes) {
      insertChange.run(
        roomId,
        change.seq,
        change.time,
        change.uid,
        change.clientId ?? null,
        change.clientSeq ?? null,
        JSON.stringify(change.op),
      );
    }
  });
  const checkpoint = db.transaction((roomId: number, saved: RoomCheckpoint, foldLog: boolean) => {
    insertCheckpoint.run(roomId, saved.seq, JSON.stringify(saved.state), new Date().toISOString());
    if (foldLog) {
      foldChanges.run(roomId, saved.seq);
      foldCheckpoints.run(roomId, saved.seq);
    }
  });

  return {
    append: async (roomId, changes) => {
      if (changes.length > 0) append(roomId, changes);
    },
    changesAfter: async (roomId, afterSeq, limit = Number.MAX_SAFE_INTEGER) =>
      after.all(roomId, afterSeq, limit).map((row) => ({
        seq: row.seq,
        time: row.time,
        uid: row.uid,
        ...(row.client_id === null ? {} : { clientId: row.client_id }),
        ...(row.client_seq === null ? {} : { clientSeq: row.client_seq }),
        op: JSON.parse(row.op) as unknown,
      })),
    latestCheckpoint: async (roomId) => {
      const row = latest.get(roomId);
      return row && { seq: row.seq, state: JSON.parse(row.state) as unknown };
    },
    saveCheckpoint: async (roomId, saved, foldLog) => {
      checkpoint(roomId, saved, foldLog);
    },
  };
}
