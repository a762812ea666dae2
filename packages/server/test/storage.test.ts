import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME, openSqliteStorage } from '../src/storage/sqlite.js';
import { SQLITE_MIGRATIONS } from '../src/storage/sqlite-migrations.js';

describe('SQLite storage', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'whiteroom-storage-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const newPair = { accessKey: 'ak', secretAccessKey: 'sk', teamUUID: 'team', appUUID: 'app' };

  it('records every applied migration with its version', async () => {
    const storage = openSqliteStorage({ dataDir });
    await storage.close();

    const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    const versions = db
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .pluck()
      .all();
    db.close();
    expect(versions).toEqual(SQLITE_MIGRATIONS.map((migration) => migration.version));
  });

  it('keeps key pairs and rooms across a reopen', async () => {
    const first = openSqliteStorage({ dataDir });
    const pair = await first.keyPairs.create(newPair);
    await first.rooms.create({
      uuid: 'a'.repeat(32),
      appId: pair.appId,
      name: 'kept',
      limit: 3,
      isRecord: true,
      region: 'cn-hz',
      createdByKeyId: pair.id,
    });
    await first.close();

    const second = openSqliteStorage({ dataDir });
    expect(await second.keyPairs.findByAccessKey('ak')).toMatchObject({ teamUUID: 'team' });
    expect(await second.rooms.find(pair.appId, 'a'.repeat(32))).toMatchObject({
      name: 'kept',
      limit: 3,
      isRecord: true,
      isBan: false,
    });
    await second.close();
  });

  it('refuses a database written by a newer Whiteroom', async () => {
    const storage = openSqliteStorage({ dataDir });
    await storage.close();
    const db = new Database(path.join(dataDir, SQLITE_FILE_NAME));
    db.prepare('INSERT INTO schema_migrations VALUES (999, ?, ?)').run('future', 'now');
    db.close();

    expect(() => openSqliteStorage({ dataDir })).toThrow(/schema version 999/);
  });

  it('adds a second key pair to an existing app for key rotation', async () => {
    const storage = openSqliteStorage({ dataDir });
    const first = await storage.keyPairs.create(newPair);
    const second = await storage.keyPairs.create({ ...newPair, accessKey: 'ak2' });
    expect(second.appId).toBe(first.appId);
    await expect(
      storage.keyPairs.create({ ...newPair, accessKey: 'ak3', teamUUID: 'another team' }),
    ).rejects.toThrow(/another team/);
    await storage.close();
  });
});
