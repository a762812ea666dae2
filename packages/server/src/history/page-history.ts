import { Board, type BoardLimits, type ChangeScope, type PageSnapshot } from '@whiteroom/board';
import type { BoardOp } from '@whiteroom/protocol';
import type { RoomLogStore } from '../storage/storage.js';

/**
 * A historied room's past, one page at a time. Every stored change carries the scope it touched
 * (a page's path, several pages, or the room's structure), and keyframes are kept per page and for
 * the structure alone. Showing one page at a moment then reads that page's nearest keyframe and
 * its own changes since, whatever the other pages did: the work is bounded by the page, not by
 * the room or the length of the recording.
 */

/** The scope of changes to the room's pages, current page and global state. */
export const STRUCTURE_SCOPE = '';
/** The scope of a removal of elements from more than one page at once. */
export const SEVERAL_PAGES_SCOPE = '*';

/** How a change's scope is stored: a page path, or one of the two markers above. */
export function scopeKey(scope: ChangeScope): string {
  switch (scope.kind) {
    case 'page':
      return scope.path;
    case 'structure':
      return STRUCTURE_SCOPE;
    case 'pages':
    case 'elsewhere':
      return SEVERAL_PAGES_SCOPE;
    default:
      return unexpected(scope);
  }
}

/** What reading a room's past needs from storage. */
export type PageHistoryLog = Pick<
  RoomLogStore,
  'seqAt' | 'structureKeyframeAtOrBefore' | 'pageKeyframeAtOrBefore' | 'scopedChanges'
>;

/** Stored changes were checked when they were accepted; replaying them checks no limit again. */
export const NO_LIMITS: BoardLimits = {
  maxPointsPerStroke: Number.POSITIVE_INFINITY,
  maxElementsPerPage: Number.POSITIVE_INFINITY,
  maxPagesPerRoom: Number.POSITIVE_INFINITY,
};

/** Which pages to fill in: the current page at that moment, all of them, or the ones named. */
export type PageSelection = 'current' | 'all' | readonly string[];

export interface RoomStateAt {
  /** The structure at `seq`, with the selected pages' elements; other pages are empty. */
  board: Board;
  /** The pages whose elements are filled in (those selected that exist at that moment). */
  pages: string[];
}

/**
 * The room as it was right after change `seq`, with the selected pages filled in. What storage
 * answers is parsed afresh for each call, so the board takes it over without copying.
 */
export async function roomStateAt(
  log: PageHistoryLog,
  roomId: number,
  seq: number,
  selection: PageSelection,
): Promise<RoomStateAt> {
  const keyframe = await log.structureKeyframeAtOrBefore(roomId, seq);
  const board = new Board(keyframe?.board, { adopt: true });
  const structure = await log.scopedChanges(roomId, [STRUCTURE_SCOPE], keyframe?.seq ?? 0, seq);
  for (const change of structure) {
    board.apply(change.op as BoardOp, { limits: NO_LIMITS, adopt: true });
  }

  const existing = new Set(board.pagePaths());
  const wanted =
    selection === 'current'
      ? [board.scenePath]
      : selection === 'all'
        ? [...existing]
        : selection.filter((path) => existing.has(path));
  if (wanted.length === 1) {
    await fillPage(log, roomId, board, wanted[0] as string, seq);
    return { board, pages: wanted };
  }
  // Each page on a board of its own: pages replayed to different points in the past must not
  // meet (an id may have moved between pages over time); at `seq` itself they fit together.
  const structureOnly = board.toSnapshot({ pages: [] });
  for (const path of wanted) {
    const pageBoard = new Board(structureOnly);
    await fillPage(log, roomId, pageBoard, path, seq);
    board.setPage(path, pageBoard.pageSnapshot(path) as PageSnapshot, { adopt: true });
  }
  return { board, pages: wanted };
}

async function fillPage(
  log: PageHistoryLog,
  roomId: number,
  board: Board,
  path: string,
  seq: number,
): Promise<void> {
  const keyframe = await log.pageKeyframeAtOrBefore(roomId, path, seq);
  if (keyframe) board.setPage(path, keyframe.page, { adopt: true });
  const changes = await log.scopedChanges(
    roomId,
    [path, SEVERAL_PAGES_SCOPE],
    keyframe?.seq ?? 0,
    seq,
  );
  for (const change of changes) {
    const op = change.op as BoardOp;
    if (op.type === 'removeElements') {
      // A removal spanning pages: only its elements on this page, as they were then (another
      // page filled in already is at its final state, and an undo may have brought an id back).
      const ids = op.ids.filter((id) => board.pageOf(id) === path);
      if (ids.length > 0) board.apply({ type: 'removeElements', ids });
      continue;
    }
    board.apply(op, { limits: NO_LIMITS, adopt: true });
  }
}

function unexpected(value: never): never {
  throw new Error(`unexpected change scope ${JSON.stringify(value)}`);
}
