import { describe, expect, it } from 'vitest';
import type { BoardOp, Element } from '@whiteroom/protocol';
import { Board } from '../src/index.js';
import { applyAll, applyOk, arrow, expectRefused, image, pencil, rect, text } from './helpers.js';

function ids(board: Board, scenePath?: string): string[] {
  return board.getElements(scenePath).map((element) => element.id);
}

/** A board with `r1`, `r2`, `r3` on /init, bottom to top. */
function boardWithThree(): Board {
  const board = new Board();
  applyAll(
    board,
    ['r1', 'r2', 'r3'].map((id) => ({ type: 'addElement', scenePath: '/init', element: rect(id) })),
  );
  return board;
}

describe('addElement', () => {
  it('puts the element on top when no index is given', () => {
    const board = boardWithThree();

    applyOk(board, { type: 'addElement', scenePath: '/init', element: text('t') });

    expect(ids(board)).toEqual(['r1', 'r2', 'r3', 't']);
    expect(board.getElement('t')).toEqual(text('t'));
    expect(board.pageOf('t')).toBe('/init');
  });

  it('puts the element at the index given', () => {
    const board = boardWithThree();

    applyOk(board, { type: 'addElement', scenePath: '/init', element: text('t'), index: 1 });

    expect(ids(board)).toEqual(['r1', 't', 'r2', 'r3']);
  });

  it('puts the element on top when the index is past the top', () => {
    const board = boardWithThree();

    applyOk(board, { type: 'addElement', scenePath: '/init', element: text('t'), index: 99 });

    expect(ids(board)).toEqual(['r1', 'r2', 'r3', 't']);
  });

  it('adds to a page that is not the current one', () => {
    const board = new Board();
    applyAll(board, [{ type: 'putScenes', dir: '/', scenes: [{ name: 'other' }] }]);

    applyOk(board, { type: 'addElement', scenePath: '/other', element: arrow('a') });

    expect(ids(board)).toEqual([]);
    expect(ids(board, '/other')).toEqual(['a']);
  });

  it('keeps its own copy of the element', () => {
    const board = new Board();
    const element = rect('r1');

    applyOk(board, { type: 'addElement', scenePath: '/init', element });
    element.x = 999;
    element.strokeColor[0] = 255;

    expect(board.getElement('r1')).toEqual(rect('r1'));
  });

  it('refuses a page that does not exist with sceneNotFound', () => {
    expectRefused(
      new Board(),
      { type: 'addElement', scenePath: '/nope', element: rect('r1') },
      'sceneNotFound',
    );
  });

  it('refuses an id already on the board with elementExists, even on another page', () => {
    const board = boardWithThree();
    applyAll(board, [{ type: 'putScenes', dir: '/', scenes: [{ name: 'other' }] }]);

    expectRefused(
      board,
      { type: 'addElement', scenePath: '/other', element: text('r2') },
      'elementExists',
    );
  });

  it('refuses an element that breaks its schema with invalidChange', () => {
    const invalid: Element[] = [
      rect('r1', { strokeWidth: 0 }),
      rect('r1', { strokeColor: [300, 0, 0] }),
      text('t1', { text: 'x'.repeat(10_001) }),
      image('i1', { src: '' }),
      { ...rect('r1'), points: [0, 0, 0] } as unknown as Element,
      { ...rect('r1'), type: 'hexagon' } as unknown as Element,
      { ...rect('bad id!') },
    ];

    for (const element of invalid) {
      expectRefused(
        new Board(),
        { type: 'addElement', scenePath: '/init', element },
        'invalidChange',
      );
    }
  });

  it('refuses a pencil stroke whose points are not in threes with invalidChange', () => {
    expectRefused(
      new Board(),
      { type: 'addElement', scenePath: '/init', element: pencil('p', [0, 0, 0.5, 1]) },
      'invalidChange',
    );
  });
});

