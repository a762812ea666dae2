import { Compile } from 'typebox/compile';
import {
  Element as ElementSchema,
  ROOM_ERROR_CODES,
  type BoardOp,
  type Element,
  type RoomErrorCode,
  type SceneDescription,
} from '@whiteroom/protocol';
import {
  allPagePaths,
  ancestorsOf,
  hasPage,
  isFolder,
  joinPath,
  splitPath,
  type SceneTree,
} from './scenes.js';

/** Limits a server enforces on every room. */
export interface BoardLimits {
  /** Points (x, y, pressure) in one pencil stroke. */
  maxPointsPerStroke: number;
  maxElementsPerPage: number;
  maxPagesPerRoom: number;
}

export const DEFAULT_BOARD_LIMITS: BoardLimits = {
  maxPointsPerStroke: 20_000,
  maxElementsPerPage: 20_000,
  maxPagesPerRoom: 500,
};

/** A board as JSON: what snapshots store and what a joining client receives. */
export interface BoardSnapshot {
  version: 1;
  scenes: SceneTree;
  pages: Record<string, { order: string[]; elements: Record<string, Element> }>;
  scenePath: string;
  globalState: Record<string, unknown>;
}

/** One page's elements, bottom to top, as snapshots hold them. */
export interface PageSnapshot {
  order: string[];
  elements: Record<string, Element>;
}

/**
 * What a change touches: one page, several pages (removing elements of more than one page at
 * once), or the room's structure (its pages, current page and global state). Replay keeps each
 * page's history apart, so that showing one page at a moment never needs the others.
 */
export type ChangeScope =
  | { kind: 'page'; path: string }
  | { kind: 'pages'; paths: string[] }
  | { kind: 'structure' }
  /** The change names elements this board does not hold (on a page not loaded). */
  | { kind: 'elsewhere' };

export type ApplyResult =
  | {
      ok: true;
      /** Ops that undo this one, in order; empty when not asked for. */ inverse: BoardOp[];
    }
  | { ok: false; code: RoomErrorCode; message: string };

export interface ApplyOptions {
  limits?: BoardLimits;
  /** Compute the ops that undo this change (for undo and for rebasing local changes). */
  withInverse?: boolean;
  /**
   * Removing elements skips ids this board does not hold instead of refusing the change: for
   * boards that hold only some pages (replay), where the others are on pages not loaded.
   */
  skipMissing?: boolean;
  /**
   * The change was checked when it was first accepted and is the board's to keep: elements are
   * neither validated nor copied. Only for changes freshly read from storage and used once.
   */
  adopt?: boolean;
}

/** What the hosted SDK calls `sceneState`: the current page and the pages of its folder. */
export interface SceneState {
  scenePath: string;
  contextPath: string;
  scenes: SceneDescription[];
  index: number;
}

interface Page {
  order: string[];
  elements: Map<string, Element>;
  /** The page as JSON, kept by `toJson` until the page next changes. */
  json?: string | undefined;
}

const isValidElement = Compile(ElementSchema);
const { invalidChange, elementExists, elementNotFound, limitExceeded, sceneExists, sceneNotFound } =
  ROOM_ERROR_CODES;

/** The largest coordinate the element schemas accept. */
const MAX_COORDINATE = 1e7;

function refuse(code: RoomErrorCode, message: string): ApplyResult {
  return { ok: false, code, message };
}

function clamp(index: number | undefined, length: number): number {
  return index === undefined ? length : Math.max(0, Math.min(index, length));
}

/**
 * A room's board: its pages, the elements on them, the current page and the shared global state.
 * Changes are applied in place; the same changes in the same order give the same board on every
 * machine. A refused change leaves the board untouched.
 */
export class Board {
  private scenes: SceneTree = {};
  private readonly pages = new Map<string, Page>();
  /** Which page each element is on. */
  private readonly elementPages = new Map<string, string>();
  private currentPath = '/init';
  /** A Map, so that keys such as `__proto__` or `toString` are plain keys. */
  private readonly global = new Map<string, unknown>();
  private globalView: { revision: number; value: Record<string, unknown> } | undefined;
  /** Grows with every applied change, so that views can tell when to redraw. */
  revision = 0;

