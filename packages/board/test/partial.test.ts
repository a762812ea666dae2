import { describe, expect, it } from 'vitest';
import { Board } from '../src/index.js';
import { applyAll, pencil, rect } from './helpers.js';

function twoPages(): Board {
  const board = new Board();
  applyAll(board, [
    { type: 'putScenes', dir: '/', scenes: [{ name: 'two' }] },
    { type: 'addElement', scenePath: '/init', element: rect('a') },
    { type: 'addElement', scenePath: '/two', element: pencil('b') },
  ]);
  return board;
}

describe('change scopes', () => {
  it('name the page an element change touches', () => {
    const board = twoPages();

    expect(board.scopeOf({ type: 'appendPoints', id: 'b', points: [1, 1, 1] })).toEqual({
      kind: 'page',
      path: '/two',
    });
    expect(board.scopeOf({ type: 'addElement', scenePath: '/init', element: rect('c') })).toEqual({
      kind: 'page',
      path: '/init',
    });
    expect(board.scopeOf({ type: 'cleanScene', scenePath: '/two' })).toEqual({
      kind: 'page',
      path: '/two',
    });
  });

  it('name every page a removal spans, and the structure for page and state changes', () => {
    const board = twoPages();

    expect(board.scopeOf({ type: 'removeElements', ids: ['a', 'b'] })).toEqual({
      kind: 'pages',
      paths: ['/init', '/two'],
    });
    expect(board.scopeOf({ type: 'setScenePath', path: '/two' })).toEqual({ kind: 'structure' });
    expect(board.scopeOf({ type: 'setGlobalState', patch: { a: 1 } })).toEqual({
      kind: 'structure',
    });
  });

  it('say elsewhere for elements the board does not hold', () => {
    expect(new Board().scopeOf({ type: 'updateElement', id: 'nope', patch: { x: 1 } })).toEqual({
      kind: 'elsewhere',
    });
  });
});

describe('boards holding some pages', () => {
  it('leave the other pages out of a snapshot limited to some pages', () => {
    const snapshot = twoPages().toSnapshot({ pages: ['/two'] });

    expect(Object.keys(snapshot.pages)).toEqual(['/two']);
    expect(new Board(snapshot).getElements('/init')).toEqual([]);
    expect(new Board(snapshot).getElements('/two').map((e) => e.id)).toEqual(['b']);
  });

  it('load a page from another board and show its elements', () => {
    const full = twoPages();
    const partial = new Board(full.toSnapshot({ pages: [] }));

    expect(partial.setPage('/two', full.pageSnapshot('/two') ?? { order: [], elements: {} })).toBe(
      true,
    );
    expect(partial.getElements('/two')).toEqual(full.getElements('/two'));
    expect(partial.pageOf('b')).toBe('/two');
  });

  it('refuse to load a page that does not exist or whose elements sit on another page', () => {
    const board = twoPages();

    expect(board.setPage('/missing', { order: [], elements: {} })).toBe(false);
    expect(board.setPage('/init', { order: ['b'], elements: { b: pencil('b') } })).toBe(false);
    expect(board.getElements('/init').map((e) => e.id)).toEqual(['a']);
  });

  it('remove the elements they hold when a removal names others too, if asked to', () => {
    const board = twoPages();

    const strict = board.apply({ type: 'removeElements', ids: ['a', 'gone'] });
    expect(strict.ok).toBe(false);
    const lenient = board.apply(
      { type: 'removeElements', ids: ['a', 'gone'] },
      { skipMissing: true },
    );
    expect(lenient.ok).toBe(true);
    expect(board.getElements('/init')).toEqual([]);
  });
});
