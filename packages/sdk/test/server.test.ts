import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger, startServer, type RunningServer } from '@whiteroom/server';
import { mintToken } from '@whiteroom/token';
import { WhiteWebSdk, type Room, type RoomCallbacks } from '../src/index.js';
import { pencil, rect } from './helpers.js';

const keys = { accessKey: 'sdk-test-access-key', secretAccessKey: 'sdk-test-secret-access-key' };

/** Polls until `condition` holds; fails with `what` after a few seconds. */
async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the SDK against the real server', () => {
  let server: RunningServer;
  let dataDir: string;
  let url: string;
  let sdkToken: string;
  let uuid: string;
  const rooms: Room[] = [];
  /** Every socket the SDK opened, so that a test can cut one. */
  const sockets: WebSocket[] = [];

  class RecordedWebSocket extends WebSocket {
    constructor(address: string) {
      super(address);
      sockets.push(this);
    }
  }

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'whiteroom-sdk-test-'));
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      ...keys,
      logger: createLogger('silent'),
    });
    url = `http://127.0.0.1:${server.port}`;
    sdkToken = mintToken('sdk', { ...keys, role: 'admin' });
    const created = await fetch(`${url}/v5/rooms`, {
      method: 'POST',
      headers: { token: sdkToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'sdk test' }),
    });
    uuid = ((await created.json()) as { uuid: string }).uuid;
  });

  afterEach(async () => {
    await Promise.all(rooms.splice(0).map((room) => room.disconnect()));
    sockets.length = 0;
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function roomToken(role: 'admin' | 'writer' | 'reader' = 'writer'): Promise<string> {
    const response = await fetch(`${url}/v5/tokens/rooms/${uuid}`, {
      method: 'POST',
      headers: { token: sdkToken, 'content-type': 'application/json' },
      body: JSON.stringify({ lifespan: 0, role }),
    });
    return (await response.json()) as string;
  }

  async function join(
    uid: string,
    options: { role?: 'admin' | 'writer' | 'reader'; callbacks?: RoomCallbacks } = {},
  ): Promise<Room> {
    const sdk = new WhiteWebSdk({ serverUrl: url, WebSocket: RecordedWebSocket });
    const room = await sdk.joinRoom(
      {
        uuid,
        roomToken: await roomToken(options.role),
        uid,
        isWritable: options.role !== 'reader',
      },
      options.callbacks,
    );
    rooms.push(room);
    return room;
  }

  const settled = (room: Room) => room.pendingChangeCount === 0;

  it('shows what one member draws to another', async () => {
    const alice = await join('alice');
    const bob = await join('bob');

    alice.addElement(rect('r1'));
    const stroke = alice.addElement({ ...pencil('ignored'), id: undefined });
    alice.appendPoints(stroke, [10, 10, 0.5, 20, 15, 0.7]);

    await until('bob has both', () => bob.getElements().length === 2 && settled(alice));
    await until('bob has the points', () => {
      const element = bob.getElement(stroke);
      return element?.type === 'pencil' && element.points.length === 9;
    });
    expect(bob.getSnapshot()).toEqual(alice.getSnapshot());
    expect(bob.state.roomMembers.map((member) => member.uid)).toEqual(['alice', 'bob']);
  });

  it('converges when members change the same things at once', async () => {
    const alice = await join('alice');
    const bob = await join('bob');
    alice.addElement(rect('shared'));
    await until('bob has it', () => bob.getElement('shared') !== undefined);

    for (let i = 0; i < 20; i++) {
      alice.updateElement('shared', { x: i });
      bob.updateElement('shared', { y: i, x: 100 + i });
      alice.addElement(rect(`a${i}`));
      bob.addElement(rect(`b${i}`));
      if (i % 5 === 0) bob.setGlobalState({ round: i });
    }
    alice.removeElements(['a3']);
    bob.reorderElement('b1', 0);

    await until('both settled', () => settled(alice) && settled(bob));
    const expected = alice.getSnapshot();
    await until(
      'bob matches',
      () => JSON.stringify(bob.getSnapshot()) === JSON.stringify(expected),
    );
    expect(bob.getSnapshot()).toEqual(expected);
    expect(alice.getElements()).toHaveLength(40);
  });

  it('undoes through the server', async () => {
    const alice = await join('alice');
    alice.addElement(rect('r1'));
    await until('acknowledged', () => settled(alice));

    alice.undo();
    await until('undone', () => alice.getElements().length === 0 && settled(alice));
    alice.redo();
    await until('redone', () => alice.getElements().length === 1 && settled(alice));
  });

  it('resends what was drawn while the connection was down', async () => {
    const phases: string[] = [];
    const alice = await join('alice', { callbacks: { onPhaseChanged: (p) => phases.push(p) } });
    const bob = await join('bob');
    alice.addElement(rect('before'));
    await until('bob has the first', () => bob.getElement('before') !== undefined);

    sockets[0]?.terminate();
    await until('alice reconnecting', () => alice.phase === 'reconnecting');
    alice.addElement(rect('while-away'));
    bob.addElement(rect('from-bob'));

    await until('alice back', () => alice.phase === 'connected');
    await until('everything through', () => settled(alice) && settled(bob));
    await until('bob has it', () => bob.getElement('while-away') !== undefined);
    await until('alice has bob', () => alice.getElement('from-bob') !== undefined);
    expect(alice.getSnapshot()).toEqual(bob.getSnapshot());
    expect(phases).toEqual(['connected', 'reconnecting', 'connected']);
  });

  it('passes custom events between members', async () => {
    const alice = await join('alice');
    const bob = await join('bob');
    const received: unknown[] = [];
    bob.addMagixEventListener('nextSlide', (event) => received.push(event));
    alice.dispatchMagixEvent('nextSlide', { page: 2 });
    await until('bob got it', () => received.length === 1);
    expect(received).toEqual([
      { event: 'nextSlide', payload: { page: 2 }, authorId: alice.memberId },
    ]);
  });

  it('keeps readers read-only', async () => {
    const reader = await join('rita', { role: 'reader' });
    expect(reader.isWritable).toBe(false);
    expect(() => reader.addElement(rect('r'))).toThrow(
      expect.objectContaining({ code: 'readOnly' }),
    );
    await expect(reader.setWritable(true)).rejects.toMatchObject({ code: 'writableRefused' });
  });

  it('lets a writer observe, then write', async () => {
    const sdk = new WhiteWebSdk({ serverUrl: url, WebSocket: RecordedWebSocket });
    const room = await sdk.joinRoom({
      uuid,
      roomToken: await roomToken('writer'),
      uid: 'walt',
      isWritable: false,
    });
    rooms.push(room);
    expect(room.isWritable).toBe(false);
    await room.setWritable(true);
    expect(room.isWritable).toBe(true);
    room.addElement(rect('now'));
    await until('acknowledged', () => settled(room));
  });

  it('is told why when the room is banned', async () => {
    let kicked: string | undefined;
    const alice = await join('alice', { callbacks: { onKickedWithReason: (r) => (kicked = r) } });
    await fetch(`${url}/v5/rooms/${uuid}`, {
      method: 'PATCH',
      headers: { token: sdkToken, 'content-type': 'application/json' },
      body: JSON.stringify({ isBan: true }),
    });
    await until('kicked', () => kicked !== undefined);
    expect(kicked).toBe('roomBan');
    expect(alice.phase).toBe('disconnected');
  });

  it('rejects joinRoom with tokenRefused for a forged token', async () => {
    const sdk = new WhiteWebSdk({ serverUrl: url, WebSocket });
    const forged = mintToken('room', { ...keys, secretAccessKey: 'wrong', role: 'writer', uuid });
    await expect(sdk.joinRoom({ uuid, roomToken: forged, uid: 'eve' })).rejects.toMatchObject({
      code: 4401,
      reason: 'tokenRefused',
    });
  });

  it('rejects joinRoom with roomNotFound for a room that does not exist', async () => {
    const sdk = new WhiteWebSdk({ serverUrl: url, WebSocket });
    const missing = '0'.repeat(32);
    await expect(
      sdk.joinRoom({ uuid: missing, roomToken: sdkToken, uid: 'eve' }),
    ).rejects.toMatchObject({ code: 4404, reason: 'roomNotFound' });
  });
});