  /**
   * A board from a snapshot, which is copied; with `adopt`, the board takes the snapshot over
   * instead (for one freshly parsed and used for nothing else: copying a large board costs more
   * than parsing it).
   */
  constructor(snapshot?: BoardSnapshot, options: { adopt?: boolean } = {}) {
    if (!snapshot) {
      this.scenes = { '/': [{ name: 'init' }] };
      this.pages.set('/init', { order: [], elements: new Map() });
      return;
    }
    const copy = options.adopt ? snapshot : structuredClone(snapshot);
    this.scenes = copy.scenes;
    this.currentPath = copy.scenePath;
    for (const [key, value] of Object.entries(copy.globalState)) this.global.set(key, value);
    for (const path of allPagePaths(this.scenes)) {
      const stored = copy.pages[path] ?? { order: [], elements: {} };
      const page: Page = {
        order: stored.order,
        elements: new Map(Object.entries(stored.elements)),
      };
      this.pages.set(path, page);
      for (const id of page.order) this.elementPages.set(id, path);
    }
  }

  get scenePath(): string {
    return this.currentPath;
  }

  get globalState(): Readonly<Record<string, unknown>> {
    if (this.globalView?.revision !== this.revision) {
      // fromEntries defines own properties, so even a `__proto__` key stays a plain key.
      this.globalView = { revision: this.revision, value: Object.fromEntries(this.global) };
    }
    return this.globalView.value;
  }

  /** The elements of a page (the current one by default), bottom to top. */
  getElements(scenePath: string = this.currentPath): Element[] {
    const page = this.pages.get(scenePath);
    return page ? page.order.map((id) => page.elements.get(id) as Element) : [];
  }

  getElement(id: string): Element | undefined {
    const path = this.elementPages.get(id);
    return path === undefined ? undefined : this.pages.get(path)?.elements.get(id);
  }

  /** The page an element is on. */
  pageOf(id: string): string | undefined {
    return this.elementPages.get(id);
  }

  pagePaths(): string[] {
    return allPagePaths(this.scenes);
  }

  /** Page names of a folder, in order; undefined when the folder does not exist. */
  scenesOf(dir: string): SceneDescription[] | undefined {
    const scenes = this.scenes[dir];
    if (scenes) return structuredClone(scenes);
    return isFolder(this.scenes, dir) ? [] : undefined;
  }

  sceneState(): SceneState {
    const { dir } = splitPath(this.currentPath);
    const scenes = this.scenes[dir] ?? [];
    const { name } = splitPath(this.currentPath);
    return {
      scenePath: this.currentPath,
      contextPath: dir,
      scenes: structuredClone(scenes),
      index: scenes.findIndex((scene) => scene.name === name),
    };
  }

  /**
   * The board as JSON. With `pages`, only those pages' elements are included (the others are
   * left out of `pages`, and a board made from the snapshot has them empty). With `share`, the
   * snapshot shares the board's elements instead of copying them: only for serialising at once,
   * since the board changes them in place (copying a large board costs more than writing it).
   */
  toSnapshot(options: { pages?: readonly string[]; share?: boolean } = {}): BoardSnapshot {
    const pages: BoardSnapshot['pages'] = {};
    const wanted = options.pages ? new Set(options.pages) : undefined;
    for (const [path, page] of this.pages) {
      if (wanted && !wanted.has(path)) continue;
      pages[path] = { order: [...page.order], elements: Object.fromEntries(page.elements) };
    }
    const scenes = this.sortedScenes();
    const snapshot: BoardSnapshot = {
      version: 1,
      scenes,
      pages,
      scenePath: this.currentPath,
      globalState: Object.fromEntries(this.global),
    };
    return options.share ? snapshot : structuredClone(snapshot);
  }

