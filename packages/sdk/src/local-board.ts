import { Board, type ApplyResult, type BoardSnapshot } from '@whiteroom/board';
import type { BoardOp, ProposedOp, RoomErrorCode, SequencedChange } from '@whiteroom/protocol';

/** A change of this client that the server has not yet acknowledged or refused. */
export interface PendingChange {
  readonly clientSeq: number;
  readonly op: ProposedOp;
  /**
   * The ops that take this change back off the board, or null while it is not on the board: an
   * undo or redo (the server computes those), or a change that no longer applies after the
   * changes of others (the server will refuse it).
   */
  inverse: BoardOp[] | null;
}

/** Which parts of the board changed since the last `takeTouched`. */
export interface Touched {
  elements: boolean;
  scenes: boolean;
  global: boolean;
}

export type ProposeResult =
  { ok: true; change: PendingChange } | { ok: false; code: RoomErrorCode; message: string };

/** What became of a sequenced change from the server. */
export type ReceiveResult =
  /** Applied; `settled` are this client's pending changes it confirmed (normally none or one). */
  | { kind: 'applied'; settled: PendingChange[] }
  /** Already applied (its seq is not after `lastSeq`): ignored. */
  | { kind: 'duplicate' }
  /** Changes are missing before it: ignored; the board must be caught up through a reconnect. */
  | { kind: 'gap'; expected: number };

/** What a welcome brings to the board. */
export interface Resync {
  snapshot?: BoardSnapshot;
  /** The seq the snapshot is at, when the server says. */
  snapshotSeq?: number;
  changes: SequencedChange[];
  /** The largest clientSeq of this client the server has applied. */
  lastClientSeq: number;
}

/**
 * The board as this client shows it: every change the server sequenced, applied in seq order (the
 * confirmed board), with this client's pending changes applied on top. The confirmed board is
 * never held separately: it is reached by taking the pending changes off with their inverses.
 *
 * A change of another client is therefore applied by rewinding the pending changes, applying it,
 * and replaying them; the client's own change, coming back at the head of the pending list, is
 * already on the board and simply stops being pending.
 */
export class LocalBoard {
  private current = new Board();
  private pending: PendingChange[] = [];
  private nextClientSeq = 1;
  private seq: number | undefined;
  /** Revisions of the boards replaced by snapshots, so that `revision` never goes back. */
  private revisionBase = 0;
  private touched: Touched = { elements: false, scenes: false, global: false };
  private divergence: string | undefined;

  /** The board with pending changes applied. Read it; change it only through this class. */
  get board(): Board {
    return this.current;
  }

  /** The seq of the last server change applied; undefined when not known (before a first welcome). */
  get lastSeq(): number | undefined {
    return this.seq;
  }

  get pendingChanges(): readonly PendingChange[] {
    return this.pending;
  }

  /** Grows with every change to the board, across snapshot replacements. */
  get revision(): number {
    return this.revisionBase + this.current.revision;
  }

  /**
   * Set when a change the server sequenced, or an inverse, did not apply: the board no longer
   * matches the server's and must be replaced by a snapshot. Says what failed.
   */
  get diverged(): string | undefined {
    return this.divergence;
  }

  /** Applies a change of this client and makes it pending; a change the board refuses is not kept. */
  propose(op: BoardOp): ProposeResult {
    const copy = structuredClone(op);
    const result = this.apply(copy, true);
    if (!result.ok) return result;
    const change: PendingChange = {
      clientSeq: this.nextClientSeq++,
      op: copy,
      inverse: result.inverse,
    };
    this.pending.push(change);
    return { ok: true, change };
  }

  /** An undo or redo: pending like any change, but with no effect until the server answers. */
  proposeHistory(type: 'undo' | 'redo'): PendingChange {
    const change: PendingChange = { clientSeq: this.nextClientSeq++, op: { type }, inverse: null };
    this.pending.push(change);
    return change;
  }

