/**
 * The SQLite schema, as numbered steps. A step is never edited once released: a change is a new
 * step. `openSqliteStorage` applies the steps a database has not seen yet, in one transaction each.
 */
export const SQLITE_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'key pairs, apps and rooms',
    sql: `
      CREATE TABLE apps (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        team_uuid TEXT NOT NULL,
        app_uuid TEXT NOT NULL UNIQUE
      );
      CREATE TABLE key_pairs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        access_key TEXT NOT NULL UNIQUE,
        secret_access_key TEXT NOT NULL,
        app_id INTEGER NOT NULL REFERENCES apps(id),
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE TABLE rooms (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        app_id INTEGER NOT NULL REFERENCES apps(id),
        name TEXT NOT NULL,
        member_limit INTEGER NOT NULL,
        is_record INTEGER NOT NULL,
        is_ban INTEGER NOT NULL DEFAULT 0,
        region TEXT NOT NULL,
        created_by_key_id INTEGER NOT NULL REFERENCES key_pairs(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX rooms_by_app ON rooms (app_id, id);
    `,
  },
  {
    version: 2,
    name: 'room change logs and checkpoints',
    sql: `
      CREATE TABLE room_changes (
        room_id INTEGER NOT NULL REFERENCES rooms(id),
        seq INTEGER NOT NULL,
        time INTEGER NOT NULL,
        uid TEXT NOT NULL,
        client_id TEXT,
        client_seq INTEGER,
        op TEXT NOT NULL,
        PRIMARY KEY (room_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE room_checkpoints (
        room_id INTEGER NOT NULL REFERENCES rooms(id),
        seq INTEGER NOT NULL,
        state TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (room_id, seq)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'recording for replay: checkpoint times, member events, time indexes',
    sql: `
      ALTER TABLE room_checkpoints ADD COLUMN time INTEGER NOT NULL DEFAULT 0;
      UPDATE room_checkpoints SET time = coalesce(
        (SELECT c.time FROM room_changes c
         WHERE c.room_id = room_checkpoints.room_id AND c.seq = room_checkpoints.seq),
        0);
      CREATE INDEX room_checkpoints_by_time ON room_checkpoints (room_id, time);
      CREATE INDEX room_changes_by_time ON room_changes (room_id, time);
      CREATE TABLE room_presence (
        id INTEGER PRIMARY KEY,
        room_id INTEGER NOT NULL REFERENCES rooms(id),
        time INTEGER NOT NULL,
        member_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX room_presence_by_time ON room_presence (room_id, time);
      CREATE INDEX room_presence_members ON room_presence (room_id, time) WHERE kind <> 'cursor';
      CREATE INDEX room_presence_cursors ON room_presence (room_id, member_id, time)
        WHERE kind = 'cursor';
    `,
  },
  {
    version: 4,
    name: 'replay one page at a time: change scopes, page and structure keyframes',
    sql: `
      ALTER TABLE room_changes ADD COLUMN scope TEXT;
      CREATE INDEX room_changes_by_scope ON room_changes (room_id, scope, seq);
      CREATE TABLE room_page_keyframes (
        room_id INTEGER NOT NULL REFERENCES rooms(id),
        path TEXT NOT NULL,
        seq INTEGER NOT NULL,
        time INTEGER NOT NULL,
        page_json TEXT NOT NULL,
        PRIMARY KEY (room_id, path, seq)
      ) WITHOUT ROWID;
      CREATE TABLE room_structure_keyframes (
        room_id INTEGER NOT NULL REFERENCES rooms(id),
        seq INTEGER NOT NULL,
        time INTEGER NOT NULL,
        board_json TEXT NOT NULL,
        PRIMARY KEY (room_id, seq)
      ) WITHOUT ROWID;
      DELETE FROM room_checkpoints WHERE seq < (
        SELECT max(c.seq) FROM room_checkpoints c WHERE c.room_id = room_checkpoints.room_id
      );
    `,
  },
];