  /**
   * The board as the JSON text of `toSnapshot()`, written page by page. The text of each page is
   * kept until the page next changes, so writing a large board again after changes to one page
   * costs about that page: a server writes its rooms' boards this way, over and over. NOTE: the
   * kept text holds about as much memory again as the pages it was written from.
   */
  toJson(): string {
    const pages: string[] = [];
    for (const [path, page] of this.pages) {
      page.json ??= JSON.stringify({
        order: page.order,
        elements: Object.fromEntries(page.elements),
      });
      pages.push(`${JSON.stringify(path)}:${page.json}`);
    }
    const scenes = this.sortedScenes();
    return (
      `{"version":1,"scenes":${JSON.stringify(scenes)},"pages":{${pages.join(',')}},` +
      `"scenePath":${JSON.stringify(this.currentPath)},` +
      `"globalState":${JSON.stringify(Object.fromEntries(this.global))}}`
    );
  }

  /** The page tree with its folders in order, so that equal boards write equal JSON. */
  private sortedScenes(): SceneTree {
    const scenes: SceneTree = {};
    for (const dir of Object.keys(this.scenes).sort()) scenes[dir] = this.scenes[dir] ?? [];
    return scenes;
  }

  /** One page's elements as JSON; undefined when there is no such page. */
  pageSnapshot(path: string): PageSnapshot | undefined {
    const page = this.pages.get(path);
    if (!page) return undefined;
    return structuredClone({
      order: [...page.order],
      elements: Object.fromEntries(page.elements),
    });
  }

  /**
   * Replaces the elements of an existing page (loading a page of a replay). Returns false, and
   * changes nothing, when there is no such page or an element id is already on another page.
   */
  setPage(path: string, snapshot: PageSnapshot, options: { adopt?: boolean } = {}): boolean {
    const page = this.pages.get(path);
    if (!page) return false;
    const copy = options.adopt ? snapshot : structuredClone(snapshot);
    for (const id of copy.order) {
      const elsewhere = this.elementPages.get(id);
      if ((elsewhere !== undefined && elsewhere !== path) || !copy.elements[id]) return false;
    }
    for (const id of page.order) this.elementPages.delete(id);
    page.json = undefined;
    page.order = copy.order;
    page.elements = new Map(copy.order.map((id) => [id, copy.elements[id] as Element]));
    for (const id of page.order) this.elementPages.set(id, path);
    this.revision += 1;
    return true;
  }

  /** What a change would touch on this board; see ChangeScope. */
  scopeOf(op: BoardOp): ChangeScope {
    switch (op.type) {
      case 'addElement':
      case 'cleanScene':
        return { kind: 'page', path: op.scenePath };
      case 'updateElement':
      case 'appendPoints':
      case 'reorderElement': {
        const path = this.elementPages.get(op.id);
        return path === undefined ? { kind: 'elsewhere' } : { kind: 'page', path };
      }
      case 'removeElements': {
        const paths = new Set<string>();
        for (const id of op.ids) {
          const path = this.elementPages.get(id);
          if (path !== undefined) paths.add(path);
        }
        const [first] = paths;
        if (first === undefined) return { kind: 'elsewhere' };
        return paths.size === 1
          ? { kind: 'page', path: first }
          : { kind: 'pages', paths: [...paths] };
      }
      case 'putScenes':
      case 'removeScenes':
      case 'moveScene':
      case 'setScenePath':
      case 'setGlobalState':
        return { kind: 'structure' };
      default:
        return unexpected(op);
    }
  }

  /** Applies one change, or refuses it and leaves the board as it was. */
  apply(op: BoardOp, options: ApplyOptions = {}): ApplyResult {
    const limits = options.limits ?? DEFAULT_BOARD_LIMITS;
    const withInverse = options.withInverse ?? false;
    const result = this.applyOp(op, limits, withInverse, options);
    if (!result.ok) return result;
    this.revision += 1;
    return withInverse ? result : { ok: true, inverse: [] };
  }

