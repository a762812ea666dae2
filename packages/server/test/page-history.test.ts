import { describe, expect, it } from 'vitest';
import { Board, type BoardSnapshot, type PageSnapshot } from '@whiteroom/board';
import type { BoardOp, Element } from '@whiteroom/protocol';
import { mulberry32 } from '../../board/test/helpers.js';
import { KeyframePolicy } from '../src/history/keyframe-policy.js';
import { roomStateAt, scopeKey, type PageHistoryLog } from '../src/history/page-history.js';

/** A room's recorded past in memory, written the way the room engine writes it. */
class MemoryPageHistory implements PageHistoryLog {
  readonly changes: { seq: number; op: unknown; scope: string; time: number }[] = [];
  readonly pageKeyframes: { path: string; seq: number; json: string }[] = [];
  readonly structureKeyframes: { seq: number; json: string }[] = [];

  async seqAt(_roomId: number, time: number): Promise<number> {
    return this.changes.filter((change) => change.time <= time).at(-1)?.seq ?? 0;
  }

  async structureKeyframeAtOrBefore(_roomId: number, seq: number) {
    const found = this.structureKeyframes.filter((k) => k.seq <= seq).at(-1);
    return found && { seq: found.seq, board: JSON.parse(found.json) as BoardSnapshot };
  }

  async pageKeyframeAtOrBefore(_roomId: number, path: string, seq: number) {
    const found = this.pageKeyframes.filter((k) => k.path === path && k.seq <= seq).at(-1);
    return found && { seq: found.seq, page: JSON.parse(found.json) as PageSnapshot };
  }

  async scopedChanges(_roomId: number, scopes: readonly string[], after: number, upto: number) {
    // As a database does, every answer is a fresh copy the caller may keep.
    return structuredClone(
      this.changes.filter((c) => scopes.includes(c.scope) && c.seq > after && c.seq <= upto),
    );
  }
}

/** Random changes a class makes, including removals across pages and elements brought back. */
function randomOp(board: Board, random: () => number, serial: () => number): BoardOp {
  const pick = <T>(items: readonly T[]): T | undefined =>
    items[Math.floor(random() * items.length)];
  const pages = board.pagePaths();
  const all = pages.flatMap((path) => board.getElements(path));
  const roll = random();
  if (roll < 0.25 || all.length === 0) {
    const element: Element = {
      id: `e${serial()}`,
      type: 'pencil',
      x: Math.round(random() * 100),
      y: 0,
      strokeColor: [0, 0, 0],
      strokeWidth: 2,
      points: [0, 0, 0.5],
    };
    return { type: 'addElement', scenePath: pick(pages) as string, element };
  }
  const some = pick(all) as Element;
  if (roll < 0.6) {
    return some.type === 'pencil'
      ? { type: 'appendPoints', id: some.id, points: [random() * 50, random() * 50, 0.5] }
      : { type: 'updateElement', id: some.id, patch: { x: 1 } };
  }
  if (roll < 0.7) return { type: 'updateElement', id: some.id, patch: { x: random() * 9 } };
  if (roll < 0.78) {
    const other = pick(all) as Element;
    return { type: 'removeElements', ids: [...new Set([some.id, other.id])] };
  }
  if (roll < 0.82) return { type: 'putScenes', dir: '/', scenes: [{ name: `p${serial()}` }] };
  if (roll < 0.86) return { type: 'setScenePath', path: pick(pages) as string };
  if (roll < 0.88 && pages.length > 1) return { type: 'removeScenes', path: pick(pages) as string };
  if (roll < 0.9) return { type: 'cleanScene', scenePath: pick(pages) as string };
  if (roll < 0.93) return { type: 'setGlobalState', patch: { step: serial() } };
  return { type: 'reorderElement', id: some.id, index: 0 };
}

/** Records `count` random changes as the engine would, with small keyframe thresholds. */
function record(seed: number, count: number) {
  const random = mulberry32(seed);
  let next = 0;
  const serial = () => (next += 1);
  const live = new Board();
  const log = new MemoryPageHistory();
  const policy = new KeyframePolicy({ minPageBytes: 300, structureEvery: 5 });
  const history: BoardSnapshot[] = [live.toSnapshot()];
  const removed: { page: string; element: Element }[] = [];

  while (log.changes.length < count) {
    let op = randomOp(live, random, serial);
    // Now and then an element comes back with its old id, as an undo of a removal does.
    const back = removed.pop();
    if (back && random() < 0.3 && live.pagePaths().includes(back.page)) {
      op = { type: 'addElement', scenePath: back.page, element: back.element };
    } else if (back) {
      removed.push(back);
    }
    if (op.type === 'removeElements') {
      for (const id of op.ids) {
        const element = live.getElement(id);
        const page = live.pageOf(id);
        if (element && page) removed.push({ page, element: structuredClone(element) });
      }
    }
    const scope = scopeKey(live.scopeOf(op));
    if (!live.apply(op).ok) continue;
    const seq = log.changes.length + 1;
    const json = JSON.stringify(op);
    log.changes.push({ seq, time: seq * 10, op, scope });
    policy.noteChange(op, scope, seq, seq * 10, json.length);
    // Keyframes at irregular points, as batches are written.
    if (random() < 0.3) {
      const due = policy.takeDue(live, seq, seq * 10);
      log.pageKeyframes.push(...due.pages);
      if (due.structure) log.structureKeyframes.push(due.structure);
    }
    history.push(live.toSnapshot());
  }
  return { log, history };
}

describe('a room state read one page at a time', () => {
  it('equals the live board at every moment, for the whole room and for each page', async () => {
    for (const seed of [1, 2, 3]) {
      const { log, history } = record(seed, 400);
      for (let seq = 0; seq <= 400; seq += 7) {
        const expected = history[seq] as BoardSnapshot;
        const whole = await roomStateAt(log, 1, seq, 'all');
        expect(whole.board.toSnapshot(), `seed ${seed}, seq ${seq}`).toEqual(expected);

        const current = await roomStateAt(log, 1, seq, 'current');
        expect(current.pages).toEqual([expected.scenePath]);
        expect(current.board.toSnapshot({ pages: current.pages }).pages).toEqual({
          [expected.scenePath]: expected.pages[expected.scenePath],
        });
      }
    }
  });

  it('leaves out the pages that did not exist at that moment', async () => {
    const { log, history } = record(4, 200);
    const expected = history[100] as BoardSnapshot;
    const state = await roomStateAt(log, 1, 100, ['/init', '/no-such-page']);

    expect(state.pages).toEqual(Object.keys(expected.pages).includes('/init') ? ['/init'] : []);
  });

  it('keeps page keyframes to about the size of the changes they save replaying', () => {
    const { log } = record(5, 2000);
    const changeBytes = log.changes.reduce((sum, c) => sum + JSON.stringify(c.op).length, 0);
    const keyframeBytes = log.pageKeyframes.reduce((sum, k) => sum + k.json.length, 0);

    expect(keyframeBytes).toBeLessThan(changeBytes * 3);
  });
});
