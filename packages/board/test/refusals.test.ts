import { describe, expect, it } from 'vitest';
import type { BoardOp, Element, RoomErrorCode } from '@whiteroom/protocol';
import type { BoardLimits } from '../src/index.js';
import { expectRefused, pencil, rect, richBoard } from './helpers.js';

const tight: BoardLimits = { maxElementsPerPage: 4, maxPointsPerStroke: 2, maxPagesPerRoom: 7 };

const refused: [string, BoardOp, RoomErrorCode, BoardLimits?][] = [
  [
    'addElement on no page',
    { type: 'addElement', scenePath: '/nope', element: rect('n') },
    'sceneNotFound',
  ],
  [
    'addElement of an existing id',
    { type: 'addElement', scenePath: '/b', element: rect('t2') },
    'elementExists',
  ],
  [
    'addElement of an invalid element',
    { type: 'addElement', scenePath: '/b', element: { id: 'n' } as Element },
    'invalidChange',
  ],
  [
    'addElement on a full page',
    { type: 'addElement', scenePath: '/init', element: rect('n') },
    'limitExceeded',
    tight,
  ],
  [
    'addElement of a long stroke',
    { type: 'addElement', scenePath: '/b', element: pencil('n', [0, 0, 0, 1, 1, 1, 2, 2, 2]) },
    'limitExceeded',
    tight,
  ],
  [
    'updateElement of no element',
    { type: 'updateElement', id: 'nope', patch: { x: 1 } },
    'elementNotFound',
  ],
  [
    'updateElement of the type',
    { type: 'updateElement', id: 'r1', patch: { type: 'ellipse' } },
    'invalidChange',
  ],
  [
    'updateElement to an invalid element',
    { type: 'updateElement', id: 'r1', patch: { x: 1, height: -1 } },
    'invalidChange',
  ],
  [
    'appendPoints to no element',
    { type: 'appendPoints', id: 'nope', points: [1, 1, 1] },
    'elementNotFound',
  ],
  [
    'appendPoints to a rectangle',
    { type: 'appendPoints', id: 'r1', points: [1, 1, 1] },
    'invalidChange',
  ],
  [
    'appendPoints past the stroke limit',
    { type: 'appendPoints', id: 'p1', points: [1, 1, 1] },
    'limitExceeded',
    tight,
  ],
  [
    'removeElements with one unknown',
    { type: 'removeElements', ids: ['r1', 'nope'] },
    'elementNotFound',
  ],
  [
    'reorderElement of no element',
    { type: 'reorderElement', id: 'nope', index: 0 },
    'elementNotFound',
  ],
  ['cleanScene of no page', { type: 'cleanScene', scenePath: '/lesson' }, 'sceneNotFound'],
  [
    'putScenes of an existing page',
    { type: 'putScenes', dir: '/lesson', scenes: [{ name: 'x' }, { name: 'one' }] },
    'sceneExists',
  ],
  [
    'putScenes over a folder',
    { type: 'putScenes', dir: '/lesson', scenes: [{ name: 'extra' }] },
    'sceneExists',
  ],
  [
    'putScenes past the page limit',
    { type: 'putScenes', dir: '/', scenes: [{ name: 'c' }] },
    'limitExceeded',
    tight,
  ],
  ['removeScenes of nothing', { type: 'removeScenes', path: '/lesson/nope' }, 'sceneNotFound'],
  ['removeScenes of everything', { type: 'removeScenes', path: '/' }, 'invalidChange'],
  ['moveScene of no page', { type: 'moveScene', path: '/lesson/extra', index: 0 }, 'sceneNotFound'],
  ['setScenePath to no page', { type: 'setScenePath', path: '/c' }, 'sceneNotFound'],
];

describe('a refused change', () => {
  it.each(refused)('(%s) leaves the board and its revision as they were', (_, op, code, limits) => {
    expectRefused(richBoard(), op, code, limits);
  });

  it('carries a message', () => {
    const result = richBoard().apply({ type: 'setScenePath', path: '/c' });

    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('/c') });
  });
});