  private applyOp(
    op: BoardOp,
    limits: BoardLimits,
    withInverse: boolean,
    options: ApplyOptions,
  ): ApplyResult {
    switch (op.type) {
      case 'addElement':
        return this.addElement(op.scenePath, op.element, op.index, limits, options.adopt ?? false);
      case 'updateElement':
        return this.updateElement(op.id, op.patch, limits, withInverse);
      case 'appendPoints':
        return this.appendPoints(op.id, op.points, limits, withInverse);
      case 'removeElements':
        return this.removeElements(op.ids, options.skipMissing ?? false);
      case 'reorderElement':
        return this.reorderElement(op.id, op.index);
      case 'cleanScene':
        return this.cleanScene(op.scenePath, op.retainImages ?? false);
      case 'putScenes':
        return this.putScenes(op.dir, op.scenes, op.index, limits);
      case 'removeScenes':
        return this.removeScenes(op.path);
      case 'moveScene':
        return this.moveScene(op.path, op.index);
      case 'setScenePath':
        return this.setScenePath(op.path);
      case 'setGlobalState':
        return this.setGlobalState(op.patch);
      default:
        return unexpected(op);
    }
  }

  private addElement(
    scenePath: string,
    element: Element,
    index: number | undefined,
    limits: BoardLimits,
    adopt: boolean,
  ): ApplyResult {
    const page = this.pages.get(scenePath);
    if (!page) return refuse(sceneNotFound, `no page ${scenePath}`);
    if (this.elementPages.has(element.id)) {
      return refuse(elementExists, `element ${element.id} exists already`);
    }
    if (page.order.length >= limits.maxElementsPerPage) {
      return refuse(limitExceeded, `a page holds at most ${limits.maxElementsPerPage} elements`);
    }
    const checked = adopt ? undefined : this.checkElement(element, limits);
    if (checked) return checked;

    page.json = undefined;
    page.order.splice(clamp(index, page.order.length), 0, element.id);
    page.elements.set(element.id, adopt ? element : structuredClone(element));
    this.elementPages.set(element.id, scenePath);
    return { ok: true, inverse: [{ type: 'removeElements', ids: [element.id] }] };
  }

  private checkElement(element: Element, limits: BoardLimits): ApplyResult | undefined {
    if (!isValidElement.Check(element)) return refuse(invalidChange, 'the element is not valid');
    if (element.type === 'pencil') {
      if (element.points.length % 3 !== 0) {
        return refuse(invalidChange, 'pencil points come in threes: x, y, pressure');
      }
      if (element.points.length / 3 > limits.maxPointsPerStroke) {
        return refuse(limitExceeded, `a stroke has at most ${limits.maxPointsPerStroke} points`);
      }
    }
    return undefined;
  }

