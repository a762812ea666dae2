import type { BoardOp } from '@whiteroom/protocol';

/** Undo and redo of one user's own changes. Kept by uid, so it survives reconnects. */
export class UndoHistory {
  private readonly undoStack: BoardOp[][] = [];
  private readonly redoStack: BoardOp[][] = [];

  constructor(private readonly depth: number) {}

  /** A new change of the user: its inverse can be undone, and nothing can be redone any more. */
  record(inverse: BoardOp[]): void {
    this.undoStack.push(inverse);
    if (this.undoStack.length > this.depth) this.undoStack.shift();
    this.redoStack.length = 0;
  }

  takeUndo(): BoardOp[] | undefined {
    return this.undoStack.pop();
  }

  takeRedo(): BoardOp[] | undefined {
    return this.redoStack.pop();
  }

  /** What undoing did can itself be undone by redo, and the other way round. */
  pushRedo(ops: BoardOp[]): void {
    this.redoStack.push(ops);
  }

  pushUndo(ops: BoardOp[]): void {
    this.undoStack.push(ops);
  }
}

/** Changes a user can undo: what they did to elements. Pages and global state are shared. */
export const UNDOABLE_OPS: ReadonlySet<BoardOp['type']> = new Set([
  'addElement',
  'updateElement',
  'removeElements',
  'reorderElement',
  'cleanScene',
]);
