import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE_CODES } from '@whiteroom/protocol';
import { createRoom, request, startTestServer, type TestServer } from './helpers.js';
import { ProtocolClient, addRectangle, rectangle } from './realtime-client.js';

describe('the room server', () => {
  let server: TestServer;
  let roomUuid: string;
  const clients: ProtocolClient[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    roomUuid = await createRoom(server, { name: 'live' });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.close();
  });

  /** Joins the room as `uid` with a room token of `role` (or the token given). */
  function join(
    uid: string,
    options: Partial<ConstructorParameters<typeof ProtocolClient>[0]> & {
      role?: 'admin' | 'writer' | 'reader';
    } = {},
  ) {
    const client = new ProtocolClient({
      url: server.url,
      roomUuid,
      token: options.token ?? server.roomToken(roomUuid, options.role ?? 'writer'),
      uid,
      ...options,
    });
    clients.push(client);
    return client;
  }

  async function joined(uid: string, options: Parameters<typeof join>[1] = {}) {
    const client = join(uid, options);
    await client.welcomed();
    return client;
  }

  it('welcomes a member with the board, the members and its own member id', async () => {
    const alice = await joined('alice');
    const welcome = alice.welcome as Record<string, unknown>;
    expect(welcome.memberId).toBe(1);
    expect(welcome.isWritable).toBe(true);
    expect(welcome.members).toHaveLength(1);
    expect((welcome.snapshot as { scenePath: string }).scenePath).toBe('/init');
  });

  it('sends an accepted change to every member, the author included, in sequence', async () => {
    const alice = await joined('alice');
    const bob = await joined('bob');

    const clientSeq = alice.change(addRectangle('r1'));
    await bob.until((c) => c.changes().length === 1);
    await alice.until((c) => c.changes().length === 1);

    expect(bob.changes()[0]).toMatchObject({ seq: 1, uid: 'alice', op: { type: 'addElement' } });
    expect(alice.changes()[0]).toMatchObject({ seq: 1, clientSeq, clientId: alice.clientId });
  });

  it('tells members who joins and leaves', async () => {
    const alice = await joined('alice');
    const bob = await joined('bob');
    await alice.until((c) => c.of('memberJoined').length === 1);
    bob.close();
    await alice.until((c) => c.of('memberLeft').length === 1);
    expect(alice.of('memberLeft')[0]).toMatchObject({ memberId: 2 });
  });

  it('gives a late joiner the board as it is now', async () => {
    const alice = await joined('alice');
    alice.change(addRectangle('r1'));
    alice.change({ type: 'putScenes', dir: '/', scenes: [{ name: 'two' }] });
    alice.change({ type: 'setScenePath', path: '/two' });
    await alice.until((c) => c.changes().length === 3);

    const carol = await joined('carol');
    const snapshot = carol.welcome?.snapshot as {
      scenePath: string;
      pages: Record<string, { order: string[] }>;
    };
    expect(snapshot.scenePath).toBe('/two');
    expect(snapshot.pages['/init']?.order).toEqual(['r1']);
  });

  it('refuses every change of a reader and leaves the room untouched', async () => {
    const alice = await joined('alice');
    alice.change(addRectangle('r1'));
    await alice.until((c) => c.changes().length === 1);

    const reader = await joined('rita', { role: 'reader' });
    expect(reader.welcome).toMatchObject({ isWritable: false, role: 'reader' });
    reader.change({ type: 'removeElements', ids: ['r1'] });
    reader.change({ type: 'setGlobalState', patch: { a: 1 } });
    reader.sendRaw({ type: 'magixEvent', event: 'hello', payload: 1 });
    await reader.until((c) => c.of('reject').length === 2 && c.of('error').length === 1);

    expect(reader.of('reject').map((m) => m.code)).toEqual(['readOnly', 'readOnly']);
    expect(reader.of('error')[0]).toMatchObject({ code: 'eventForbidden' });
    const observer = await joined('olga', { role: 'reader' });
    const snapshot = observer.welcome?.snapshot as {
      pages: Record<string, { order: string[] }>;
      globalState: object;
    };
    expect(snapshot.pages['/init']?.order).toEqual(['r1']);
    expect(snapshot.globalState).toEqual({});
    expect(alice.of('magixEvent')).toHaveLength(0);
  });

  it('lets writers send custom events to everyone, never storing them', async () => {
    const alice = await joined('alice');
    const bob = await joined('bob', { role: 'reader' });
    alice.sendRaw({ type: 'magixEvent', event: 'raise-hand', payload: { who: 'alice' } });
    await bob.until((c) => c.of('magixEvent').length === 1);
    expect(bob.of('magixEvent')[0]).toMatchObject({
      event: 'raise-hand',
      payload: { who: 'alice' },
    });
    const late = await joined('late');
    expect(late.welcome?.snapshot).not.toHaveProperty('events');
    expect(late.of('magixEvent')).toHaveLength(0);
  });

  it('refuses the writer past the room limit but not a reader, and grants setWritable once there is room', async () => {
    const limited = await createRoom(server, { limit: 1 });
    roomUuid = limited;
    const first = await joined('first');
    const second = join('second');
    expect(await second.closedWith()).toEqual({ code: CLOSE_CODES.roomFull, reason: 'roomFull' });

    const reader = await joined('reader', { role: 'reader' });
    expect(reader.closed).toBeUndefined();
    const observer = await joined('observer', { isWritable: false });
    expect(observer.welcome).toMatchObject({ isWritable: false, role: 'writer' });

    observer.sendRaw({ type: 'setWritable', isWritable: true });
    await observer.until((c) => c.of('error').length === 1);
    expect(observer.of('error')[0]).toMatchObject({ code: 'writableRefused' });

    first.close();
    await observer.until((c) => c.of('memberLeft').length === 1);
    observer.sendRaw({ type: 'setWritable', isWritable: true });
    await observer.until((c) =>
      c.of('memberUpdated').some((m) => (m.member as { uid: string }).uid === 'observer'),
    );
    observer.change(addRectangle('from-observer'));
    await observer.until((c) => c.changes().length === 1);
  });

  it('removes everyone with roomBan when the room is banned, and refuses joins until un-banned', async () => {
    const alice = await joined('alice');
    const bob = await joined('bob', { role: 'reader' });
    await request(`${server.url}/v5/rooms/${roomUuid}`, {
      method: 'PATCH',
      headers: { token: server.sdkToken() },
      body: { isBan: true },
    });
    expect(await alice.closedWith()).toEqual({ code: CLOSE_CODES.roomBanned, reason: 'roomBan' });
    expect(await bob.closedWith()).toEqual({ code: CLOSE_CODES.roomBanned, reason: 'roomBan' });

    const refused = join('carol');
    expect((await refused.closedWith()).code).toBe(CLOSE_CODES.roomBanned);

    await request(`${server.url}/banRoom?token=${server.sdkToken()}`, {
      method: 'POST',
      body: { ban: false, uuid: roomUuid },
    });
    const back = await joined('carol');
    expect(back.welcome).toBeDefined();
  });

  it('refuses a join with an expired token but keeps members whose token expires while inside', async () => {
    const shortLived = server.roomToken(roomUuid, 'writer', 1500);
    const alice = await joined('alice', { token: shortLived });
    await new Promise((resolve) => setTimeout(resolve, 1600));

    const late = join('late', { token: shortLived });
    expect(await late.closedWith()).toEqual({
      code: CLOSE_CODES.badToken,
      reason: 'expired token',
    });
    alice.change(addRectangle('still-here'));
    await alice.until((c) => c.changes().length === 1);
    expect(alice.closed).toBeUndefined();
  });

  it('refuses tokens of another room, forged tokens and unknown rooms with their own codes', async () => {
    const other = await createRoom(server);
    const wrongRoom = join('x', { token: server.roomToken(other, 'admin') });
    expect((await wrongRoom.closedWith()).code).toBe(CLOSE_CODES.forbidden);

    const forged = join('y', { token: `${server.roomToken(roomUuid)}x` });
    expect((await forged.closedWith()).code).toBe(CLOSE_CODES.badToken);

    roomUuid = 'f'.repeat(32);
    const missing = join('z', { token: server.sdkToken() });
    expect((await missing.closedWith()).code).toBe(CLOSE_CODES.roomNotFound);
  });

  it('refuses an unsupported protocol version and a first message that is not connect', async () => {
    const old = join('old', { protocolVersion: 99 });
    expect((await old.closedWith()).code).toBe(CLOSE_CODES.unsupportedVersion);

    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v5/realtime`);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('open', () => ws.send('not json at all'));
    expect(await closed).toBe(CLOSE_CODES.badHandshake);
  });

  it('refuses a user payload nested too deep or too large, and the room stays joinable', async () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100; i++) deep = [deep];
    const nested = join('nested', { userPayload: deep });
    expect((await nested.closedWith()).code).toBe(CLOSE_CODES.badHandshake);

    // Deeper than any serialiser can write back out: written by hand.
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v5/realtime`);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    const payload = `${'['.repeat(5000)}0${']'.repeat(5000)}`;
    ws.on('open', () =>
      ws.send(
        `{"type":"connect","protocolVersion":1,"roomUuid":"${roomUuid}","token":"${server.roomToken(roomUuid, 'reader')}","uid":"deep","isWritable":false,"clientId":"deep-client","userPayload":${payload}}`,
      ),
    );
    expect(await closed).toBe(CLOSE_CODES.badHandshake);
    const large = join('large', { userPayload: 'x'.repeat(5000) });
    expect((await large.closedWith()).code).toBe(CLOSE_CODES.badHandshake);

    const fine = await joined('fine', { userPayload: { name: 'Ann' } });
    expect(fine.welcome?.members).toEqual([expect.objectContaining({ payload: { name: 'Ann' } })]);
  });

  it('does not let another user take over a connection by its client id', async () => {
    const teacher = await joined('teacher', { role: 'admin' });
    teacher.change(addRectangle('lesson'));
    await teacher.until((c) => c.changes().length === 1);
    const reader = await joined('student', { role: 'reader' });
    await reader.until((c) => c.changes().length >= 0);
    expect(JSON.stringify(reader.messages)).not.toContain(teacher.clientId);

    const intruder = await joined('intruder', { clientId: teacher.clientId });
    expect(intruder.welcome).toMatchObject({ lastClientSeq: 0 });
    intruder.change(addRectangle('lesson-2'), 5);
    await teacher.until((c) => c.changes().length === 2);
    expect(teacher.closed).toBeUndefined();
    teacher.change(addRectangle('still-mine'));
    await teacher.until((c) => c.changes().length === 3);
    expect(teacher.changes()[2]).toMatchObject({ clientSeq: 2 });
  });

  it('answers invalid frames with an error naming the code, and closes a connection that keeps at it', async () => {
    server = await restartWith(server, { maxInvalidFrames: 3 });
    roomUuid = await createRoom(server);
    const alice = await joined('alice');
    alice.change(addRectangle('r1'));
    alice.sendRaw('not json');
    alice.sendRaw({ type: 'change', clientSeq: 9, op: { type: 'explode' } });
    await alice.until((c) => c.of('error').length === 1 && c.of('reject').length === 1);
    expect(alice.of('error')[0]).toMatchObject({ code: 'invalidFrame' });
    // A change that is wrong in its op is refused by name, so its author can drop it.
    expect(alice.of('reject')[0]).toMatchObject({ clientSeq: 9, code: 'invalidChange' });
    expect(alice.of('reject')[0]?.message).toContain('change/op');

    alice.sendRaw('{');
    alice.sendRaw('[]');
    expect((await alice.closedWith()).code).toBe(CLOSE_CODES.abuse);

    const bob = await joined('bob');
    const snapshot = bob.welcome?.snapshot as { pages: Record<string, { order: string[] }> };
    expect(snapshot.pages['/init']?.order).toEqual(['r1']);
    expect((await request(`${server.url}/healthz`)).status).toBe(200);
  });

  it('refuses a change a little over the frame limit by name, and closes on a far larger frame', async () => {
    server = await restartWith(server, { maxFrameBytes: 10_000 });
    roomUuid = await createRoom(server);
    const alice = await joined('alice');
    const clientSeq = alice.change({ type: 'setGlobalState', patch: { big: 'x'.repeat(20_000) } });
    await alice.until((c) => c.of('reject').length === 1);
    expect(alice.of('reject')[0]).toMatchObject({ clientSeq, code: 'frameTooLarge' });

    alice.change({ type: 'setGlobalState', patch: { huge: 'x'.repeat(50_000) } });
    expect((await alice.closedWith()).code).toBe(1009);
  });

  it('refuses changes past the rate limit with rateLimited', async () => {
    server = await restartWith(server, { changesPerSecond: 5 });
    roomUuid = await createRoom(server);
    const alice = await joined('alice');
    for (let i = 0; i < 30; i++) alice.change(addRectangle(`r${i}`));
    await alice.until((c) => c.changes().length + c.of('reject').length === 30);
    expect(alice.of('reject').every((m) => m.code === 'rateLimited')).toBe(true);
    expect(alice.of('reject').length).toBeGreaterThan(10);
  });

  it('refuses changes past the board limits with limitExceeded', async () => {
    server = await restartWith(server, {
      maxElementsPerPage: 2,
      maxPagesPerRoom: 2,
      maxPointsPerStroke: 3,
    });
    roomUuid = await createRoom(server);
    const alice = await joined('alice');
    alice.change(addRectangle('a'));
    alice.change(addRectangle('b'));
    alice.change(addRectangle('c'));
    alice.change({ type: 'putScenes', dir: '/', scenes: [{ name: 'p2' }, { name: 'p3' }] });
    alice.change({
      type: 'addElement',
      scenePath: '/init',
      element: {
        id: 's',
        type: 'pencil',
        x: 0,
        y: 0,
        points: [0, 0, 1, 1, 1, 1, 2, 2, 1, 3, 3, 1],
        strokeColor: [0, 0, 0],
        strokeWidth: 1,
      },
    });
    await alice.until((c) => c.changes().length + c.of('reject').length === 5);
    expect(alice.of('reject').map((m) => m.code)).toEqual([
      'limitExceeded',
      'limitExceeded',
      'limitExceeded',
    ]);
  });

  it("undoes and redoes only the member's own changes, as ordinary changes, across reconnects", async () => {
    const alice = await joined('alice');
    const bob = await joined('bob');
    alice.change(addRectangle('mine'));
    await alice.until((c) => c.changes().length === 1);
    bob.change(addRectangle('his'));
    await alice.until((c) => c.changes().length === 2);

    alice.close();
    const again = await joined('alice');
    again.change({ type: 'undo' });
    await bob.until((c) => c.changes().length === 3);
    expect(bob.changes()[2]?.op).toEqual({ type: 'removeElements', ids: ['mine'] });

    again.change({ type: 'redo' });
    await bob.until((c) => c.changes().length === 4);
    expect(bob.changes()[3]?.op).toMatchObject({ type: 'addElement', element: { id: 'mine' } });

    bob.change({ type: 'undo' });
    await bob.until((c) => c.changes().length === 5);
    expect(bob.changes()[4]?.op).toEqual({ type: 'removeElements', ids: ['his'] });
    bob.change({ type: 'undo' });
    await bob.until((c) => c.of('reject').length === 1);
    expect(bob.of('reject')[0]).toMatchObject({ code: 'nothingToUndo' });
  });

  it('resumes a reconnecting client from its last sequence and applies resent changes exactly once', async () => {
    const alice = await joined('alice');
    const bob = await joined('bob');
    alice.change(addRectangle('one'));
    alice.change(addRectangle('two'));
    await alice.until((c) => c.changes().length === 2);
    const lastSeq = alice.changes()[1]?.seq as number;

    alice.cut();
    bob.change(addRectangle('while-away'));
    await bob.until((c) => c.changes().length === 3);

    // The same client comes back and resends its second change, which had been applied.
    const back = join('alice', { clientId: alice.clientId, lastSeq });
    await back.welcomed();
    expect(back.welcome).toMatchObject({ lastClientSeq: 2 });
    expect(back.welcome?.snapshot).toBeUndefined();
    expect((back.welcome?.changes as { seq: number }[]).map((c) => c.seq)).toEqual([3]);

    back.change(addRectangle('two'), 2);
    back.change(addRectangle('three'), 3);
    await back.until((c) => c.of('ack').length === 1 && c.changes().length === 1);
    expect(back.of('ack')[0]).toMatchObject({ clientSeq: 2, seq: 2 });
    await bob.until((c) => c.changes().length === 4);
    expect(bob.changes().map((c) => (c.op.element as { id: string } | undefined)?.id)).toEqual([
      'one',
      'two',
      'while-away',
      'three',
    ]);
  });

  it('drops a client that reads too slowly instead of queueing without bound', async () => {
    server = await restartWith(server, { maxBufferedBytes: 64 * 1024, changesPerSecond: 10_000 });
    roomUuid = await createRoom(server);
    const slow = await joined('slow');
    const writer = await joined('writer');
    slow.stopReading();
    const text = 'x'.repeat(9000);
    for (let i = 0; i < 1500 && !slow.closed; i++) {
      writer.change({
        type: 'addElement',
        scenePath: '/init',
        element: {
          id: `t${i}`,
          type: 'text',
          x: 0,
          y: i,
          text,
          textSize: 14,
          textColor: [0, 0, 0],
        },
      });
      if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await writer.until((c) => c.of('memberLeft').length === 1, 15_000);
    expect(writer.of('memberLeft')[0]).toMatchObject({ memberId: slow.welcome?.memberId });
  });

  it('keeps every acknowledged change across a restart and sends going-away to members', async () => {
    const alice = await joined('alice');
    for (let i = 0; i < 20; i++) alice.change(addRectangle(`r${i}`, i));
    await alice.until((c) => c.changes().length === 20);

    const dataDir = server.dataDir;
    await server.close({ keepData: true });
    expect((await alice.closedWith()).code).toBe(CLOSE_CODES.goingAway);

    server = await startTestServer({ dataDir });
    const back = await joined('alice', { clientId: alice.clientId });
    const snapshot = back.welcome?.snapshot as { pages: Record<string, { order: string[] }> };
    expect(snapshot.pages['/init']?.order).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`));
    expect(back.welcome).toMatchObject({ lastClientSeq: 20 });
  });

  it('applies page changes made over REST to the live room', async () => {
    const alice = await joined('alice');
    const token = { token: server.sdkToken() };

    const put = await request(`${server.url}/v5/rooms/${roomUuid}/scenes`, {
      method: 'POST',
      headers: token,
      body: { path: '/lesson', scenes: [{ name: 'a' }, { name: 'b' }] },
    });
    expect(put).toMatchObject({ status: 201, body: { scenes: ['/lesson/a', '/lesson/b'] } });
    await alice.until((c) => c.changes().length === 1);
    expect(alice.changes()[0]?.op).toMatchObject({ type: 'putScenes', dir: '/lesson' });

    const switched = await request(`${server.url}/v5/rooms/${roomUuid}/scene-state`, {
      method: 'PATCH',
      headers: token,
      body: { scenePath: '/lesson/b' },
    });
    expect(switched).toMatchObject({ status: 201, body: { currentScenePath: '/lesson/b' } });
    await alice.until((c) => c.changes().length === 2);

    const listed = await request(`${server.url}/v5/rooms/${roomUuid}/scenes`, { headers: token });
    expect(listed.body).toEqual(['/init', '/lesson/a', '/lesson/b']);
    const folder = await request(`${server.url}/v5/rooms/${roomUuid}/scenes?sceneDir=/lesson`, {
      headers: { token: server.roomToken(roomUuid, 'reader') },
    });
    expect(folder.body).toEqual(['/lesson/a', '/lesson/b']);

    const missing = await request(`${server.url}/v5/rooms/${roomUuid}/scene-state`, {
      method: 'PATCH',
      headers: token,
      body: { scenePath: '/nowhere' },
    });
    expect(missing.status).toBe(404);
    const byReader = await request(`${server.url}/v5/rooms/${roomUuid}/scene-state`, {
      method: 'PATCH',
      headers: { token: server.roomToken(roomUuid, 'reader') },
      body: { scenePath: '/init' },
    });
    expect(byReader.status).toBe(403);
  });

  it('keeps a member whose socket answers pings connected across many heartbeats', async () => {
    server = await restartWith(server, { heartbeatIntervalMs: 100 });
    roomUuid = await createRoom(server);
    const alice = await joined('alice');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(alice.closed).toBeUndefined();
    alice.change(addRectangle('still-connected'));
    await alice.until((c) => c.changes().length === 1);
  });

  it('forwards presence to others without storing or numbering it', async () => {
    const alice = await joined('alice');
    const bob = await joined('bob');
    alice.sendRaw({ type: 'presence', cursor: { x: 5, y: 6 } });
    await bob.until((c) => c.of('presence').length === 1);
    expect(bob.of('presence')[0]).toMatchObject({ memberId: 1, cursor: { x: 5, y: 6 } });
    expect(alice.of('presence')).toHaveLength(0);
    expect(bob.changes()).toHaveLength(0);
  });

  it('lets a broadcaster lead the camera of everyone else', async () => {
    const alice = await joined('alice');
    const bob = await joined('bob');
    alice.sendRaw({ type: 'setViewMode', mode: 'broadcaster' });
    await bob.until((c) => c.of('broadcastState').length === 1);
    alice.sendRaw({ type: 'moveCamera', camera: { centerX: 100, centerY: 50, scale: 2 } });
    await bob.until((c) => c.of('broadcastState').length === 2);
    expect(bob.of('broadcastState')[1]).toMatchObject({
      broadcastState: { broadcasterId: 1, camera: { centerX: 100, centerY: 50, scale: 2 } },
    });
    const late = await joined('late');
    expect(late.welcome?.broadcastState).toMatchObject({ broadcasterId: 1 });
  });

  async function restartWith(
    current: TestServer,
    realtime: Parameters<typeof startTestServer>[0] extends infer O
      ? O extends { realtime?: infer R }
        ? R
        : never
      : never,
  ) {
    for (const client of clients.splice(0)) client.close();
    await current.close();
    return startTestServer({ realtime });
  }
});

describe('element values', () => {
  it('are checked against the schema of their type', () => {
    expect(rectangle('x')).toMatchObject({ type: 'rectangle' });
  });
});
