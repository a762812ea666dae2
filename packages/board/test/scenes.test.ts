import { describe, expect, it } from 'vitest';
import { Board } from '../src/index.js';
import { applyAll, applyOk, expectRefused, rect } from './helpers.js';

function names(board: Board, dir: string): string[] | undefined {
  return board.scenesOf(dir)?.map((scene) => scene.name);
}

/** Root: init, a, b; /lesson: one, two, three; current page /init. */
function boardWithLesson(): Board {
  const board = new Board();
  applyAll(board, [
    { type: 'putScenes', dir: '/', scenes: [{ name: 'a' }, { name: 'b' }] },
    {
      type: 'putScenes',
      dir: '/lesson',
      scenes: [{ name: 'one' }, { name: 'two' }, { name: 'three' }],
    },
  ]);
  return board;
}

describe('putScenes', () => {
  it('adds pages at the end of the root folder', () => {
    const board = new Board();

    applyOk(board, { type: 'putScenes', dir: '/', scenes: [{ name: 'a' }, { name: 'b' }] });

    expect(board.pagePaths()).toEqual(['/init', '/a', '/b']);
    expect(board.getElements('/a')).toEqual([]);
    expect(board.scenePath).toBe('/init');
  });

  it('makes a folder for pages put into it', () => {
    const board = new Board();

    applyOk(board, { type: 'putScenes', dir: '/lesson', scenes: [{ name: 'one' }] });

    expect(names(board, '/lesson')).toEqual(['one']);
    expect(board.pagePaths()).toEqual(['/init', '/lesson/one']);
  });

  it('adds pages at the index given', () => {
    const board = boardWithLesson();

    applyOk(board, {
      type: 'putScenes',
      dir: '/lesson',
      scenes: [{ name: 'x' }, { name: 'y' }],
      index: 1,
    });

    expect(names(board, '/lesson')).toEqual(['one', 'x', 'y', 'two', 'three']);
  });

  it('keeps the background of a page', () => {
    const board = new Board();
    const ppt = { src: 'https://example.test/1.png', width: 1280, height: 720 };

    applyOk(board, { type: 'putScenes', dir: '/', scenes: [{ name: 'doc', ppt }] });

    expect(board.scenesOf('/')).toEqual([{ name: 'init' }, { name: 'doc', ppt }]);
  });

  it('refuses a page that exists with sceneExists', () => {
    expectRefused(
      boardWithLesson(),
      { type: 'putScenes', dir: '/lesson', scenes: [{ name: 'new' }, { name: 'two' }] },
      'sceneExists',
    );
  });

  it('refuses the same name twice in one change with sceneExists', () => {
    expectRefused(
      new Board(),
      { type: 'putScenes', dir: '/', scenes: [{ name: 'x' }, { name: 'x' }] },
      'sceneExists',
    );
  });

  it('refuses a page whose path is a folder with sceneExists', () => {
    expectRefused(
      boardWithLesson(),
      { type: 'putScenes', dir: '/', scenes: [{ name: 'lesson' }] },
      'sceneExists',
    );
  });

  it('refuses a page whose path is a folder holding only folders with sceneExists', () => {
    const board = new Board();
    applyAll(board, [{ type: 'putScenes', dir: '/a/b', scenes: [{ name: 'c' }] }]);

    expectRefused(board, { type: 'putScenes', dir: '/', scenes: [{ name: 'a' }] }, 'sceneExists');
  });

  it('refuses pages under a path that is a page with sceneExists', () => {
    const board = boardWithLesson();

    expectRefused(
      board,
      { type: 'putScenes', dir: '/init', scenes: [{ name: 'x' }] },
      'sceneExists',
    );
    expectRefused(
      board,
      { type: 'putScenes', dir: '/lesson/two/deeper', scenes: [{ name: 'x' }] },
      'sceneExists',
    );
  });
});

