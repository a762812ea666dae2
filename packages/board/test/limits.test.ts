import { describe, expect, it } from 'vitest';
import { Board, DEFAULT_BOARD_LIMITS, type BoardLimits } from '../src/index.js';
import { applyAll, applyOk, expectRefused, pencil, rect } from './helpers.js';

const limits: BoardLimits = { maxElementsPerPage: 3, maxPointsPerStroke: 4, maxPagesPerRoom: 3 };

describe('limits', () => {
  it('default to 20,000 elements per page, 20,000 points per stroke and 500 pages', () => {
    expect(DEFAULT_BOARD_LIMITS).toEqual({
      maxElementsPerPage: 20_000,
      maxPointsPerStroke: 20_000,
      maxPagesPerRoom: 500,
    });
  });

  it('let a page fill up to maxElementsPerPage and refuse one more with limitExceeded', () => {
    const board = new Board();
    applyAll(
      board,
      ['a', 'b', 'c'].map((id) => ({ type: 'addElement', scenePath: '/init', element: rect(id) })),
      limits,
    );

    expectRefused(
      board,
      { type: 'addElement', scenePath: '/init', element: rect('d') },
      'limitExceeded',
      limits,
    );
  });

  it('count elements per page, not per room', () => {
    const board = new Board();
    applyAll(
      board,
      [
        { type: 'putScenes', dir: '/', scenes: [{ name: 'other' }] },
        ...['a', 'b', 'c'].map((id) => ({
          type: 'addElement' as const,
          scenePath: '/init',
          element: rect(id),
        })),
      ],
      limits,
    );

    applyOk(board, { type: 'addElement', scenePath: '/other', element: rect('d') }, limits);
  });

  it('refuse a new stroke past maxPointsPerStroke with limitExceeded', () => {
    const board = new Board();
    applyOk(
      board,
      { type: 'addElement', scenePath: '/init', element: pencil('ok', Array(12).fill(0)) },
      limits,
    );

    expectRefused(
      board,
      { type: 'addElement', scenePath: '/init', element: pencil('p', Array(15).fill(0)) },
      'limitExceeded',
      limits,
    );
  });

  it('refuse appending points past maxPointsPerStroke with limitExceeded', () => {
    const board = new Board();
    applyAll(
      board,
      [
        { type: 'addElement', scenePath: '/init', element: pencil('p', Array(6).fill(0)) },
        { type: 'appendPoints', id: 'p', points: [1, 1, 1] },
      ],
      limits,
    );

    expectRefused(
      board,
      { type: 'appendPoints', id: 'p', points: [2, 2, 2, 3, 3, 3] },
      'limitExceeded',
      limits,
    );
    expect(board.getElement('p')).toMatchObject({ points: [0, 0, 0, 0, 0, 0, 1, 1, 1] });
  });

  it('refuse replacing the points of a stroke past maxPointsPerStroke with limitExceeded', () => {
    const board = new Board();
    applyAll(board, [{ type: 'addElement', scenePath: '/init', element: pencil('p') }], limits);

    expectRefused(
      board,
      { type: 'updateElement', id: 'p', patch: { points: Array(15).fill(0) } },
      'limitExceeded',
      limits,
    );
  });

  it('refuse pages past maxPagesPerRoom with limitExceeded', () => {
    const board = new Board();
    applyAll(board, [{ type: 'putScenes', dir: '/', scenes: [{ name: 'b' }] }], limits);

    expectRefused(
      board,
      { type: 'putScenes', dir: '/x', scenes: [{ name: 'c' }, { name: 'd' }] },
      'limitExceeded',
      limits,
    );
    applyOk(board, { type: 'putScenes', dir: '/x', scenes: [{ name: 'c' }] }, limits);
    expectRefused(
      board,
      { type: 'putScenes', dir: '/', scenes: [{ name: 'd' }] },
      'limitExceeded',
      limits,
    );
  });
});