describe('updateElement', () => {
  it('merges the patch into the element', () => {
    const board = boardWithThree();

    applyOk(board, { type: 'updateElement', id: 'r2', patch: { x: 1, fillColor: [9, 9, 9] } });

    expect(board.getElement('r2')).toEqual({ ...rect('r2'), x: 1, fillColor: [9, 9, 9] });
    expect(ids(board)).toEqual(['r1', 'r2', 'r3']);
  });

  it('removes an optional property set to null', () => {
    const board = new Board();
    applyAll(board, [
      { type: 'addElement', scenePath: '/init', element: rect('r', { fillColor: [1, 1, 1] }) },
    ]);

    applyOk(board, { type: 'updateElement', id: 'r', patch: { fillColor: null } });

    expect(board.getElement('r')).toStrictEqual(rect('r'));
  });

  it('refuses to change the id', () => {
    const board = boardWithThree();

    expectRefused(board, { type: 'updateElement', id: 'r1', patch: { id: 'r9' } }, 'invalidChange');
    expect(board.getElement('r1')).toEqual(rect('r1'));
  });

  it('refuses to change the type', () => {
    const board = boardWithThree();

    expectRefused(
      board,
      { type: 'updateElement', id: 'r1', patch: { x: 3, type: 'ellipse' } },
      'invalidChange',
    );
  });

  it('refuses a patch that makes the element invalid and leaves the element intact', () => {
    const board = boardWithThree();
    const patches: Record<string, unknown>[] = [
      { width: null },
      { strokeWidth: 0 },
      { text: 'not on a rectangle' },
      { x: 'left' },
      { x: 5, opacity: 2 },
    ];

    for (const patch of patches) {
      expectRefused(board, { type: 'updateElement', id: 'r2', patch }, 'invalidChange');
      expect(board.getElement('r2')).toEqual(rect('r2'));
    }
  });

  it('refuses an unknown element with elementNotFound', () => {
    expectRefused(
      boardWithThree(),
      { type: 'updateElement', id: 'nope', patch: { x: 1 } },
      'elementNotFound',
    );
  });

  it('answers a patch key named like an Object.prototype member without throwing', () => {
    const board = boardWithThree();
    const before = board.toSnapshot();

    board.apply(
      { type: 'updateElement', id: 'r1', patch: { constructor: null } },
      { withInverse: true },
    );

    expect(board.toSnapshot()).toStrictEqual(before);
  });

  it('refuses pencil points that are not in threes', () => {
    const board = new Board();
    applyAll(board, [{ type: 'addElement', scenePath: '/init', element: pencil('p') }]);

    expectRefused(
      board,
      { type: 'updateElement', id: 'p', patch: { points: [1, 2] } },
      'invalidChange',
    );
  });
});

describe('appendPoints', () => {
  it('grows a pencil stroke', () => {
    const board = new Board();
    applyAll(board, [{ type: 'addElement', scenePath: '/init', element: pencil('p', [0, 0, 1]) }]);

    applyOk(board, { type: 'appendPoints', id: 'p', points: [1, 1, 0.5, 2, 2, 0.25] });

    expect(board.getElement('p')).toMatchObject({ points: [0, 0, 1, 1, 1, 0.5, 2, 2, 0.25] });
  });

  it('refuses an element that is not a pencil stroke with invalidChange', () => {
    expectRefused(
      boardWithThree(),
      { type: 'appendPoints', id: 'r1', points: [1, 1, 1] },
      'invalidChange',
    );
  });

  it('refuses points that are not in threes with invalidChange', () => {
    const board = new Board();
    applyAll(board, [{ type: 'addElement', scenePath: '/init', element: pencil('p') }]);

    expectRefused(board, { type: 'appendPoints', id: 'p', points: [1, 1] }, 'invalidChange');
  });

  it('refuses an unknown element with elementNotFound', () => {
    expectRefused(
      new Board(),
      { type: 'appendPoints', id: 'nope', points: [1, 1, 1] },
      'elementNotFound',
    );
  });

  it('refuses points outside the coordinate range, as addElement does', () => {
    const board = new Board();
    applyAll(board, [{ type: 'addElement', scenePath: '/init', element: pencil('p') }]);

    expectRefused(board, { type: 'appendPoints', id: 'p', points: [1e9, 0, 0] }, 'invalidChange');
  });
});