describe('removeScenes', () => {
  it('removes a page and its elements', () => {
    const board = boardWithLesson();
    applyAll(board, [{ type: 'addElement', scenePath: '/a', element: rect('r1') }]);

    applyOk(board, { type: 'removeScenes', path: '/a' });

    expect(board.pagePaths()).toEqual([
      '/init',
      '/b',
      '/lesson/one',
      '/lesson/two',
      '/lesson/three',
    ]);
    expect(board.getElement('r1')).toBeUndefined();
    expect(board.getElements('/a')).toEqual([]);
  });

  it('removes a folder with every page and folder under it', () => {
    const board = boardWithLesson();
    applyAll(board, [
      { type: 'putScenes', dir: '/lesson/extra', scenes: [{ name: 'deep' }] },
      { type: 'putScenes', dir: '/lessons', scenes: [{ name: 'other' }] },
      { type: 'addElement', scenePath: '/lesson/extra/deep', element: rect('r1') },
    ]);

    applyOk(board, { type: 'removeScenes', path: '/lesson' });

    expect(board.pagePaths()).toEqual(['/init', '/a', '/b', '/lessons/other']);
    expect(board.scenesOf('/lesson')).toBeUndefined();
    expect(board.scenesOf('/lesson/extra')).toBeUndefined();
    expect(board.getElement('r1')).toBeUndefined();
  });

  it('forgets a folder once its last page is removed', () => {
    const board = new Board();
    applyAll(board, [{ type: 'putScenes', dir: '/solo', scenes: [{ name: 'only' }] }]);

    applyOk(board, { type: 'removeScenes', path: '/solo/only' });

    expect(board.scenesOf('/solo')).toBeUndefined();
    applyOk(board, { type: 'putScenes', dir: '/', scenes: [{ name: 'solo' }] });
  });

  it('refuses to remove the last page with invalidChange', () => {
    expectRefused(new Board(), { type: 'removeScenes', path: '/init' }, 'invalidChange');
  });

  it('refuses to remove the root folder with invalidChange', () => {
    expectRefused(boardWithLesson(), { type: 'removeScenes', path: '/' }, 'invalidChange');
  });

  it('refuses to remove a folder holding every page with invalidChange', () => {
    const board = new Board();
    applyAll(board, [
      { type: 'putScenes', dir: '/x', scenes: [{ name: 'a' }] },
      { type: 'setScenePath', path: '/x/a' },
      { type: 'removeScenes', path: '/init' },
    ]);

    expectRefused(board, { type: 'removeScenes', path: '/x' }, 'invalidChange');
  });

  it('refuses a path that is neither page nor folder with sceneNotFound', () => {
    const board = boardWithLesson();

    expectRefused(board, { type: 'removeScenes', path: '/nope' }, 'sceneNotFound');
    expectRefused(board, { type: 'removeScenes', path: '/less' }, 'sceneNotFound');
  });

  it('moves the current page to the next page of its folder when it is removed', () => {
    const board = boardWithLesson();
    applyAll(board, [{ type: 'setScenePath', path: '/lesson/two' }]);

    applyOk(board, { type: 'removeScenes', path: '/lesson/two' });

    expect(board.scenePath).toBe('/lesson/three');
  });

  it('moves the current page to the previous page when the last of its folder is removed', () => {
    const board = boardWithLesson();
    applyAll(board, [{ type: 'setScenePath', path: '/lesson/three' }]);

    applyOk(board, { type: 'removeScenes', path: '/lesson/three' });

    expect(board.scenePath).toBe('/lesson/two');
  });

  it('moves the current page to the first page when its whole folder is removed', () => {
    const board = boardWithLesson();
    applyAll(board, [{ type: 'setScenePath', path: '/lesson/two' }]);

    applyOk(board, { type: 'removeScenes', path: '/lesson' });

    expect(board.scenePath).toBe('/init');
  });

  it('leaves the current page alone when another page is removed', () => {
    const board = boardWithLesson();
    applyAll(board, [{ type: 'setScenePath', path: '/b' }]);

    applyOk(board, { type: 'removeScenes', path: '/a' });

    expect(board.scenePath).toBe('/b');
    expect(board.sceneState().index).toBe(1);
  });
});

describe('moveScene', () => {
  it('moves a page within its folder', () => {
    const board = boardWithLesson();

    applyOk(board, { type: 'moveScene', path: '/lesson/one', index: 2 });

    expect(names(board, '/lesson')).toEqual(['two', 'three', 'one']);
  });

  it('moves a page to the end when the index is past the end', () => {
    const board = boardWithLesson();

    applyOk(board, { type: 'moveScene', path: '/init', index: 50 });

    expect(names(board, '/')).toEqual(['a', 'b', 'init']);
  });

  it('refuses a page that does not exist with sceneNotFound', () => {
    const board = boardWithLesson();

    expectRefused(board, { type: 'moveScene', path: '/nope', index: 0 }, 'sceneNotFound');
    expectRefused(board, { type: 'moveScene', path: '/lesson', index: 0 }, 'sceneNotFound');
  });
});

describe('setScenePath', () => {
  it('makes a page the current one', () => {
    const board = boardWithLesson();

    applyOk(board, { type: 'setScenePath', path: '/lesson/three' });

    expect(board.scenePath).toBe('/lesson/three');
  });

  it('refuses a page that does not exist with sceneNotFound', () => {
    const board = boardWithLesson();

    expectRefused(board, { type: 'setScenePath', path: '/nope' }, 'sceneNotFound');
    expectRefused(board, { type: 'setScenePath', path: '/lesson' }, 'sceneNotFound');
  });
});

describe('setGlobalState', () => {
  it('merges the patch into the global state, key by key', () => {
    const board = new Board();
    applyAll(board, [{ type: 'setGlobalState', patch: { a: 1, b: { deep: [1] } } }]);

    applyOk(board, { type: 'setGlobalState', patch: { b: { other: true }, c: 'x' } });

    expect(board.globalState).toStrictEqual({ a: 1, b: { other: true }, c: 'x' });
  });

  it('deletes a key set to null', () => {
    const board = new Board();
    applyAll(board, [{ type: 'setGlobalState', patch: { a: 1, b: 2 } }]);

    applyOk(board, { type: 'setGlobalState', patch: { a: null, missing: null } });

    expect(board.globalState).toStrictEqual({ b: 2 });
  });

  it('keeps its own copy of the values', () => {
    const board = new Board();
    const value = { list: [1, 2] };

    applyOk(board, { type: 'setGlobalState', patch: { value } });
    value.list.push(3);

    expect(board.globalState).toStrictEqual({ value: { list: [1, 2] } });
  });

  it('undoes setting a key named like an Object.prototype member', () => {
    const board = new Board();
    const before = board.toSnapshot();

    const inverse = applyOk(board, { type: 'setGlobalState', patch: { toString: 5 } });
    applyAll(board, inverse);

    expect(board.toSnapshot()).toStrictEqual(before);
  });

  it('stores a __proto__ key as a plain key', () => {
    const board = new Board();
    const patch = JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;

    applyOk(board, { type: 'setGlobalState', patch });

    expect(Object.getPrototypeOf(board.globalState)).toBe(Object.prototype);
    expect(board.toSnapshot().globalState).toStrictEqual(patch);
  });
});
