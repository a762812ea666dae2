import type { Board } from '@whiteroom/board';
import { joinPath } from '@whiteroom/board';
import type { BoardOp } from '@whiteroom/protocol';
import type { Keyframes, PageKeyframe, StructureKeyframe } from '../storage/storage.js';
import { SEVERAL_PAGES_SCOPE, STRUCTURE_SCOPE } from './page-history.js';

/**
 * A change's stored bytes are about twice what it adds to a page (its envelope, and numbers that
 * grow a stroke are shorter on the page than in the change), so waiting for twice the page's size
 * lets a page grow by about its own size between keyframes.
 */
const KEYFRAME_GROWTH = 2;

const EMPTY_PAGE = JSON.stringify({ order: [], elements: {} });

export interface KeyframePolicyOptions {
  /** A page gets a keyframe once this many bytes of its changes piled up since its last one. */
  minPageBytes: number;
  /** The structure gets a keyframe every this many structural changes. */
  structureEvery: number;
}

export const DEFAULT_KEYFRAME_POLICY: KeyframePolicyOptions = {
  minPageBytes: 64 * 1024,
  structureEvery: 200,
};

interface PageTally {
  /** Bytes of the page's changes since its last keyframe. */
  pending: number;
  /** Stored size of the page's last keyframe. */
  lastSize: number;
}

/**
 * Decides when a historied room stores keyframes. A page gets one when the bytes of its changes
 * since its last keyframe reach twice the size of that keyframe (and at least `minPageBytes`):
 * keyframes then cost about as much as the changes themselves, and showing the page at any moment
 * reads one keyframe and at most about twice a page's worth of changes. A page also gets an empty one
 * when it is created, so a page removed and made again starts afresh.
 */
export class KeyframePolicy {
  private readonly tallies = new Map<string, PageTally>();
  private readonly created: PageKeyframe[] = [];
  private structuralChanges = 0;

  constructor(private readonly options: KeyframePolicyOptions = DEFAULT_KEYFRAME_POLICY) {}

  /** Counts an applied change; `scope` is its stored scope key, `bytes` its stored size. */
  noteChange(op: BoardOp, scope: string, seq: number, time: number, bytes: number): void {
    if (scope === STRUCTURE_SCOPE) {
      this.structuralChanges += 1;
      if (op.type === 'putScenes') {
        for (const scene of op.scenes) {
          const path = joinPath(op.dir, scene.name);
          this.created.push({ path, seq, time, json: EMPTY_PAGE });
          this.tallies.set(path, { pending: 0, lastSize: 0 });
        }
      }
      return;
    }
    // Removals spanning pages are rare and small: they count towards no page.
    if (scope === SEVERAL_PAGES_SCOPE) return;
    const tally = this.tallies.get(scope) ?? { pending: 0, lastSize: 0 };
    tally.pending += bytes;
    this.tallies.set(scope, tally);
  }

  /**
   * The keyframes due now, taken from `board` as it is after change `seq`. Call it when the
   * board holds exactly the changes counted so far.
   */
  takeDue(board: Board, seq: number, time: number): Keyframes {
    const pages = this.created.splice(0);
    for (const [path, tally] of this.tallies) {
      if (tally.pending < Math.max(this.options.minPageBytes, KEYFRAME_GROWTH * tally.lastSize)) {
        continue;
      }
      const page = board.pageSnapshot(path);
      if (!page) {
        this.tallies.delete(path);
        continue;
      }
      const json = JSON.stringify(page);
      tally.pending = 0;
      tally.lastSize = json.length;
      pages.push({ path, seq, time, json });
    }
    let structure: StructureKeyframe | undefined;
    if (this.structuralChanges >= this.options.structureEvery) {
      this.structuralChanges = 0;
      structure = { seq, time, json: JSON.stringify(board.toSnapshot({ pages: [] })) };
    }
    return { pages, structure };
  }
}
