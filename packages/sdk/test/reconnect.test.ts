import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_CODES } from '@whiteroom/protocol';
import { ConnectionError, WhiteWebSdk, backoffDelay } from '../src/index.js';
import {
  ServerBoard,
  UUID,
  addOp,
  authoredBy,
  expectSameBoard,
  fakeNetwork,
  joinRoom,
  rect,
  recordingLogger,
  welcome,
} from './helpers.js';

beforeEach(() => {
  vi.useFakeTimers();
  // No jitter: each delay is exactly its base, 250 ms doubling to 10 s.
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('reconnection', () => {
  it('connects to /v5/realtime and sends the connect message first', async () => {
    const { socket, room } = await joinRoom({
      params: { userPayload: { name: 'Ann' }, memberState: { strokeWidth: 9 } },
    });
    expect(socket.url).toBe('ws://whiteroom.test/v5/realtime');
    expect(socket.sent[0]).toEqual({
      type: 'connect',
      protocolVersion: 1,
      roomUuid: UUID,
      token: 'NETLESSROOM_test',
      uid: 'me',
      userPayload: { name: 'Ann' },
      isWritable: true,
      clientId: room.clientId,
      memberState: {
        currentApplianceName: 'pencil',
        strokeColor: [0, 0, 0],
        strokeWidth: 9,
        textSize: 16,
      },
    });
    expect(room.clientId).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(room.phase).toBe('connected');
  });

  it('resends pending changes after lastClientSeq, and skips the acknowledged', async () => {
    const { room, socket, network } = await joinRoom();
    const server = new ServerBoard();
    const phases: string[] = [];
    room.on('phaseChanged', (phase) => phases.push(phase));

    room.addElement(rect('a'));
    room.addElement(rect('b'));
    room.addElement(rect('c'));
    // The server applied the first, but the connection dropped before its echo arrived.
    const first = server.sequence(addOp('a'), authoredBy(room, 1));
    socket.serverClose(1006);
    expect(room.phase).toBe('reconnecting');

    vi.advanceTimersByTime(250);
    const second = network.last;
    expect(second).not.toBe(socket);
    second.open();
    expect(second.sent[0]).toMatchObject({ type: 'connect', clientId: room.clientId, lastSeq: 0 });

    second.deliver(welcome({ changes: [first.change], lastClientSeq: 1 }));
    expect(second.sentOf('change').map((change) => change.clientSeq)).toEqual([2, 3]);
    expect(room.getElements().map((element) => element.id)).toEqual(['a', 'b', 'c']);
    expect(phases).toEqual(['reconnecting', 'connected']);

    second.deliver(server.sequence(addOp('b'), authoredBy(room, 2)));
    second.deliver(server.sequence(addOp('c'), authoredBy(room, 3)));
    expect(room.pendingChangeCount).toBe(0);
    expectSameBoard(room, server.board);
  });

  it('keeps changes made while reconnecting and sends them after the welcome', async () => {
    const { room, socket, network } = await joinRoom();
    socket.serverClose(CLOSE_CODES.goingAway, 'server shutting down');

    room.addElement(rect('offline'));
    expect(room.getElements()).toHaveLength(1);
    expect(socket.sentOf('change')).toEqual([]);

    vi.advanceTimersByTime(250);
    network.last.open();
    network.last.deliver(welcome({ lastClientSeq: 0 }));
    expect(network.last.sentOf('change')).toEqual([
      { type: 'change', clientSeq: 1, op: addOp('offline') },
    ]);
  });

  it('drops a pending change the server acknowledges as applied already', async () => {
    const { room, socket } = await joinRoom();
    const server = new ServerBoard();
    room.addElement(rect('a'));
    socket.deliver(server.sequence(addOp('a'), authoredBy(room, 1)));
    room.addElement(rect('b'));
    socket.deliver({ type: 'ack', clientSeq: 2, seq: 7 });
    expect(room.pendingChangeCount).toBe(0);
  });

  it('replaces the board with a welcome snapshot and puts pending changes back on top', async () => {
    const { room, socket, network } = await joinRoom();
    room.addElement(rect('mine'));
    socket.serverClose(CLOSE_CODES.slowConsumer);

    const server = new ServerBoard();
    server.sequence({ type: 'putScenes', dir: '/', scenes: [{ name: 'two' }] });
    server.sequence(addOp('theirs'));
    server.sequence({ type: 'setGlobalState', patch: { lesson: 3 } });
    vi.advanceTimersByTime(250);
    network.last.open();
    network.last.deliver(welcome({ snapshot: server.board.toSnapshot(), lastClientSeq: 0 }));

    expect(room.getElements().map((element) => element.id)).toEqual(['theirs', 'mine']);
    expect(room.state.globalState).toEqual({ lesson: 3 });
    expect(room.state.sceneState.scenes).toEqual([{ name: 'init' }, { name: 'two' }]);
    expect(network.last.sentOf('change').map((change) => change.clientSeq)).toEqual([1]);
  });

  it('asks for the changes it lacks from the seq of the last change it applied', async () => {
    const { socket, network } = await joinRoom();
    const server = new ServerBoard();
    socket.deliver(server.sequence(addOp('a')));
    socket.deliver(server.sequence(addOp('b')));
    socket.serverClose(1006);
    vi.advanceTimersByTime(250);
    network.last.open();
    expect(network.last.sent[0]).toMatchObject({ type: 'connect', lastSeq: 2 });
  });

  it('reconnects to catch up when a change is missing', async () => {
    const logger = recordingLogger();
    const { room, socket, network } = await joinRoom({ logger });
    const server = new ServerBoard();
    socket.deliver(server.sequence(addOp('a')));
    server.sequence(addOp('lost'));
    socket.deliver(server.sequence(addOp('c')));

    expect(room.getElements().map((element) => element.id)).toEqual(['a']);
    expect(socket.closedWith).toBeDefined();
    expect(room.phase).toBe('reconnecting');
    vi.advanceTimersByTime(250);
    network.last.open();
    expect(network.last.sent[0]).toMatchObject({ type: 'connect', lastSeq: 1 });
  });

  it('reloads the board from a snapshot when a sequenced change does not apply', async () => {
    const logger = recordingLogger();
    const { room, socket, network } = await joinRoom({ logger });
    const server = new ServerBoard();
    room.addElement(rect('mine'));
    // Change 1 names an element this client never had: its board is not the server's.
    socket.deliver({
      type: 'change',
      change: {
        seq: 1,
        time: 0,
        uid: 'x',
        op: { type: 'updateElement', id: 'ghost', patch: { x: 1 } },
      },
    });

    expect(logger.errors).toHaveLength(1);
    expect(room.phase).toBe('reconnecting');
    vi.advanceTimersByTime(250);
    network.last.open();
    expect(network.last.sent[0]).not.toHaveProperty('lastSeq');

    server.sequence(addOp('ghost'));
    network.last.deliver(welcome({ snapshot: server.board.toSnapshot() }));
    expect(room.getElements().map((element) => element.id)).toEqual(['ghost', 'mine']);
    expect(network.last.sentOf('change').map((change) => change.clientSeq)).toEqual([1]);
    expect(room.phase).toBe('connected');
  });

  it('retries after other closes with growing delays, and stops growing at 10 s', async () => {
    const { room, socket, network } = await joinRoom();
    socket.serverClose(1006);

    const delays = [250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000];
    for (const delay of delays) {
      const before = network.sockets.length;
      vi.advanceTimersByTime(delay - 1);
      expect(network.sockets.length, `nothing before ${delay} ms`).toBe(before);
      vi.advanceTimersByTime(1);
      expect(network.sockets.length, `a new socket after ${delay} ms`).toBe(before + 1);
      network.last.serverClose(1006);
    }
    expect(room.phase).toBe('reconnecting');

    // A welcome starts the delays over.
    vi.advanceTimersByTime(10_000);
    network.last.open();
    network.last.deliver(welcome());
    network.last.serverClose(CLOSE_CODES.goingAway);
    const before = network.sockets.length;
    vi.advanceTimersByTime(250);
    expect(network.sockets.length).toBe(before + 1);
  });

  it('spreads delays by up to half either way', () => {
    expect(backoffDelay(0, 0)).toBe(125);
    expect(backoffDelay(0, 0.999_999)).toBe(375);
    expect(backoffDelay(3, 0.5)).toBe(2000);
    expect(backoffDelay(40, 0.5)).toBe(10_000);
    expect(backoffDelay(40, 0.999_999)).toBe(15_000);
  });

  it.each([
    [CLOSE_CODES.roomBanned, 'roomBan'],
    [CLOSE_CODES.roomFull, 'roomFull'],
    [CLOSE_CODES.badToken, 'tokenRefused'],
    [CLOSE_CODES.forbidden, 'tokenRefused'],
    [CLOSE_CODES.roomNotFound, 'roomNotFound'],
    [CLOSE_CODES.unsupportedVersion, 'unsupportedVersion'],
  ])('calls onKickedWithReason on close code %i and does not reconnect', async (code, reason) => {
    const onKickedWithReason = vi.fn();
    const onDisconnectWithError = vi.fn();
    const { room, socket, network } = await joinRoom({
      callbacks: { onKickedWithReason, onDisconnectWithError },
    });

    socket.serverClose(code, 'bye');
    vi.advanceTimersByTime(60_000);

    expect(onKickedWithReason).toHaveBeenCalledWith(reason);
    expect(onDisconnectWithError).not.toHaveBeenCalled();
    expect(room.phase).toBe('disconnected');
    expect(network.sockets).toHaveLength(1);
    expect(() => room.addElement(rect('late'))).toThrow(
      expect.objectContaining({ code: 'disconnected' }),
    );
  });

  it('calls onDisconnectWithError when another connection replaces this one', async () => {
    const onDisconnectWithError = vi.fn();
    const { room, socket, network } = await joinRoom({ callbacks: { onDisconnectWithError } });
    socket.serverClose(CLOSE_CODES.replaced);
    vi.advanceTimersByTime(60_000);
    expect(onDisconnectWithError).toHaveBeenCalledWith(
      expect.objectContaining({ code: CLOSE_CODES.replaced, reason: 'replaced' }),
    );
    expect(room.phase).toBe('disconnected');
    expect(network.sockets).toHaveLength(1);
  });

  it('rejects joinRoom with the code and reason when the first connection is refused', async () => {
    const network = fakeNetwork();
    const sdk = new WhiteWebSdk({
      serverUrl: 'https://rooms.test/base/',
      WebSocket: network.WebSocket,
    });
    const phases: string[] = [];
    const joining = sdk.joinRoom(
      { uuid: UUID, roomToken: 'NETLESSROOM_bad', uid: 'me' },
      { onPhaseChanged: (phase) => phases.push(phase) },
    );
    expect(network.last.url).toBe('wss://rooms.test/base/v5/realtime');
    network.last.open();
    network.last.serverClose(CLOSE_CODES.badToken, 'invalid signature of token');

    const error = await joining.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 4401, reason: 'tokenRefused' });
    expect(phases).toEqual(['disconnected']);
    vi.advanceTimersByTime(60_000);
    expect(network.sockets).toHaveLength(1);
  });

  it('keeps trying to join through other closes, then gives up after joinTimeout', async () => {
    const network = fakeNetwork();
    const sdk = new WhiteWebSdk({
      serverUrl: 'http://rooms.test',
      WebSocket: network.WebSocket,
      joinTimeout: 5_000,
    });
    const joining = sdk.joinRoom({ uuid: UUID, roomToken: 't', uid: 'me' });
    const outcome = joining.catch((thrown: unknown) => thrown);

    network.last.serverClose(1006);
    vi.advanceTimersByTime(250);
    network.last.serverClose(1006);
    expect(network.sockets).toHaveLength(2);
    vi.advanceTimersByTime(5_000);

    expect(await outcome).toMatchObject({ code: 1006, reason: 'joinTimeout' });
    const count = network.sockets.length;
    vi.advanceTimersByTime(60_000);
    expect(network.sockets).toHaveLength(count);
  });

  it('refuses join parameters that cannot make a valid connect message', async () => {
    const network = fakeNetwork();
    const sdk = new WhiteWebSdk({ serverUrl: 'http://rooms.test', WebSocket: network.WebSocket });
    const error = await sdk
      .joinRoom({ uuid: 'not-a-uuid', roomToken: 't', uid: 'me' })
      .catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'invalidArgument' });
    expect(network.sockets).toHaveLength(0);
  });

  it('pings every 15 s and reconnects after 30 s without a word from the server', async () => {
    const { room, socket, network } = await joinRoom();

    vi.advanceTimersByTime(15_000);
    expect(socket.sentOf('ping')).toEqual([{ type: 'ping', id: 1 }]);
    socket.deliver({ type: 'pong', id: 1, serverTime: 0 });

    // Heard at 15 s: alive until 45 s.
    vi.advanceTimersByTime(29_999);
    expect(room.phase).toBe('connected');
    vi.advanceTimersByTime(1);
    expect(room.phase).toBe('reconnecting');
    expect(socket.closedWith).toBeDefined();
    vi.advanceTimersByTime(250);
    expect(network.sockets).toHaveLength(2);
  });

  it('gives up a socket whose handshake gets no answer in 30 s', async () => {
    const network = fakeNetwork();
    const sdk = new WhiteWebSdk({
      serverUrl: 'http://rooms.test',
      WebSocket: network.WebSocket,
      joinTimeout: 60_000,
    });
    void sdk.joinRoom({ uuid: UUID, roomToken: 't', uid: 'me' }).catch(() => undefined);
    network.last.open();
    vi.advanceTimersByTime(30_000);
    expect(network.last.closedWith).toBeDefined();
    vi.advanceTimersByTime(250);
    expect(network.sockets).toHaveLength(2);
  });

  it('ignores and counts frames that are not valid messages', async () => {
    const logger = recordingLogger();
    const { room, socket } = await joinRoom({ logger });
    socket.deliver('not json');
    socket.deliver(JSON.stringify({ type: 'change', change: { seq: 'one' } }));
    socket.deliver(JSON.stringify({ type: 'unknown' }));
    expect(room.invalidFrameCount).toBe(3);
    expect(logger.warnings).toHaveLength(3);
    expect(room.phase).toBe('connected');
  });

  it('reconnects rather than use a welcome whose board is not valid', async () => {
    const network = fakeNetwork();
    const sdk = new WhiteWebSdk({ serverUrl: 'http://rooms.test', WebSocket: network.WebSocket });
    void sdk.joinRoom({ uuid: UUID, roomToken: 't', uid: 'me' }).catch(() => undefined);
    network.last.open();
    network.last.deliver(welcome({ snapshot: { version: 1, scenes: 'no' } }));
    expect(network.last.closedWith).toBeDefined();
    vi.advanceTimersByTime(250);
    expect(network.sockets).toHaveLength(2);
  });

  it('disconnects with 4100, waiting for pending changes first', async () => {
    const phases: string[] = [];
    const { room, socket } = await joinRoom({
      callbacks: { onPhaseChanged: (phase) => phases.push(phase) },
    });
    const server = new ServerBoard();
    room.addElement(rect('a'));

    const leaving = room.disconnect();
    expect(room.phase).toBe('disconnecting');
    expect(socket.closedWith).toBeUndefined();
    socket.deliver(server.sequence(addOp('a'), authoredBy(room, 1)));
    await leaving;

    expect(socket.closedWith).toEqual({ code: 4100, reason: 'disconnect' });
    expect(phases).toEqual(['connected', 'disconnecting', 'disconnected']);
    vi.advanceTimersByTime(60_000);
    expect(room.phase).toBe('disconnected');
  });
});
