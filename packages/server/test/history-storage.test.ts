import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roomStateAt } from '../src/history/page-history.js';
import { createLogger } from '../src/logging.js';
import { DEFAULT_REALTIME_LIMITS } from '../src/realtime/limits.js';
import { RoomEngine } from '../src/realtime/room-engine.js';
import { SQLITE_FILE_NAME, openSqliteReader, openSqliteStorage } from '../src/storage/sqlite.js';
import { SQLITE_MIGRATIONS } from '../src/storage/sqlite-migrations.js';
import type { Storage, StoredChange } from '../src/storage/storage.js';
import { addRectangle } from './realtime-client.js';

const change = (seq: number, time: number): StoredChange => ({
  seq,
  time,
  uid: 'alice',
  op: addRectangle(`r${seq}`),
});

/** A database as Whiteroom left it at an older schema version, open for filling in. */
function databaseOfSchema(dataDir: string, version: number): Database.Database {
  const db = new Database(path.join(dataDir, SQLITE_FILE_NAME));
  db.exec(`CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  for (const migration of SQLITE_MIGRATIONS.filter((m) => m.version <= version)) {
    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(
      migration.version,
      migration.name,
      new Date().toISOString(),
    );
  }
  return db;
}

describe('the recording store', () => {
  let dataDir: string;
  let storage: Storage;
  let roomId: number;

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'whiteroom-recording-'));
    storage = openSqliteStorage({ dataDir });
    const pair = await storage.keyPairs.create({
      accessKey: 'ak',
      secretAccessKey: 'sk',
      teamUUID: 'team',
      appUUID: 'app',
    });
    const room = await storage.rooms.create({
      uuid: 'a'.repeat(32),
      appId: pair.appId,
      name: '',
      limit: 0,
      isRecord: true,
      region: 'cn-hz',
      createdByKeyId: pair.id,
    });
    roomId = room.id;
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the changes up to a time, however the seqs are asked for', async () => {
    const log = storage.roomLogs;
    await log.append(roomId, [change(1, 100), change(2, 100), change(3, 200), change(4, 300)]);

    const seqs = async (afterSeq: number, limit?: number, until?: number) =>
      (await log.changesAfter(roomId, afterSeq, limit, until)).map((c) => c.seq);
    expect(await seqs(0, undefined, 99)).toEqual([]);
    expect(await seqs(0, undefined, 100)).toEqual([1, 2]);
    expect(await seqs(1, undefined, 250)).toEqual([2, 3]);
    expect(await seqs(0, 2, 1000)).toEqual([1, 2]);
    expect(await seqs(0)).toEqual([1, 2, 3, 4]);
  });

  it('finds the last change at a time, and keyframes at or before a seq', async () => {
    const log = storage.roomLogs;
    const page = (ids: string[]) => JSON.stringify({ order: ids, elements: {} });
    await log.append(roomId, [change(1, 100), change(2, 200), change(3, 300)], [], {
      pages: [
        { path: '/init', seq: 1, time: 100, json: page(['a']) },
        { path: '/init', seq: 3, time: 300, json: page(['a', 'b']) },
        { path: '/two', seq: 2, time: 200, json: page([]) },
      ],
      structure: { seq: 2, time: 200, json: '{"version":1}' },
    });

    expect(await log.seqAt(roomId, 99)).toBe(0);
    expect(await log.seqAt(roomId, 299)).toBe(2);
    expect(await log.timeOf(roomId, 3)).toBe(300);
    expect(await log.pageKeyframeAtOrBefore(roomId, '/init', 2)).toEqual({
      seq: 1,
      page: { order: ['a'], elements: {} },
    });
    expect(await log.pageKeyframeAtOrBefore(roomId, '/two', 1)).toBeUndefined();
    expect(await log.structureKeyframeAtOrBefore(roomId, 5)).toEqual({
      seq: 2,
      board: { version: 1 },
    });
  });

  it('keeps only the latest checkpoint, and the changes of a historied room', async () => {
    const log = storage.roomLogs;
    await log.append(roomId, [change(1, 100), change(2, 200), change(3, 300)]);
    await log.saveCheckpoint(roomId, { seq: 1, time: 100, stateJson: '{"n":1}' }, false);
    await log.saveCheckpoint(roomId, { seq: 3, time: 300, stateJson: '{"n":3}' }, false);

    expect(await log.latestCheckpoint(roomId)).toEqual({ seq: 3, time: 300, state: { n: 3 } });
    expect(await log.changesAfter(roomId, 0)).toHaveLength(3);
  });

  it('knows who was in the room at a moment, with their last cursor', async () => {
    const log = storage.roomLogs;
    const alice = { memberId: 1, uid: 'alice', payload: { name: 'Alice' } };
    const bob = { memberId: 2, uid: 'bob', payload: null };
    await log.append(
      roomId,
      [],
      [
        { type: 'joined', time: 10, member: alice },
        { type: 'joined', time: 20, member: bob },
        { type: 'cursor', time: 30, memberId: 1, cursor: { x: 1, y: 2 }, scenePath: '/init' },
        { type: 'cursor', time: 40, memberId: 1, cursor: null },
        { type: 'left', time: 50, memberId: 2 },
      ],
    );

    expect(await log.membersAt(roomId, 5)).toEqual([]);
    expect(await log.membersAt(roomId, 35)).toEqual([
      { member: alice, cursor: { x: 1, y: 2 }, scenePath: '/init' },
      { member: bob, cursor: null },
    ]);
    expect(await log.membersAt(roomId, 50)).toEqual([{ member: alice, cursor: null }]);
    const events = await log.presenceBetween(roomId, 20, 50, 10);
    expect(events.map((event) => event.type)).toEqual(['cursor', 'cursor', 'left']);
    expect(await log.recordingBounds(roomId)).toEqual({
      begin: 10,
      end: 50,
      firstSeq: 0,
      lastSeq: 0,
      lastMemberId: 2,
    });
  });

  it('records members left behind by a server that stopped as gone at the last recorded moment', async () => {
    const log = storage.roomLogs;
    const alice = { memberId: 1, uid: 'alice', payload: null };
    await log.append(
      roomId,
      [change(1, 30)],
      [
        { type: 'joined', time: 10, member: alice },
        { type: 'cursor', time: 40, memberId: 1, cursor: { x: 1, y: 2 } },
      ],
    );

    // The room is loaded again long after, as it is when someone next joins.
    const engine = await RoomEngine.load({
      roomId,
      roomUuid: 'a'.repeat(32),
      isRecord: true,
      memberLimit: 0,
      log,
      limits: DEFAULT_REALTIME_LIMITS,
      logger: createLogger('silent'),
      now: () => 1_000_000,
    });
    await engine.shutdown();

    expect(await log.membersAt(roomId, 40)).toEqual([]);
    const events = await log.presenceBetween(roomId, 30, 2_000_000, 10);
    expect(events).toEqual([
      { type: 'cursor', time: 40, memberId: 1, cursor: { x: 1, y: 2 } },
      { type: 'left', time: 40, memberId: 1 },
    ]);
    expect(await log.recordingBounds(roomId)).toMatchObject({ begin: 10, end: 40 });
  });

  it('lets a reader see one moment, although a checkpoint deletes the changes meanwhile', async () => {
    await storage.roomLogs.append(roomId, [change(1, 10), change(2, 20)]);
    const reader = openSqliteReader(dataDir);
    try {
      const seen = await reader.atOneMoment(async ({ roomLogs }) => {
        const checkpoint = await roomLogs.latestCheckpoint(roomId);
        // The server folds the log into a checkpoint between the reader's two reads.
        await storage.roomLogs.saveCheckpoint(roomId, { seq: 2, time: 20, stateJson: '{}' }, true);
        const changes = await roomLogs.changesAfter(roomId, 0);
        return { checkpoint, seqs: changes.map((stored) => stored.seq) };
      });
      expect(seen).toEqual({ checkpoint: undefined, seqs: [1, 2] });
      expect(await reader.storage.roomLogs.changesAfter(roomId, 0)).toEqual([]);
    } finally {
      await reader.close();
    }
  });

  it('upgrades a database of schema 2 to 3 with its data intact', async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'whiteroom-recording-'));

    // A database as Whiteroom with schema 2 left it: a historied room with a log and a checkpoint.
    const old = databaseOfSchema(dataDir, 2);
    old.exec(`
      INSERT INTO apps (id, team_uuid, app_uuid) VALUES (1, 'team', 'app');
      INSERT INTO key_pairs (id, access_key, secret_access_key, app_id, created_at)
        VALUES (1, 'ak', 'sk', 1, '2026-01-01T00:00:00.000Z');
      INSERT INTO rooms (id, uuid, app_id, name, member_limit, is_record, region,
          created_by_key_id, created_at, updated_at)
        VALUES (1, '${'b'.repeat(32)}', 1, 'old', 0, 1, 'cn-hz', 1, 'x', 'x');
      INSERT INTO room_changes (room_id, seq, time, uid, op) VALUES
        (1, 1, 1000, 'alice', '{"type":"setGlobalState","patch":{"a":1}}'),
        (1, 2, 2000, 'alice', '{"type":"setGlobalState","patch":{"a":2}}');
      INSERT INTO room_checkpoints (room_id, seq, state, created_at)
        VALUES (1, 2, '{"board":null}', 'x');
    `);
    old.close();

    storage = openSqliteStorage({ dataDir });
    const log = storage.roomLogs;
    expect(await log.changesAfter(1, 0)).toHaveLength(2);
    expect(await log.latestCheckpoint(1)).toEqual({ seq: 2, time: 2000, state: { board: null } });
    expect(await log.seqAt(1, 1999)).toBe(1);
    expect(await log.recordingBounds(1)).toMatchObject({ begin: 1000, end: 2000, lastSeq: 2 });
    expect((await storage.rooms.find(1, 'b'.repeat(32)))?.name).toBe('old');
  });
  it('gives the changes of a recording made before scopes their scopes on opening', async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'whiteroom-recording-'));

    // Schema 3: changes on two pages, and a removal spanning both, with no scope stored.
    const file = path.join(dataDir, SQLITE_FILE_NAME);
    const old = databaseOfSchema(dataDir, 3);
    old.exec(`
      INSERT INTO apps (id, team_uuid, app_uuid) VALUES (1, 'team', 'app');
      INSERT INTO key_pairs (id, access_key, secret_access_key, app_id, created_at)
        VALUES (1, 'ak', 'sk', 1, '2026-01-01T00:00:00.000Z');
      INSERT INTO rooms (id, uuid, app_id, name, member_limit, is_record, region,
          created_by_key_id, created_at, updated_at)
        VALUES (1, '${'c'.repeat(32)}', 1, 'old', 0, 1, 'cn-hz', 1, 'x', 'x');
    `);
    const ops = [
      addRectangle('a'),
      { type: 'putScenes', dir: '/', scenes: [{ name: 'two' }] },
      { ...addRectangle('b'), scenePath: '/two' },
      { type: 'setScenePath', path: '/two' },
      { type: 'removeElements', ids: ['a', 'b'] },
      addRectangle('c'),
    ];
    const insert = old.prepare(
      'INSERT INTO room_changes (room_id, seq, time, uid, op) VALUES (1, ?, ?, ?, ?)',
    );
    ops.forEach((op, i) => insert.run(i + 1, (i + 1) * 10, 'alice', JSON.stringify(op)));
    old.close();

    storage = openSqliteStorage({ dataDir });
    const db = new Database(file, { readonly: true });
    const scopes = db.prepare('SELECT scope FROM room_changes ORDER BY seq').pluck().all();
    db.close();
    expect(scopes).toEqual(['/init', '', '/two', '', '*', '/init']);

    const atThree = await roomStateAt(storage.roomLogs, 1, 3, 'all');
    expect(atThree.board.getElements('/init').map((e) => e.id)).toEqual(['a']);
    expect(atThree.board.getElements('/two').map((e) => e.id)).toEqual(['b']);
    const atEnd = await roomStateAt(storage.roomLogs, 1, 6, 'current');
    expect(atEnd.pages).toEqual(['/two']);
    expect(atEnd.board.getElements('/two')).toEqual([]);
  });
});
