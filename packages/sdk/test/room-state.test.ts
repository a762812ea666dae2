import { afterEach, describe, expect, it, vi } from 'vitest';
import { WhiteWebSdk } from '../src/index.js';
import { joinRoom, member, rect, welcome } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('room state', () => {
  it('lists the members of the welcome and follows joins, updates and departures', async () => {
    const onRoomStateChanged = vi.fn();
    const { room, socket } = await joinRoom({
      callbacks: { onRoomStateChanged },
      welcome: { memberId: 2, members: [member(2), member(1, { uid: 'teacher' })] },
    });
    expect(room.memberId).toBe(2);
    expect(room.state.roomMembers.map((entry) => entry.memberId)).toEqual([1, 2]);

    socket.deliver({
      type: 'memberJoined',
      member: member(3, { role: 'reader', isWritable: false }),
    });
    socket.deliver({
      type: 'memberUpdated',
      member: member(1, { memberState: { strokeWidth: 8 } }),
    });
    socket.deliver({ type: 'memberLeft', memberId: 2 });

    expect(room.state.roomMembers).toEqual([
      member(1, { memberState: { strokeWidth: 8 } }),
      member(3, { role: 'reader', isWritable: false }),
    ]);
    expect(onRoomStateChanged).toHaveBeenLastCalledWith(
      expect.objectContaining({ roomMembers: room.state.roomMembers }),
    );
  });

  it('merges member state and sends the whole of it', async () => {
    const { room, socket } = await joinRoom();
    room.setMemberState({ currentApplianceName: 'rectangle', strokeColor: [255, 0, 0] });
    expect(room.state.memberState).toEqual({
      currentApplianceName: 'rectangle',
      strokeColor: [255, 0, 0],
      strokeWidth: 4,
      textSize: 16,
    });
    expect(socket.sentOf('setMemberState')).toEqual([
      { type: 'setMemberState', memberState: room.state.memberState },
    ]);

    const id = room.insertText(1, 2, 'red');
    expect(room.getElement(id)).toMatchObject({ textColor: [255, 0, 0], textSize: 16 });
  });

  it('becomes writable when the server agrees', async () => {
    const { room, socket } = await joinRoom({
      params: { isWritable: false },
      welcome: { isWritable: false, members: [member(1, { isWritable: false })] },
    });
    expect(room.isWritable).toBe(false);

    const becoming = room.setWritable(true);
    expect(socket.sentOf('setWritable')).toEqual([{ type: 'setWritable', isWritable: true }]);
    socket.deliver({ type: 'memberUpdated', member: member(1, { isWritable: true }) });
    await becoming;

    expect(room.isWritable).toBe(true);
    expect(() => room.addElement(rect('r'))).not.toThrow();
  });

  it('rejects setWritable with writableRefused when the server refuses', async () => {
    const { room, socket } = await joinRoom({
      params: { isWritable: false },
      welcome: { isWritable: false, role: 'reader' },
    });
    const becoming = room.setWritable(true);
    socket.deliver({
      type: 'error',
      code: 'writableRefused',
      message: 'a reader token cannot write',
    });
    await expect(becoming).rejects.toMatchObject({ code: 'writableRefused' });
    expect(room.isWritable).toBe(false);
  });

  it('sends at most one presence update per 33 ms, with the latest position', async () => {
    vi.useFakeTimers();
    const { room, socket } = await joinRoom();

    room.updatePresence({ cursor: { x: 1, y: 1 } });
    room.updatePresence({ cursor: { x: 2, y: 2 } });
    room.updatePresence({ laser: { x: 9, y: 9 } });
    room.updatePresence({ cursor: { x: 3, y: 3 } });
    expect(socket.sentOf('presence')).toEqual([
      { type: 'presence', cursor: { x: 1, y: 1 }, scenePath: '/init' },
    ]);

    vi.advanceTimersByTime(32);
    expect(socket.sentOf('presence')).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(socket.sentOf('presence')).toEqual([
      { type: 'presence', cursor: { x: 1, y: 1 }, scenePath: '/init' },
      { type: 'presence', cursor: { x: 3, y: 3 }, laser: { x: 9, y: 9 }, scenePath: '/init' },
    ]);

    room.updatePresence({ cursor: null });
    vi.advanceTimersByTime(33);
    expect(socket.sentOf('presence').at(-1)).toEqual({
      type: 'presence',
      cursor: null,
      scenePath: '/init',
    });
  });

  it('passes the presence of others to presence listeners', async () => {
    const { room, socket } = await joinRoom();
    const presence = vi.fn();
    room.on('presence', presence);
    socket.deliver({ type: 'presence', memberId: 4, cursor: { x: 5, y: 6 }, scenePath: '/init' });
    expect(presence).toHaveBeenCalledWith({
      memberId: 4,
      cursor: { x: 5, y: 6 },
      scenePath: '/init',
    });
  });

  it('sends custom events and calls the listeners of their name', async () => {
    const { room, socket } = await joinRoom();
    const listener = vi.fn();
    const other = vi.fn();
    room.addMagixEventListener('nextSlide', listener);
    room.addMagixEventListener('other', other);

    room.dispatchMagixEvent('nextSlide', { page: 2 });
    expect(socket.sentOf('magixEvent')).toEqual([
      { type: 'magixEvent', event: 'nextSlide', payload: { page: 2 } },
    ]);
    socket.deliver({ type: 'magixEvent', memberId: 3, event: 'nextSlide', payload: { page: 2 } });
    expect(listener).toHaveBeenCalledWith({
      event: 'nextSlide',
      payload: { page: 2 },
      authorId: 3,
    });
    expect(other).not.toHaveBeenCalled();

    room.removeMagixEventListener('nextSlide', listener);
    socket.deliver({ type: 'magixEvent', memberId: 3, event: 'nextSlide', payload: null });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps custom events sent while reconnecting and sends them after the welcome', async () => {
    vi.useFakeTimers();
    const { room, socket, network } = await joinRoom();
    socket.serverClose(1006);
    room.dispatchMagixEvent('wave');
    vi.advanceTimersByTime(10_000);
    network.last.open();
    network.last.deliver(welcome());
    expect(network.last.sentOf('magixEvent')).toEqual([{ type: 'magixEvent', event: 'wave' }]);
  });

  it('follows the broadcaster: its camera, and the view mode', async () => {
    const { room, socket } = await joinRoom({ welcome: { members: [member(1), member(5)] } });

    socket.deliver({ type: 'broadcastState', broadcastState: { broadcasterId: 5 } });
    expect(room.state.broadcastState).toEqual({
      mode: 'follower',
      broadcasterId: 5,
      broadcasterInformation: member(5),
    });

    socket.deliver({
      type: 'broadcastState',
      broadcastState: { broadcasterId: 5, camera: { centerX: 100, centerY: 50, scale: 2 } },
    });
    expect(room.state.cameraState).toEqual({ centerX: 100, centerY: 50, scale: 2 });

    room.setViewMode('freedom');
    socket.deliver({
      type: 'broadcastState',
      broadcastState: { broadcasterId: 5, camera: { centerX: 0, centerY: 0, scale: 1 } },
    });
    expect(room.state.cameraState).toEqual({ centerX: 100, centerY: 50, scale: 2 });
    expect(room.state.broadcastState.mode).toBe('freedom');

    socket.deliver({ type: 'broadcastState', broadcastState: {} });
    expect(room.state.broadcastState).toEqual({ mode: 'freedom' });
  });

  it('broadcasts its camera once the server makes it the broadcaster', async () => {
    vi.useFakeTimers();
    const { room, socket } = await joinRoom();
    room.moveCamera({ centerX: 10 });
    expect(socket.sentOf('moveCamera')).toEqual([]);

    room.setViewMode('broadcaster');
    expect(socket.sentOf('setViewMode')).toEqual([{ type: 'setViewMode', mode: 'broadcaster' }]);
    expect(room.state.broadcastState.mode).toBe('freedom');

    socket.deliver({ type: 'broadcastState', broadcastState: { broadcasterId: 1 } });
    expect(room.state.broadcastState.mode).toBe('broadcaster');
    expect(socket.sentOf('moveCamera')).toEqual([
      { type: 'moveCamera', camera: { centerX: 10, centerY: 0, scale: 1 } },
    ]);

    room.moveCamera({ scale: 2 });
    room.moveCamera({ scale: 3 });
    vi.advanceTimersByTime(33);
    expect(socket.sentOf('moveCamera').at(-1)).toEqual({
      type: 'moveCamera',
      camera: { centerX: 10, centerY: 0, scale: 3 },
    });
    expect(socket.sentOf('moveCamera')).toHaveLength(2);

    room.setViewMode('freedom');
    expect(socket.sentOf('setViewMode').at(-1)).toEqual({ type: 'setViewMode', mode: 'freedom' });
  });

  it('refuses a camera that is not valid', async () => {
    const { room } = await joinRoom();
    expect(() => room.moveCamera({ scale: 0 })).toThrow(
      expect.objectContaining({ code: 'invalidArgument' }),
    );
  });

  it('reports a listener that throws to the logger and goes on', async () => {
    const errors: unknown[] = [];
    const { room, socket } = await joinRoom({
      logger: { warn: () => undefined, error: (...args) => errors.push(args) },
      callbacks: {
        onRoomStateChanged: () => {
          throw new Error('application bug');
        },
      },
    });
    const later = vi.fn();
    room.on('stateChanged', later);
    socket.deliver({ type: 'memberJoined', member: member(2) });
    expect(later).toHaveBeenCalled();
    expect(errors.length).toBeGreaterThan(0);
  });

  it('asks for a WebSocket class where there is no global one', () => {
    const global = globalThis as { WebSocket?: unknown };
    const saved = global.WebSocket;
    delete global.WebSocket;
    try {
      expect(() => new WhiteWebSdk({ serverUrl: 'http://rooms.test' })).toThrow(/'ws' package/);
    } finally {
      if (saved !== undefined) global.WebSocket = saved;
    }
  });
});
