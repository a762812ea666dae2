import { describe, expect, it } from 'vitest';
import type { BoardOp } from '@whiteroom/protocol';
import { Board } from '../src/index.js';
import { applyAll, applyOk, expectUndoable, rect, richBoard, text } from './helpers.js';

const ops: [string, BoardOp][] = [
  ['addElement on top', { type: 'addElement', scenePath: '/init', element: text('new') }],
  [
    'addElement at an index',
    { type: 'addElement', scenePath: '/init', element: text('new'), index: 1 },
  ],
  ['addElement on an empty page', { type: 'addElement', scenePath: '/b', element: rect('new') }],
  ['updateElement merging', { type: 'updateElement', id: 'r1', patch: { x: -5, opacity: 0.5 } }],
  [
    'updateElement removing a property',
    { type: 'updateElement', id: 'r1', patch: { fillColor: null } },
  ],
  [
    'updateElement replacing points',
    { type: 'updateElement', id: 'p1', patch: { points: [9, 9, 9] } },
  ],
  ['appendPoints', { type: 'appendPoints', id: 'p1', points: [7, 7, 0.1, 8, 8, 0.2] }],
  ['removeElements of one', { type: 'removeElements', ids: ['i1'] }],
  [
    'removeElements across pages and stacking positions',
    { type: 'removeElements', ids: ['t1', 'r1', 'r3', 't2', 'i2', 'r4', 'p1'] },
  ],
  ['reorderElement to the bottom', { type: 'reorderElement', id: 't1', index: 0 }],
  ['reorderElement to the top', { type: 'reorderElement', id: 'r1', index: 3 }],
  ['cleanScene', { type: 'cleanScene', scenePath: '/init' }],
  [
    'cleanScene keeping images',
    { type: 'cleanScene', scenePath: '/lesson/two', retainImages: true },
  ],
  ['cleanScene of an empty page', { type: 'cleanScene', scenePath: '/b' }],
  ['putScenes into the root', { type: 'putScenes', dir: '/', scenes: [{ name: 'c' }], index: 0 }],
  [
    'putScenes into a folder',
    { type: 'putScenes', dir: '/lesson', scenes: [{ name: 'x' }, { name: 'y' }], index: 1 },
  ],
  [
    'putScenes into a new folder',
    { type: 'putScenes', dir: '/new/deeper', scenes: [{ name: 'x' }] },
  ],
  ['removeScenes of a page with elements', { type: 'removeScenes', path: '/a' }],
  ['removeScenes of the current page', { type: 'removeScenes', path: '/lesson/two' }],
  ['removeScenes of the first page of the root', { type: 'removeScenes', path: '/init' }],
  ['removeScenes of a folder holding the current page', { type: 'removeScenes', path: '/lesson' }],
  ['removeScenes of a subfolder', { type: 'removeScenes', path: '/lesson/extra' }],
  ['moveScene forwards', { type: 'moveScene', path: '/lesson/one', index: 2 }],
  ['moveScene backwards', { type: 'moveScene', path: '/b', index: 0 }],
  ['setScenePath', { type: 'setScenePath', path: '/lesson/extra/deep' }],
  [
    'setGlobalState',
    { type: 'setGlobalState', patch: { tool: null, nested: { b: 2 }, fresh: [1] } },
  ],
];

describe('inverses', () => {
  it.each(ops)('undo %s', (_, op) => {
    expectUndoable(richBoard(), op);
  });

  it.each(ops)('let %s be redone to the same board', (_, op) => {
    const board = richBoard();

    const after = expectUndoable(board, op);
    applyOk(board, op);

    expect(board.toSnapshot()).toStrictEqual(after);
  });

  it('undo removing a folder whose pages are spread through the order of folders', () => {
    const board = richBoard();
    applyAll(board, [
      { type: 'putScenes', dir: '/lesson', scenes: [{ name: 'late' }], index: 0 },
      { type: 'addElement', scenePath: '/lesson/late', element: rect('late-r') },
      { type: 'moveScene', path: '/lesson/three', index: 0 },
      { type: 'setScenePath', path: '/lesson/extra/deep' },
    ]);

    expectUndoable(board, { type: 'removeScenes', path: '/lesson' });
  });

  it('undo a chain of changes when the inverses are applied newest first', () => {
    const board = richBoard();
    const before = board.toSnapshot();
    const inverses = ops.map(([, op]) => board.apply(op, { withInverse: true }));

    for (const result of inverses.reverse()) {
      if (result.ok) applyAll(board, result.inverse);
    }

    expect(board.toSnapshot()).toStrictEqual(before);
  });

  it('undo removing the last root page without changing what later changes do', () => {
    const board = new Board();
    applyAll(board, [
      { type: 'putScenes', dir: '/b', scenes: [{ name: 'p' }] },
      { type: 'putScenes', dir: '/c', scenes: [{ name: 'q' }] },
      { type: 'setScenePath', path: '/c/q' },
    ]);
    const untouched = new Board(board.toSnapshot());

    applyAll(board, applyOk(board, { type: 'removeScenes', path: '/init' }));
    applyOk(board, { type: 'removeScenes', path: '/c' });
    applyOk(untouched, { type: 'removeScenes', path: '/c' });

    expect(board.scenePath).toBe(untouched.scenePath);
    expect(board.pagePaths()).toEqual(untouched.pagePaths());
  });

  it('are empty when not asked for', () => {
    const board = richBoard();

    const result = board.apply({ type: 'removeElements', ids: ['r1'] });

    expect(result).toStrictEqual({ ok: true, inverse: [] });
  });
});
