import { expect } from 'vitest';
import type {
  BoardOp,
  BoxElement,
  ImageElement,
  LineElement,
  PencilElement,
  RoomErrorCode,
  TextElement,
} from '@whiteroom/protocol';
import { Board, type ApplyResult, type BoardLimits } from '../src/index.js';

export function rect(id: string, extra: Partial<BoxElement> = {}): BoxElement {
  return {
    id,
    type: 'rectangle',
    x: 10,
    y: 20,
    strokeColor: [0, 0, 0],
    strokeWidth: 2,
    width: 100,
    height: 50,
    ...extra,
  };
}

export function pencil(id: string, points: number[] = [0, 0, 0.5], extra = {}): PencilElement {
  return {
    id,
    type: 'pencil',
    x: 0,
    y: 0,
    strokeColor: [0, 0, 0],
    strokeWidth: 3,
    points,
    ...extra,
  };
}

export function text(id: string, extra: Partial<TextElement> = {}): TextElement {
  return {
    id,
    type: 'text',
    x: 5,
    y: 5,
    text: 'hello',
    textSize: 16,
    textColor: [0, 0, 0],
    ...extra,
  };
}

export function image(id: string, extra: Partial<ImageElement> = {}): ImageElement {
  return {
    id,
    type: 'image',
    x: 0,
    y: 0,
    src: 'https://example.test/a.png',
    width: 640,
    height: 480,
    ...extra,
  };
}

export function arrow(id: string, extra: Partial<LineElement> = {}): LineElement {
  return {
    id,
    type: 'arrow',
    x: 0,
    y: 0,
    strokeColor: [0, 0, 0],
    strokeWidth: 1,
    dx: 30,
    dy: -4,
    ...extra,
  };
}

/**
 * Root: init, a, b. /lesson: one, two, three. /lesson/extra: deep. Elements on several pages,
 * images among them; the current page is /lesson/two; some global state.
 */
export function richBoard(): Board {
  const board = new Board();
  applyAll(board, [
    { type: 'putScenes', dir: '/', scenes: [{ name: 'a' }, { name: 'b' }] },
    {
      type: 'putScenes',
      dir: '/lesson',
      scenes: [{ name: 'one' }, { name: 'two' }, { name: 'three' }],
    },
    {
      type: 'putScenes',
      dir: '/lesson/extra',
      scenes: [{ name: 'deep', ppt: { src: 'd.png', width: 8, height: 6 } }],
    },
    { type: 'addElement', scenePath: '/init', element: rect('r1', { fillColor: [1, 2, 3] }) },
    { type: 'addElement', scenePath: '/init', element: pencil('p1', [0, 0, 1, 5, 5, 0.5]) },
    { type: 'addElement', scenePath: '/init', element: image('i1') },
    { type: 'addElement', scenePath: '/init', element: text('t1', { bold: true }) },
    { type: 'addElement', scenePath: '/lesson/two', element: rect('r2') },
    { type: 'addElement', scenePath: '/lesson/two', element: image('i2') },
    { type: 'addElement', scenePath: '/lesson/two', element: rect('r3') },
    { type: 'addElement', scenePath: '/lesson/two', element: pencil('p2') },
    { type: 'addElement', scenePath: '/lesson/extra/deep', element: text('t2') },
    { type: 'addElement', scenePath: '/a', element: rect('r4') },
    { type: 'setScenePath', path: '/lesson/two' },
    { type: 'setGlobalState', patch: { tool: 'pencil', nested: { a: [1] } } },
  ]);
  return board;
}

/** Applies an op that must succeed, and returns its inverse. */
export function applyOk(board: Board, op: BoardOp, limits?: BoardLimits): BoardOp[] {
  const result = board.apply(op, { withInverse: true, ...(limits ? { limits } : {}) });
  expect(result, JSON.stringify(op)).toMatchObject({ ok: true });
  return result.ok ? result.inverse : [];
}

/** Applies ops that must all succeed. */
export function applyAll(board: Board, ops: BoardOp[], limits?: BoardLimits): void {
  for (const op of ops) applyOk(board, op, limits);
}

/**
 * Applies an op that must be refused with `code`, and checks that the board and its revision are
 * exactly as they were.
 */
export function expectRefused(
  board: Board,
  op: BoardOp,
  code: RoomErrorCode,
  limits?: BoardLimits,
): ApplyResult {
  const before = board.toSnapshot();
  const revision = board.revision;

  const result = board.apply(op, { withInverse: true, ...(limits ? { limits } : {}) });

  expect(result).toMatchObject({ ok: false, code });
  expect(board.toSnapshot()).toStrictEqual(before);
  expect(board.revision).toBe(revision);
  return result;
}

/**
 * Applies an op, then its inverse, and checks that the board is back where it was; returns the
 * snapshot taken right after the op.
 */
export function expectUndoable(board: Board, op: BoardOp): ReturnType<Board['toSnapshot']> {
  const before = board.toSnapshot();

  const inverse = applyOk(board, op);
  const after = board.toSnapshot();
  applyAll(board, inverse);

  expect(board.toSnapshot()).toStrictEqual(before);
  return after;
}

/** mulberry32: a tiny seeded PRNG, good enough to drive a fuzz test reproducibly. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