describe('removeElements', () => {
  it('removes the elements named, from any page', () => {
    const board = boardWithThree();
    applyAll(board, [
      { type: 'putScenes', dir: '/', scenes: [{ name: 'other' }] },
      { type: 'addElement', scenePath: '/other', element: text('t') },
    ]);

    applyOk(board, { type: 'removeElements', ids: ['r2', 't'] });

    expect(ids(board)).toEqual(['r1', 'r3']);
    expect(ids(board, '/other')).toEqual([]);
    expect(board.getElement('t')).toBeUndefined();
    expect(board.pageOf('r2')).toBeUndefined();
  });

  it('removes an element named twice once', () => {
    const board = boardWithThree();

    applyOk(board, { type: 'removeElements', ids: ['r2', 'r2'] });

    expect(ids(board)).toEqual(['r1', 'r3']);
  });

  it('refuses an unknown id with elementNotFound and removes nothing', () => {
    const board = boardWithThree();

    expectRefused(board, { type: 'removeElements', ids: ['r1', 'nope', 'r3'] }, 'elementNotFound');
    expect(ids(board)).toEqual(['r1', 'r2', 'r3']);
  });

  it('frees the id for a new element', () => {
    const board = boardWithThree();
    applyAll(board, [{ type: 'removeElements', ids: ['r1'] }]);

    applyOk(board, { type: 'addElement', scenePath: '/init', element: text('r1') });

    expect(ids(board)).toEqual(['r2', 'r3', 'r1']);
  });
});

describe('reorderElement', () => {
  const cases: [string, number, string[]][] = [
    ['r1', 2, ['r2', 'r3', 'r1']],
    ['r3', 0, ['r3', 'r1', 'r2']],
    ['r1', 1, ['r2', 'r1', 'r3']],
    ['r2', 2, ['r1', 'r3', 'r2']],
    ['r2', 99, ['r1', 'r3', 'r2']],
    ['r2', 1, ['r1', 'r2', 'r3']],
  ];

  it.each(cases)('moves %s to index %i of its page', (id, index, order) => {
    const board = boardWithThree();

    applyOk(board, { type: 'reorderElement', id, index });

    expect(ids(board)).toEqual(order);
  });

  it('refuses an unknown element with elementNotFound', () => {
    expectRefused(
      boardWithThree(),
      { type: 'reorderElement', id: 'nope', index: 0 },
      'elementNotFound',
    );
  });
});

describe('cleanScene', () => {
  function boardWithImages(): Board {
    const board = new Board();
    const elements = [image('i1'), rect('r1'), pencil('p1'), image('i2'), text('t1')];
    applyAll(
      board,
      elements.map((element): BoardOp => ({ type: 'addElement', scenePath: '/init', element })),
    );
    return board;
  }

  it('removes every element of the page', () => {
    const board = boardWithImages();

    applyOk(board, { type: 'cleanScene', scenePath: '/init' });

    expect(ids(board)).toEqual([]);
    expect(board.getElement('i1')).toBeUndefined();
  });

  it('keeps the images, in their order, when asked to', () => {
    const board = boardWithImages();

    applyOk(board, { type: 'cleanScene', scenePath: '/init', retainImages: true });

    expect(ids(board)).toEqual(['i1', 'i2']);
    expect(board.getElement('r1')).toBeUndefined();
  });

  it('leaves other pages alone', () => {
    const board = boardWithImages();
    applyAll(board, [
      { type: 'putScenes', dir: '/', scenes: [{ name: 'other' }] },
      { type: 'addElement', scenePath: '/other', element: rect('keep') },
    ]);

    applyOk(board, { type: 'cleanScene', scenePath: '/init' });

    expect(ids(board, '/other')).toEqual(['keep']);
  });

  it('refuses a page that does not exist with sceneNotFound', () => {
    expectRefused(new Board(), { type: 'cleanScene', scenePath: '/nope' }, 'sceneNotFound');
  });
});
