import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Board, type BoardSnapshot } from '@whiteroom/board';
import type {
  BoardOp,
  HistoryChanges,
  HistoryPresence,
  HistoryState,
  HistorySummary,
  SequencedChange,
} from '@whiteroom/protocol';
import { SQLITE_FILE_NAME } from '../src/storage/sqlite.js';
import { createRoom, request, startTestServer, type TestServer } from './helpers.js';
import { ProtocolClient, addRectangle } from './realtime-client.js';

const SAMPLE_MS = 50;
const rectangle = (id: string, x = 10, page = '/init') => addRectangle(id, x, page) as BoardOp;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('recording and the replay API', () => {
  let server: TestServer;
  let roomUuid: string;
  const clients: ProtocolClient[] = [];

  beforeEach(async () => {
    server = await startTestServer({
      // Small numbers, so that a short test crosses several keyframes.
      realtime: { checkpointEvery: 3, presenceSampleMs: SAMPLE_MS, pageKeyframeBytes: 200 },
    });
    roomUuid = await createRoom(server, { isRecord: true });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.close();
  });

  async function joined(uid: string, room = roomUuid): Promise<ProtocolClient> {
    const client = new ProtocolClient({
      url: server.url,
      roomUuid: room,
      token: server.roomToken(room, 'writer'),
      uid,
    });
    clients.push(client);
    await client.welcomed();
    return client;
  }

  function get<T>(route: string, token = server.sdkToken('reader'), room = roomUuid) {
    return request(`${server.url}/v5/rooms/${room}/history${route}`, {
      headers: { token },
    }) as Promise<{ status: number; body: T }>;
  }

  /** Sends a change and waits for its acknowledgement, which comes once it is written. */
  async function draw(client: ProtocolClient, op: BoardOp): Promise<void> {
    const clientSeq = client.change(op);
    await client.until((c) => c.changes().some((change) => change.clientSeq === clientSeq));
  }

  /** The rows the room left in a table, read beside the running server. */
  function rowsOf(table: string, room = roomUuid): number {
    const db = new Database(path.join(server.dataDir, SQLITE_FILE_NAME), { readonly: true });
    try {
      return db
        .prepare(
          `SELECT count(*) FROM ${table} WHERE room_id = (SELECT id FROM rooms WHERE uuid = ?)`,
        )
        .pluck()
        .get(room) as number;
    } finally {
      db.close();
    }
  }

  it('answers the board at chosen moments as the live room held it then', async () => {
    const alice = await joined('alice');
    const ops: BoardOp[] = [
      rectangle('r1', 10),
      rectangle('r2', 20),
      { type: 'updateElement', id: 'r1', patch: { x: 50 } },
      { type: 'putScenes', dir: '/', scenes: [{ name: 'second' }] },
      rectangle('r3', 30, '/second'),
      { type: 'removeElements', ids: ['r2'] },
      { type: 'setScenePath', path: '/second' },
      rectangle('r4', 40, '/second'),
    ];
    const live = new Board();
    const moments: { at: number; seq: number; board: BoardSnapshot }[] = [];
    for (const [index, op] of ops.entries()) {
      await draw(alice, op);
      live.apply(op);
      // Past the clock's millisecond, so the next change is stamped later than this moment.
      await pause(3);
      moments.push({ at: Date.now(), seq: index + 1, board: live.toSnapshot() });
      await pause(3);
    }

    for (const moment of moments) {
      const { status, body } = await get<HistoryState>(`/state?at=${moment.at}&page=*`);
      expect(status).toBe(200);
      expect(body.seq).toBe(moment.seq);
      expect(body.board).toEqual(moment.board);
    }
    const late = await joined('late');
    const { body: now } = await get<HistoryState>(`/state?at=${Date.now()}&page=*`);
    expect(now.board).toEqual(late.welcome?.snapshot);
  });

  it('answers one page by default: the current page at that moment', async () => {
    const alice = await joined('alice');
    await draw(alice, rectangle('r1'));
    await draw(alice, { type: 'putScenes', dir: '/', scenes: [{ name: 'second' }] });
    await draw(alice, rectangle('r2', 10, '/second'));

    const { body } = await get<HistoryState>(`/state?seq=3`);
    expect(body.pages).toEqual(['/init']);
    expect(Object.keys((body.board as BoardSnapshot).pages)).toEqual(['/init']);
    const { body: second } = await get<HistoryState>(`/state?seq=3&page=/second`);
    expect((second.board as BoardSnapshot).pages['/second']?.order).toEqual(['r2']);
    const { body: before } = await get<HistoryState>(`/state?seq=1&page=*`);
    expect(before.pages).toEqual(['/init']);
  });

  it('answers changes in chunks that concatenate to the whole log', async () => {
    const alice = await joined('alice');
    for (let i = 0; i < 7; i += 1) await draw(alice, rectangle(`r${i}`, i));
    const until = Date.now();

    const { body: whole } = await get<HistoryChanges>(`/changes?afterSeq=0&until=${until}`);
    expect(whole.more).toBe(false);
    expect(whole.changes.map((change) => change.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(whole.changes.every((change) => change.clientId === undefined)).toBe(true);

    const chunks: SequencedChange[] = [];
    let afterSeq = 0;
    for (;;) {
      const { body } = await get<HistoryChanges>(
        `/changes?afterSeq=${afterSeq}&until=${until}&limit=3`,
      );
      chunks.push(...body.changes);
      afterSeq = body.changes.at(-1)?.seq ?? afterSeq;
      if (!body.more) break;
    }
    expect(chunks).toEqual(whole.changes);

    // The state at a moment and the changes after it fit together.
    const middle = whole.changes[3]?.time ?? 0;
    const { body: state } = await get<HistoryState>(`/state?at=${middle}&page=*`);
    const { body: rest } = await get<HistoryChanges>(
      `/changes?afterSeq=${state.seq}&until=${until}`,
    );
    const board = new Board(state.board as BoardSnapshot);
    for (const change of rest.changes) board.apply(change.op);
    const { body: end } = await get<HistoryState>(`/state?at=${until}&page=*`);
    expect(board.toSnapshot()).toEqual(end.board);
  });

  it('sums up the recording', async () => {
    const alice = await joined('alice');
    await draw(alice, rectangle('r1'));
    await draw(alice, rectangle('r2'));

    const { status, body } = await get<HistorySummary>('');
    expect(status).toBe(200);
    expect(body).toMatchObject({ uuid: roomUuid, changeCount: 2, firstSeq: 1, lastSeq: 2 });
    expect(body.presenceSampleMs).toBe(SAMPLE_MS);
    expect(body.endTimestamp).toBeGreaterThanOrEqual(body.beginTimestamp);
  });

  it('records members and their cursors, at most one sample per member per interval', async () => {
    const begin = Date.now() - 1;
    const alice = await joined('alice');
    const bob = await joined('bob');
    const aliceId = alice.welcome?.memberId as number;
    const bobId = bob.welcome?.memberId as number;

    for (let i = 0; i < 40; i += 1) {
      alice.sendRaw({ type: 'presence', cursor: { x: i, y: 0 }, scenePath: '/init' });
      if (i % 2 === 0) bob.sendRaw({ type: 'presence', cursor: { x: 0, y: i } });
      await pause(5);
    }
    const middle = Date.now();
    alice.sendRaw({ type: 'presence', cursor: { x: 99, y: 99 } });
    await pause(SAMPLE_MS * 2);
    alice.close();
    bob.close();
    const left = async () => {
      const { body } = await get<HistoryPresence>(`/presence?from=${begin}&to=${Date.now()}`);
      return body.events.filter((event) => event.type === 'left').length === 2 ? body : undefined;
    };
    let presence = await left();
    for (let tries = 0; !presence && tries < 50; tries += 1) {
      await pause(50);
      presence = await left();
    }
    if (!presence) throw new Error('the members never left');

    expect(presence.members).toEqual([]);
    expect(presence.events.filter((event) => event.type === 'joined')).toHaveLength(2);
    for (const memberId of [aliceId, bobId]) {
      const times = presence.events
        .filter((event) => event.type === 'cursor' && event.memberId === memberId)
        .map((event) => event.time);
      expect(times.length).toBeGreaterThan(1);
      for (let i = 1; i < times.length; i += 1) {
        expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(SAMPLE_MS);
      }
    }
    // Where a cursor stopped is kept, although it came within an interval of the one before.
    const lastOfAlice = presence.events.findLast(
      (event) => event.type === 'cursor' && event.memberId === aliceId,
    );
    expect(lastOfAlice).toMatchObject({ cursor: { x: 99, y: 99 } });

    const { body: then } = await get<HistoryPresence>(`/presence?from=${middle}&to=${middle}`);
    expect(then.members.map((entry) => entry.member.uid).sort()).toEqual(['alice', 'bob']);
    expect(then.members.every((entry) => entry.cursor !== null)).toBe(true);
  });

  it('stores a page whole once its changes add up to the keyframe size', async () => {
    const alice = await joined('alice');
    for (let i = 0; i < 6; i += 1) await draw(alice, rectangle(`r${i}`));

    expect(rowsOf('room_page_keyframes')).toBeGreaterThanOrEqual(2);
    expect(rowsOf('room_checkpoints')).toBe(1);
  });

  it('records nothing of a persistent room and answers its history with 117', async () => {
    const persistent = await createRoom(server, { isRecord: false });
    const alice = await joined('alice', persistent);
    await draw(alice, rectangle('r1'));
    alice.sendRaw({ type: 'presence', cursor: { x: 1, y: 1 } });
    alice.close();
    await pause(100);

    for (const route of [
      '',
      '/state?at=1',
      '/changes?afterSeq=0&until=1',
      '/presence?from=0&to=1',
    ]) {
      const { status, body } = await get<{ error: { code: number } }>(
        route,
        server.sdkToken(),
        persistent,
      );
      expect(status).toBe(400);
      expect(body.error.code).toBe(117);
    }
    expect(rowsOf('room_presence', persistent)).toBe(0);
  });

  it('still answers for a banned room', async () => {
    const alice = await joined('alice');
    await draw(alice, rectangle('r1'));
    const ban = await request(`${server.url}/v5/rooms/${roomUuid}`, {
      method: 'PATCH',
      headers: { token: server.sdkToken() },
      body: { isBan: true },
    });
    expect(ban.status).toBe(201);

    const { status, body } = await get<HistoryState>(`/state?seq=1`);
    expect(status).toBe(200);
    expect(body.seq).toBe(1);
  });

  it("lets a reader token of the room in and refuses another room's token", async () => {
    const other = await createRoom(server, { isRecord: true });
    expect((await get('', server.roomToken(roomUuid, 'reader'))).status).toBe(200);
    const refused = await get<{ error: { code: number } }>('', server.roomToken(other, 'admin'));
    expect(refused.status).toBe(403);
  });

  it('refuses a span that ends before it starts, and moments outside the recording', async () => {
    const backwards = await get<{ error: { code: number } }>('/presence?from=10&to=5');
    expect(backwards.status).toBe(400);
    const both = await get<{ error: { code: number } }>('/state?at=10&seq=0');
    expect(both.status).toBe(400);
    const future = await get<{ error: { code: number } }>(`/state?at=${Date.now() + 60_000}`);
    expect(future.body.error.code).toBe(118);
    const unreached = await get<{ error: { code: number } }>('/state?seq=5');
    expect(unreached.body.error.code).toBe(118);
    const later = Date.now() + 60_000;
    const futureSpan = await get<{ error: { code: number } }>(
      `/presence?from=${later}&to=${later}`,
    );
    expect(futureSpan.body.error.code).toBe(118);
  });

  it('answers a span of members reaching past now up to now, as its `to` says', async () => {
    const from = Date.now() - 1000;
    const { status, body } = await get<HistoryPresence>(`/presence?from=${from}&to=99999999999999`);
    expect(status).toBe(200);
    expect(body.to).toBeLessThanOrEqual(Date.now());
    expect(body.to).toBeGreaterThanOrEqual(from);
  });
});