  receive(change: SequencedChange, clientId: string): ReceiveResult {
    if (this.seq !== undefined) {
      if (change.seq <= this.seq) return { kind: 'duplicate' };
      if (change.seq !== this.seq + 1) return { kind: 'gap', expected: this.seq + 1 };
    }
    const own =
      change.clientId === clientId && change.clientSeq !== undefined
        ? this.pending.findIndex((pending) => pending.clientSeq === change.clientSeq)
        : -1;

    let settled: PendingChange[];
    if (own === 0 && this.pending[0]?.inverse) {
      // Our oldest change, already on the board on top of exactly the confirmed board.
      settled = this.pending.splice(0, 1);
    } else {
      this.rewind(0);
      this.applyConfirmed(change.op, `change ${change.seq}`);
      // Changes before our own one were answered earlier or never will be: drop them too.
      settled = own >= 0 ? this.pending.splice(0, own + 1) : [];
      this.replay(0);
    }
    this.seq = change.seq;
    return { kind: 'applied', settled };
  }

  /** Removes a pending change the server refused, or acknowledged as applied already. */
  settle(clientSeq: number): PendingChange | undefined {
    const index = this.pending.findIndex((pending) => pending.clientSeq === clientSeq);
    const change = this.pending[index];
    if (!change) return undefined;
    if (change.inverse === null) {
      // Not on the board, so the changes after it were applied without it: nothing to redo.
      this.pending.splice(index, 1);
      return change;
    }
    this.rewind(index);
    this.pending.splice(index, 1);
    this.replay(index);
    return change;
  }

  /**
   * Brings the board up to the server's after a (re)connect: from the snapshot, or from an empty
   * board when `fromScratch` (the client sent no lastSeq), or from what it had. Pending changes the
   * server has applied are dropped; the rest are applied again and must be sent again.
   */
  resync({ snapshot, snapshotSeq, changes, lastClientSeq }: Resync, fromScratch: boolean): void {
    if (snapshot || fromScratch) {
      this.revisionBase = this.revision + 1;
      this.current = new Board(snapshot);
      this.seq = snapshot ? snapshotSeq : 0;
      this.divergence = undefined;
      for (const pending of this.pending) pending.inverse = null;
      this.touched = { elements: true, scenes: true, global: true };
    } else {
      this.rewind(0);
    }

    for (const change of changes) {
      if (this.seq !== undefined && change.seq <= this.seq) continue;
      this.applyConfirmed(change.op, `change ${change.seq}`);
      this.seq = change.seq;
    }
    this.pending = this.pending.filter((pending) => pending.clientSeq > lastClientSeq);
    this.nextClientSeq = Math.max(this.nextClientSeq, lastClientSeq + 1);
    this.replay(0);
  }

  /** Which parts changed since the last call; undefined when nothing did. */
  takeTouched(): Touched | undefined {
    const { elements, scenes, global } = this.touched;
    if (!elements && !scenes && !global) return undefined;
    this.touched = { elements: false, scenes: false, global: false };
    return { elements, scenes, global };
  }

  /** Takes the pending changes from `from` on off the board, newest first. */
  private rewind(from: number): void {
    for (let i = this.pending.length - 1; i >= from; i--) {
      const change = this.pending[i] as PendingChange;
      for (const op of change.inverse ?? []) {
        this.applyConfirmed(op, `the inverse of local change ${change.clientSeq}`);
      }
      change.inverse = null;
    }
  }

  /** Applies the pending changes from `from` on again, oldest first, recomputing their inverses. */
  private replay(from: number): void {
    for (const change of this.pending.slice(from)) {
      const { op } = change;
      if (op.type === 'undo' || op.type === 'redo') continue;
      const result = this.apply(op, true);
      change.inverse = result.ok ? result.inverse : null;
    }
  }

  /** Applies what must apply: a sequenced change, or an inverse. */
  private applyConfirmed(op: BoardOp, what: string): void {
    const result = this.apply(op, false);
    if (!result.ok) this.divergence ??= `${what} did not apply: ${result.message}`;
  }

  private apply(op: BoardOp, withInverse: boolean): ApplyResult {
    const result = this.current.apply(op, { withInverse });
    if (result.ok) markTouched(this.touched, op);
    return result;
  }
}

function markTouched(touched: Touched, op: BoardOp): void {
  switch (op.type) {
    case 'setGlobalState':
      touched.global = true;
      return;
    case 'putScenes':
    case 'moveScene':
      touched.scenes = true;
      return;
    case 'setScenePath':
    case 'removeScenes':
      // The current page, and so the elements shown, may change with these.
      touched.scenes = true;
      touched.elements = true;
      return;
    case 'addElement':
    case 'updateElement':
    case 'appendPoints':
    case 'removeElements':
    case 'reorderElement':
    case 'cleanScene':
      touched.elements = true;
      return;
    default:
      unexpected(op);
  }
}

function unexpected(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
