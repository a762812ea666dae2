import { describe, expect, it } from 'vitest';
import { Board, allPagePaths, joinPath, splitPath } from '../src/index.js';
import { applyAll, image, pencil, rect, text } from './helpers.js';

describe('a new board', () => {
  it('has one empty page /init, which is the current page', () => {
    const board = new Board();

    expect(board.pagePaths()).toEqual(['/init']);
    expect(board.scenePath).toBe('/init');
    expect(board.getElements()).toEqual([]);
    expect(board.globalState).toEqual({});
    expect(board.revision).toBe(0);
  });

  it('has a snapshot with the root folder, the empty page and no global state', () => {
    expect(new Board().toSnapshot()).toStrictEqual({
      version: 1,
      scenes: { '/': [{ name: 'init' }] },
      pages: { '/init': { order: [], elements: {} } },
      scenePath: '/init',
      globalState: {},
    });
  });
});

describe('snapshots', () => {
  it('give back an equal snapshot when a board is made from one', () => {
    const board = new Board();

    expect(new Board(board.toSnapshot()).toSnapshot()).toStrictEqual(board.toSnapshot());
  });

  it('keep pages, folders, elements, their order, the current page and the global state', () => {
    const board = new Board();
    applyAll(board, [
      { type: 'addElement', scenePath: '/init', element: rect('r1') },
      { type: 'addElement', scenePath: '/init', element: text('t1'), index: 0 },
      { type: 'putScenes', dir: '/lesson', scenes: [{ name: 'one' }, { name: 'two' }] },
      { type: 'addElement', scenePath: '/lesson/two', element: pencil('p1', [1, 2, 0.5]) },
      { type: 'addElement', scenePath: '/lesson/two', element: image('i1') },
      { type: 'setScenePath', path: '/lesson/two' },
      { type: 'setGlobalState', patch: { tool: 'pencil', nested: { a: [1, 2] } } },
    ]);

    const copy = new Board(board.toSnapshot());

    expect(copy.toSnapshot()).toStrictEqual(board.toSnapshot());
    expect(copy.getElements('/init').map((element) => element.id)).toEqual(['t1', 'r1']);
    expect(copy.getElements().map((element) => element.id)).toEqual(['p1', 'i1']);
    expect(copy.pageOf('p1')).toBe('/lesson/two');
    expect(copy.pagePaths()).toEqual(board.pagePaths());
  });

  it('survive JSON', () => {
    const board = new Board();
    applyAll(board, [
      {
        type: 'putScenes',
        dir: '/',
        scenes: [{ name: 'a', ppt: { src: 'x.png', width: 4, height: 3 } }],
      },
      { type: 'addElement', scenePath: '/a', element: rect('r1', { fillColor: [1, 2, 3] }) },
    ]);

    const copy = new Board(JSON.parse(JSON.stringify(board.toSnapshot())));

    expect(copy.toSnapshot()).toStrictEqual(board.toSnapshot());
  });

  it('are copies: changing one does not change the board', () => {
    const board = new Board();
    applyAll(board, [{ type: 'addElement', scenePath: '/init', element: rect('r1') }]);

    const snapshot = board.toSnapshot();
    snapshot.pages['/init']?.order.push('ghost');
    (snapshot.scenes['/'] ?? []).push({ name: 'ghost' });
    snapshot.globalState.ghost = true;

    expect(board.toSnapshot()).toStrictEqual(new Board(board.toSnapshot()).toSnapshot());
    expect(board.pagePaths()).toEqual(['/init']);
    expect(board.getElements().map((element) => element.id)).toEqual(['r1']);
    expect(board.globalState).toEqual({});
  });

  it('are not shared with the board made from them', () => {
    const snapshot = new Board().toSnapshot();
    const board = new Board(snapshot);

    snapshot.scenes['/']?.push({ name: 'ghost' });

    expect(board.pagePaths()).toEqual(['/init']);
  });
});

describe('revision', () => {
  it('grows by one with every applied change', () => {
    const board = new Board();

    applyAll(board, [
      { type: 'addElement', scenePath: '/init', element: rect('r1') },
      { type: 'setGlobalState', patch: { a: 1 } },
    ]);

    expect(board.revision).toBe(2);
  });
});

describe('sceneState', () => {
  it('describes the root folder for a page at the root', () => {
    const board = new Board();
    applyAll(board, [{ type: 'putScenes', dir: '/', scenes: [{ name: 'second' }] }]);

    expect(board.sceneState()).toStrictEqual({
      scenePath: '/init',
      contextPath: '/',
      scenes: [{ name: 'init' }, { name: 'second' }],
      index: 0,
    });
  });

  it('describes the folder of a page in a folder, with the page index there', () => {
    const board = new Board();
    applyAll(board, [
      { type: 'putScenes', dir: '/lesson', scenes: [{ name: 'one' }, { name: 'two' }] },
      { type: 'putScenes', dir: '/lesson/extra', scenes: [{ name: 'deep' }] },
      { type: 'setScenePath', path: '/lesson/two' },
    ]);

    expect(board.sceneState()).toStrictEqual({
      scenePath: '/lesson/two',
      contextPath: '/lesson',
      scenes: [{ name: 'one' }, { name: 'two' }],
      index: 1,
    });
  });

  it('follows a page moved within its folder', () => {
    const board = new Board();
    applyAll(board, [
      { type: 'putScenes', dir: '/', scenes: [{ name: 'a' }, { name: 'b' }] },
      { type: 'moveScene', path: '/init', index: 2 },
    ]);

    expect(board.sceneState()).toMatchObject({ scenePath: '/init', index: 2 });
  });

  it('returns a copy of the folder scenes', () => {
    const board = new Board();

    board.sceneState().scenes.push({ name: 'ghost' });

    expect(board.sceneState().scenes).toEqual([{ name: 'init' }]);
  });
});

describe('scenesOf', () => {
  it('lists the pages of a folder, nothing for a folder holding only folders, undefined otherwise', () => {
    const board = new Board();
    applyAll(board, [{ type: 'putScenes', dir: '/a/b', scenes: [{ name: 'c' }] }]);

    expect(board.scenesOf('/a/b')).toEqual([{ name: 'c' }]);
    expect(board.scenesOf('/a')).toEqual([]);
    expect(board.scenesOf('/nope')).toBeUndefined();
  });
});

describe('scene paths', () => {
  it('joins a name onto the root and onto a folder', () => {
    expect(joinPath('/', 'a')).toBe('/a');
    expect(joinPath('/a/b', 'c')).toBe('/a/b/c');
  });

  it('splits a path into its folder and its name', () => {
    expect(splitPath('/a')).toEqual({ dir: '/', name: 'a' });
    expect(splitPath('/a/b/c')).toEqual({ dir: '/a/b', name: 'c' });
  });

  it('lists every page, folder by folder', () => {
    expect(allPagePaths({ '/': [{ name: 'init' }], '/x': [{ name: 'a' }, { name: 'b' }] })).toEqual(
      ['/init', '/x/a', '/x/b'],
    );
  });
});
