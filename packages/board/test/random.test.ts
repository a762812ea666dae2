import { describe, expect, it } from 'vitest';
import type { BoardOp, Element } from '@whiteroom/protocol';
import { Board, joinPath, type BoardLimits } from '../src/index.js';
import { arrow, image, mulberry32, pencil, rect, text } from './helpers.js';

const STEPS = 2_000;
const SEEDS = [1, 0xc0ffee, 20_240_611];
/** Small limits, so that the fuzz reaches them. */
const limits: BoardLimits = { maxElementsPerPage: 6, maxPointsPerStroke: 8, maxPagesPerRoom: 7 };

const IDS = ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9', 'e10', 'e11'];
const NAMES = ['init', 'a', 'b', 'lesson', 'x', 'y'];
const DIRS = ['/', '/lesson', '/lesson/x', '/a', '/b/deep'];
const GLOBAL_KEYS = ['tool', 'color', 'ppt'];

/** Random ops against a board: mostly names that exist, sometimes ones that do not. */
class OpMaker {
  constructor(private readonly random: () => number) {}

  int(below: number): number {
    return Math.floor(this.random() * below);
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  points(): number[] {
    if (this.chance(0.1)) return [1, 2];
    return Array.from({ length: 3 * this.int(4) }, () => this.int(200) - 100);
  }

  element(): Element {
    const id = this.pick(IDS);
    const element = this.pick([
      () => rect(id, { x: this.int(100) }),
      () => pencil(id, this.points()),
      () => text(id, { text: `t${this.int(9)}` }),
      () => image(id),
      () => arrow(id, { dy: this.int(50) }),
    ])();
    if (this.chance(0.08)) return { ...element, strokeWidth: 0 } as Element;
    return element;
  }

  page(board: Board): string {
    if (this.chance(0.8)) return this.pick(board.pagePaths());
    return joinPath(this.pick(DIRS), this.pick(NAMES));
  }

  id(board: Board): string {
    const onBoard = board.pagePaths().flatMap((page) => board.getElements(page));
    if (onBoard.length > 0 && this.chance(0.8)) return this.pick(onBoard).id;
    return this.pick(IDS);
  }

  /** Mostly a pencil stroke, the only element that takes points. */
  strokeId(board: Board): string {
    const strokes = board
      .pagePaths()
      .flatMap((page) => board.getElements(page))
      .filter((element) => element.type === 'pencil');
    if (strokes.length > 0 && this.chance(0.7)) return this.pick(strokes).id;
    return this.id(board);
  }

  patch(): Record<string, unknown> {
    const choices: (() => [string, unknown])[] = [
      () => ['x', this.int(500) - 250],
      () => ['y', this.int(500) - 250],
      () => ['opacity', this.chance(0.5) ? null : this.random()],
      () => ['fillColor', this.chance(0.5) ? null : [this.int(256), 0, 255]],
      () => ['strokeWidth', this.chance(0.3) ? 0 : 1 + this.int(9)],
      () => ['text', 'changed'],
      () => ['width', this.chance(0.5) ? null : this.int(300)],
      () => ['points', this.points()],
      () => ['rotation', this.chance(0.3) ? 400 : this.int(90)],
      () => ['locked', this.chance(0.5) ? null : true],
      () => ['dx', this.int(40)],
      () => ['id', 'other'],
    ];
    const count = 1 + this.int(2);
    return Object.fromEntries(Array.from({ length: count }, () => this.pick(choices)()));
  }

  op(board: Board): BoardOp {
    switch (this.int(11)) {
      case 0:
      case 1:
        return {
          type: 'addElement',
          scenePath: this.page(board),
          element: this.element(),
          ...(this.chance(0.4) ? { index: this.int(6) } : {}),
        };
      case 2:
        return { type: 'updateElement', id: this.id(board), patch: this.patch() };
      case 3:
        return { type: 'appendPoints', id: this.strokeId(board), points: this.points() };
      case 4:
        return {
          type: 'removeElements',
          ids: Array.from({ length: 1 + this.int(3) }, () => this.id(board)),
        };
      case 5:
        return { type: 'reorderElement', id: this.id(board), index: this.int(7) };
      case 6:
        if (this.chance(0.6)) return this.op(board);
        return {
          type: 'cleanScene',
          scenePath: this.page(board),
          ...(this.chance(0.5) ? { retainImages: this.chance(0.5) } : {}),
        };
      case 7:
        return {
          type: 'putScenes',
          dir: this.chance(0.15) ? this.page(board) : this.pick(DIRS),
          scenes: Array.from({ length: 1 + this.int(2) }, () => ({
            name: this.pick(NAMES),
            ...(this.chance(0.2) ? { ppt: { src: 'p.png', width: 4, height: 3 } } : {}),
          })),
          ...(this.chance(0.5) ? { index: this.int(4) } : {}),
        };
      case 8:
        return {
          type: 'removeScenes',
          path: this.chance(0.7) ? this.page(board) : this.pick(DIRS),
        };
      case 9:
        return this.chance(0.5)
          ? { type: 'moveScene', path: this.page(board), index: this.int(4) }
          : { type: 'setScenePath', path: this.page(board) };
      default:
        return {
          type: 'setGlobalState',
          patch: Object.fromEntries(
            Array.from({ length: 1 + this.int(2) }, () => [
              this.pick(GLOBAL_KEYS),
              this.pick([null, this.int(9), { nested: [this.int(9)] }]),
            ]),
          ),
        };
    }
  }
}

describe('random changes', () => {
  it.each(SEEDS)('undo, redo and replay to the same boards (seed %i)', (seed) => {
    const maker = new OpMaker(mulberry32(seed));
    const board = new Board();
    const replay = new Board();
    const applied = new Map<BoardOp['type'], number>();
    let refused = 0;

    for (let step = 0; step < STEPS; step += 1) {
      const op = maker.op(board);
      const where = `seed ${seed}, step ${step}: ${JSON.stringify(op)}`;
      const before = board.toSnapshot();
      const revision = board.revision;

      const result = board.apply(op, { limits, withInverse: true });
      expect(replay.apply(op, { limits }).ok, where).toBe(result.ok);

      if (!result.ok) {
        refused += 1;
        expect(board.toSnapshot(), where).toStrictEqual(before);
        expect(board.revision, where).toBe(revision);
        continue;
      }
      applied.set(op.type, (applied.get(op.type) ?? 0) + 1);
      expect(board.revision, where).toBe(revision + 1);
      const after = board.toSnapshot();

      for (const inverse of result.inverse) {
        const undone = board.apply(inverse, { limits });
        expect(undone, `${where}, inverse ${JSON.stringify(inverse)}`).toMatchObject({
          ok: true,
        });
      }
      expect(board.toSnapshot(), `${where}, after undo`).toStrictEqual(before);

      expect(board.apply(op, { limits }).ok, `${where}, redo`).toBe(true);
      expect(board.toSnapshot(), `${where}, after redo`).toStrictEqual(after);
      expect(replay.toSnapshot(), `${where}, replay`).toStrictEqual(after);
    }

    expect(replay.toSnapshot(), `seed ${seed}`).toStrictEqual(board.toSnapshot());
    // The mix reaches every kind of change, and refuses a fair share.
    expect([...applied.keys()].sort(), `seed ${seed}`).toHaveLength(11);
    expect(refused, `seed ${seed}`).toBeGreaterThan(STEPS / 10);
  });
});

describe('the board as JSON', () => {
  it.each(SEEDS)(
    'writes what its snapshot holds after every change, kept pages included (seed %i)',
    (seed) => {
      const maker = new OpMaker(mulberry32(seed));
      const board = new Board();
      for (let step = 0; step < STEPS; step += 1) {
        const op = maker.op(board);
        const result = board.apply(op, { limits, withInverse: true });
        const where = `seed ${seed}, step ${step}: ${JSON.stringify(op)}`;
        // Written after every change, so that each page's kept text is there to be outdated.
        expect(JSON.parse(board.toJson()), where).toStrictEqual(board.toSnapshot());
        if (result.ok && maker.chance(0.3)) {
          for (const inverse of result.inverse) board.apply(inverse, { limits });
          expect(JSON.parse(board.toJson()), `${where}, undone`).toStrictEqual(board.toSnapshot());
        }
      }
    },
  );

  it('writes a page loaded over its kept text', () => {
    const board = new Board();
    board.apply({ type: 'addElement', scenePath: '/init', element: rect('a') });
    board.toJson();
    expect(board.setPage('/init', { order: ['b'], elements: { b: rect('b') } })).toBe(true);
    expect(JSON.parse(board.toJson())).toStrictEqual(board.toSnapshot());
  });
});
