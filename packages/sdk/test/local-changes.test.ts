import { describe, expect, it, vi } from 'vitest';
import { ROOM_ERROR_CODES } from '@whiteroom/protocol';
import { RoomError } from '../src/index.js';
import {
  ServerBoard,
  addOp,
  authoredBy,
  expectSameBoard,
  joinRoom,
  pencil,
  rect,
} from './helpers.js';

describe('local changes', () => {
  it('shows a change at once, sends it, and stops tracking it on its echo', async () => {
    const { room, socket } = await joinRoom();
    const server = new ServerBoard();
    const boardChanged = vi.fn();
    room.on('boardChanged', boardChanged);

    const id = room.addElement(rect('r1'));

    expect(id).toBe('r1');
    expect(room.getElements().map((element) => element.id)).toEqual(['r1']);
    expect(room.pendingChangeCount).toBe(1);
    expect(boardChanged).toHaveBeenCalledTimes(1);
    expect(socket.sentOf('change')).toEqual([{ type: 'change', clientSeq: 1, op: addOp('r1') }]);

    socket.deliver(server.sequence(addOp('r1'), authoredBy(room, 1)));

    expect(room.pendingChangeCount).toBe(0);
    expectSameBoard(room, server.board);
  });

  it('numbers changes 1, 2, 3 and makes ids when none is given', async () => {
    const { room, socket } = await joinRoom();

    const first = room.addElement({ ...pencil('ignored'), id: undefined });
    room.appendPoints(first, [1, 1, 0.5]);
    const text = room.insertText(5, 5, 'hello');

    expect(first).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(text).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(socket.sentOf('change').map((change) => change.clientSeq)).toEqual([1, 2, 3]);
    expect(room.getElement(first)).toMatchObject({ points: [0, 0, 0.5, 1, 1, 0.5] });
  });

  it('puts pending changes back on top of a change of someone else', async () => {
    const { room, socket } = await joinRoom();
    const server = new ServerBoard();
    socket.deliver(server.sequence(addOp('x')));

    room.updateElement('x', { x: 5 });
    room.addElement(rect('mine'));
    // Someone else moved x and added an element before the server got ours.
    socket.deliver(server.sequence({ type: 'updateElement', id: 'x', patch: { x: 100, y: 7 } }));
    socket.deliver(server.sequence(addOp('theirs')));

    // Ours will be sequenced after theirs, so ours shows on top: x at 5, and "mine" above.
    expect(room.getElement('x')).toMatchObject({ x: 5, y: 7 });
    expect(room.getElements().map((element) => element.id)).toEqual(['x', 'theirs', 'mine']);

    socket.deliver(
      server.sequence({ type: 'updateElement', id: 'x', patch: { x: 5 } }, authoredBy(room, 1)),
    );
    socket.deliver(server.sequence(addOp('mine'), authoredBy(room, 2)));

    expect(room.pendingChangeCount).toBe(0);
    expectSameBoard(room, server.board);
  });

  it('keeps a pending change that no longer applies off the board until the server answers', async () => {
    const { room, socket } = await joinRoom();
    const server = new ServerBoard();
    socket.deliver(server.sequence(addOp('x')));

    room.updateElement('x', { x: 5 });
    socket.deliver(server.sequence({ type: 'removeElements', ids: ['x'] }));

    expect(room.getElement('x')).toBeUndefined();
    expect(room.pendingChangeCount).toBe(1);

    socket.deliver({ type: 'reject', clientSeq: 1, code: 'elementNotFound', message: 'no x' });
    expect(room.pendingChangeCount).toBe(0);
    expectSameBoard(room, server.board);
  });

  it('drops a rejected change and shows the board without it', async () => {
    const { room, socket } = await joinRoom();
    const server = new ServerBoard();
    const rejected = vi.fn();
    room.on('rejected', rejected);

    room.addElement(rect('a'));
    room.addElement(rect('b'));
    room.updateElement('a', { x: 1 });
    socket.deliver({ type: 'reject', clientSeq: 2, code: 'rateLimited', message: 'slow down' });

    expect(room.getElements().map((element) => element.id)).toEqual(['a']);
    expect(room.getElement('a')).toMatchObject({ x: 1 });
    expect(rejected).toHaveBeenCalledWith({
      clientSeq: 2,
      op: addOp('b'),
      code: 'rateLimited',
      message: 'slow down',
    });

    socket.deliver(server.sequence(addOp('a'), authoredBy(room, 1)));
    socket.deliver(
      server.sequence({ type: 'updateElement', id: 'a', patch: { x: 1 } }, authoredBy(room, 3)),
    );
    expect(room.pendingChangeCount).toBe(0);
    expectSameBoard(room, server.board);
  });

  it('applies undo only when the server sends the inverse changes', async () => {
    const { room, socket } = await joinRoom();
    const server = new ServerBoard();
    room.addElement(rect('a'));
    socket.deliver(server.sequence(addOp('a'), authoredBy(room, 1)));

    room.undo();

    expect(socket.sentOf('change').at(-1)).toEqual({
      type: 'change',
      clientSeq: 2,
      op: { type: 'undo' },
    });
    expect(room.getElements()).toHaveLength(1);
    expect(room.pendingChangeCount).toBe(1);

    socket.deliver(server.sequence({ type: 'removeElements', ids: ['a'] }, authoredBy(room, 2)));
    expect(room.getElements()).toEqual([]);
    expect(room.pendingChangeCount).toBe(0);
  });

  it('drops an undo the server has nothing for', async () => {
    const { room, socket } = await joinRoom();
    room.redo();
    socket.deliver({
      type: 'reject',
      clientSeq: 1,
      code: 'nothingToUndo',
      message: 'nothing to redo',
    });
    expect(room.pendingChangeCount).toBe(0);
  });

  it('refuses a change the board refuses, at the call, and sends nothing', async () => {
    const { room, socket } = await joinRoom();

    expect(() => room.updateElement('missing', { x: 1 })).toThrow(
      expect.objectContaining({ code: ROOM_ERROR_CODES.elementNotFound }),
    );
    expect(() => room.setScenePath('/nowhere')).toThrow(
      expect.objectContaining({ code: ROOM_ERROR_CODES.sceneNotFound }),
    );
    expect(socket.sentOf('change')).toEqual([]);
    expect(room.pendingChangeCount).toBe(0);
  });

  it('refuses an element that is not valid and names the field', async () => {
    const { room } = await joinRoom();
    let error: unknown;
    try {
      room.addElement(rect('r1', { strokeColor: [0, 0, 300] }));
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(RoomError);
    expect(error).toMatchObject({ code: 'invalidArgument' });
    expect((error as Error).message).toContain('/element/strokeColor/2');
  });

  it('refuses a change larger than a frame', async () => {
    const { room } = await joinRoom();
    // Within the board's 20,000 points, but about 1.1 MB as JSON.
    const points = Array.from({ length: 3 * 19_900 }, () => -1234567.891234567);
    expect(() => room.addElement(pencil('big', points))).toThrow(
      expect.objectContaining({ code: 'limitExceeded' }),
    );
  });

  it('throws readOnly at once on writes by a read-only member and queues nothing', async () => {
    const { room, socket } = await joinRoom({
      params: { isWritable: false },
      welcome: { isWritable: false },
    });
    const writes: [string, () => unknown][] = [
      ['addElement', () => room.addElement(rect('r'))],
      ['insertText', () => room.insertText(0, 0, 'x')],
      ['setGlobalState', () => room.setGlobalState({ a: 1 })],
      ['putScenes', () => room.putScenes('/', [{ name: 'two' }])],
      ['cleanCurrentScene', () => room.cleanCurrentScene()],
      ['undo', () => room.undo()],
      ['dispatchMagixEvent', () => room.dispatchMagixEvent('hello', {})],
    ];
    for (const [name, write] of writes) {
      expect(write, name).toThrow(expect.objectContaining({ code: 'readOnly' }));
    }
    expect(room.pendingChangeCount).toBe(0);
    expect(socket.sentOf('change')).toEqual([]);
    expect(socket.sentOf('magixEvent')).toEqual([]);
  });

  it('reports scene and global state changes through onRoomStateChanged', async () => {
    const onRoomStateChanged = vi.fn();
    const { room } = await joinRoom({ callbacks: { onRoomStateChanged } });
    onRoomStateChanged.mockClear();

    room.putScenes('/lesson', [{ name: 'one' }, { name: 'two' }]);
    room.setScenePath('/lesson/two');
    room.setGlobalState({ topic: 'fractions' });

    expect(room.state.sceneState).toEqual({
      scenePath: '/lesson/two',
      contextPath: '/lesson',
      scenes: [{ name: 'one' }, { name: 'two' }],
      index: 1,
    });
    expect(room.state.globalState).toEqual({ topic: 'fractions' });
    const modified = onRoomStateChanged.mock.calls.map(([state]) => Object.keys(state as object));
    expect(modified).toEqual([['sceneState'], ['sceneState'], ['globalState']]);
  });

  it('returns copies that do not change the board', async () => {
    const { room } = await joinRoom();
    room.addElement(rect('r1'));
    const [copy] = room.getElements();
    if (copy?.type === 'rectangle') copy.width = 1;
    expect(room.getElement('r1')).toMatchObject({ width: 100 });
  });
});