  private updateElement(
    id: string,
    patch: Record<string, unknown>,
    limits: BoardLimits,
    withInverse: boolean,
  ): ApplyResult {
    const path = this.elementPages.get(id);
    const page = path === undefined ? undefined : this.pages.get(path);
    const current = page?.elements.get(id);
    if (!page || !current) return refuse(elementNotFound, `no element ${id}`);

    const merged: Record<string, unknown> = { ...current };
    const previous: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'id' || key === 'type') return refuse(invalidChange, `${key} cannot change`);
      if (withInverse) {
        previous[key] = Object.hasOwn(merged, key) ? structuredClone(merged[key]) : null;
      }
      if (value === null) delete merged[key];
      else merged[key] = structuredClone(value);
    }
    const checked = this.checkElement(merged as Element, limits);
    if (checked) return checked;

    page.json = undefined;
    page.elements.set(id, merged as Element);
    return {
      ok: true,
      inverse: withInverse ? [{ type: 'updateElement', id, patch: previous }] : [],
    };
  }

  private appendPoints(
    id: string,
    points: number[],
    limits: BoardLimits,
    withInverse: boolean,
  ): ApplyResult {
    const path = this.elementPages.get(id);
    const page = path === undefined ? undefined : this.pages.get(path);
    const element = page?.elements.get(id);
    if (!page || !element) return refuse(elementNotFound, `no element ${id}`);
    if (element.type !== 'pencil') return refuse(invalidChange, 'points go on pencil strokes');
    if (points.length % 3 !== 0) {
      return refuse(invalidChange, 'pencil points come in threes: x, y, pressure');
    }
    if (!points.every((value) => Number.isFinite(value) && Math.abs(value) <= MAX_COORDINATE)) {
      return refuse(invalidChange, 'points lie within the board');
    }
    if ((element.points.length + points.length) / 3 > limits.maxPointsPerStroke) {
      return refuse(limitExceeded, `a stroke has at most ${limits.maxPointsPerStroke} points`);
    }
    const before = withInverse ? element.points.slice() : [];
    page.json = undefined;
    for (const value of points) element.points.push(value);
    return {
      ok: true,
      inverse: withInverse ? [{ type: 'updateElement', id, patch: { points: before } }] : [],
    };
  }

  /** Takes elements off their pages; returns ops that put them back where they were. */
  private takeElements(ids: Iterable<string>): BoardOp[] {
    const removed: { path: string; index: number; element: Element }[] = [];
    for (const id of new Set(ids)) {
      const path = this.elementPages.get(id);
      const page = path === undefined ? undefined : this.pages.get(path);
      const element = page?.elements.get(id);
      if (path === undefined || !page || !element) continue;
      removed.push({ path, index: page.order.indexOf(id), element });
    }
    for (const { path, element } of removed) {
      const page = this.pages.get(path) as Page;
      page.elements.delete(element.id);
      this.elementPages.delete(element.id);
    }
    for (const page of new Set(removed.map(({ path }) => this.pages.get(path) as Page))) {
      page.json = undefined;
      page.order = page.order.filter((id) => page.elements.has(id));
    }
    // Put back from the bottom up, so that every index is right when it is used.
    removed.sort((a, b) => (a.path === b.path ? a.index - b.index : a.path < b.path ? -1 : 1));
    return removed.map(({ path, index, element }) => ({
      type: 'addElement',
      scenePath: path,
      element,
      index,
    }));
  }

  private removeElements(ids: string[], skipMissing: boolean): ApplyResult {
    const missing = ids.find((id) => !this.elementPages.has(id));
    if (missing !== undefined && !skipMissing) {
      return refuse(elementNotFound, `no element ${missing}`);
    }
    return { ok: true, inverse: this.takeElements(ids) };
  }

  private reorderElement(id: string, index: number): ApplyResult {
    const path = this.elementPages.get(id);
    const page = path === undefined ? undefined : this.pages.get(path);
    if (!page) return refuse(elementNotFound, `no element ${id}`);
    const from = page.order.indexOf(id);
    page.json = undefined;
    page.order.splice(from, 1);
    page.order.splice(clamp(index, page.order.length), 0, id);
    return { ok: true, inverse: [{ type: 'reorderElement', id, index: from }] };
  }

  private cleanScene(scenePath: string, retainImages: boolean): ApplyResult {
    const page = this.pages.get(scenePath);
    if (!page) return refuse(sceneNotFound, `no page ${scenePath}`);
    const ids = page.order.filter(
      (id) => !(retainImages && page.elements.get(id)?.type === 'image'),
    );
    return { ok: true, inverse: this.takeElements(ids) };
  }

  private putScenes(
    dir: string,
    scenes: SceneDescription[],
    index: number | undefined,
    limits: BoardLimits,
  ): ApplyResult {
    const names = new Set<string>();
    for (const scene of scenes) {
      const path = joinPath(dir, scene.name);
      if (names.has(scene.name) || hasPage(this.scenes, path) || isFolder(this.scenes, path)) {
        return refuse(sceneExists, `${path} exists already`);
      }
      names.add(scene.name);
    }
    const blocking = ancestorsOf(dir).find((folder) => hasPage(this.scenes, folder));
    if (blocking !== undefined) return refuse(sceneExists, `${blocking} is a page, not a folder`);
    if (this.pages.size + scenes.length > limits.maxPagesPerRoom) {
      return refuse(limitExceeded, `a room holds at most ${limits.maxPagesPerRoom} pages`);
    }

    const folder = (this.scenes[dir] ??= []);
    folder.splice(clamp(index, folder.length), 0, ...structuredClone(scenes));
    for (const scene of scenes) {
      this.pages.set(joinPath(dir, scene.name), { order: [], elements: new Map() });
    }
    const inverse: BoardOp[] = scenes.map((scene) => ({
      type: 'removeScenes',
      path: joinPath(dir, scene.name),
    }));
    return { ok: true, inverse };
  }

  private removeScenes(path: string): ApplyResult {
    const doomed = this.pagePaths().filter(
      (page) => page === path || path === '/' || page.startsWith(`${path}/`),
    );
    if (doomed.length === 0) return refuse(sceneNotFound, `no page or folder ${path}`);
    if (doomed.length === this.pages.size) {
      return refuse(invalidChange, 'a room keeps at least one page; clean it instead');
    }

    // Everything needed to put the pages back: their places, their elements, the current page.
    const inverse: BoardOp[] = [];
    for (const page of doomed) {
      const { dir, name } = splitPath(page);
      const folder = this.scenes[dir] as SceneDescription[];
      const index = folder.findIndex((scene) => scene.name === name);
      inverse.push({ type: 'putScenes', dir, scenes: [folder[index] as SceneDescription], index });
    }
    const pageIds = doomed.flatMap((page) => this.pages.get(page)?.order ?? []);
    inverse.push(...this.takeElements(pageIds));
    if (doomed.includes(this.currentPath)) {
      inverse.push({ type: 'setScenePath', path: this.currentPath });
    }

    const wasCurrent = doomed.includes(this.currentPath);
    const { dir: currentDir } = splitPath(this.currentPath);
    const currentIndex = this.scenes[currentDir]?.findIndex(
      (scene) => joinPath(currentDir, scene.name) === this.currentPath,
    );
    for (const page of doomed) {
      const { dir, name } = splitPath(page);
      const folder = this.scenes[dir] as SceneDescription[];
      folder.splice(
        folder.findIndex((scene) => scene.name === name),
        1,
      );
      if (folder.length === 0) delete this.scenes[dir];
      this.pages.delete(page);
    }
    if (wasCurrent) this.currentPath = this.nearestPage(currentDir, currentIndex ?? 0);
    // The inverse restores pages in the order they were removed: put them back front to back.
    return { ok: true, inverse: reorderRestore(inverse) };
  }

  /** The page that takes the place of a removed current page: a neighbour, else the first page. */
  private nearestPage(dir: string, index: number): string {
    const folder = this.scenes[dir];
    if (folder && folder.length > 0) {
      const scene = folder[Math.min(index, folder.length - 1)] as SceneDescription;
      return joinPath(dir, scene.name);
    }
    return this.pagePaths()[0] as string;
  }

  private moveScene(path: string, index: number): ApplyResult {
    if (!hasPage(this.scenes, path)) return refuse(sceneNotFound, `no page ${path}`);
    const { dir, name } = splitPath(path);
    const folder = this.scenes[dir] as SceneDescription[];
    const from = folder.findIndex((scene) => scene.name === name);
    const [scene] = folder.splice(from, 1);
    folder.splice(clamp(index, folder.length), 0, scene as SceneDescription);
    return { ok: true, inverse: [{ type: 'moveScene', path, index: from }] };
  }

  private setScenePath(path: string): ApplyResult {
    if (!this.pages.has(path)) return refuse(sceneNotFound, `no page ${path}`);
    const previous = this.currentPath;
    this.currentPath = path;
    return { ok: true, inverse: [{ type: 'setScenePath', path: previous }] };
  }

  private setGlobalState(patch: Record<string, unknown>): ApplyResult {
    const previous = new Map<string, unknown>();
    for (const [key, value] of Object.entries(patch)) {
      previous.set(key, this.global.has(key) ? this.global.get(key) : null);
      if (value === null) this.global.delete(key);
      else this.global.set(key, structuredClone(value));
    }
    return {
      ok: true,
      inverse: [{ type: 'setGlobalState', patch: Object.fromEntries(previous) }],
    };
  }
}

/**
 * Pages are put back one at a time at the index each had; doing it in ascending index order per
 * folder makes each index right when it is used. Element and scene-path ops follow the pages.
 */
function reorderRestore(ops: BoardOp[]): BoardOp[] {
  const puts = ops.filter((op) => op.type === 'putScenes');
  const rest = ops.filter((op) => op.type !== 'putScenes');
  puts.sort((a, b) =>
    a.dir === b.dir ? (a.index ?? 0) - (b.index ?? 0) : a.dir.length - b.dir.length,
  );
  return [...puts, ...rest];
}

function unexpected(op: never): never {
  throw new Error(`unexpected board change ${JSON.stringify(op)}`);
}
