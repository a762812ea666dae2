import { Board, type BoardSnapshot } from '@whiteroom/board';
import {
  CLOSE_CODES,
  PROTOCOL_VERSION,
  ROOM_ERROR_CODES,
  type BoardOp,
  type BroadcastState,
  type ClientMessage,
  type ConnectMessage,
  type PresenceEvent,
  type RoomErrorCode,
  type SequencedChange,
  type ServerMessage,
} from '@whiteroom/protocol';
import type { Logger } from '../logging.js';
import type { RoomLogStore, StoredChange } from '../storage/storage.js';
import type { RealtimeLimits } from './limits.js';
import { describeMember, type Session } from './session.js';
import { UNDOABLE_OPS, UndoHistory } from './undo-history.js';
import { KeyframePolicy } from '../history/keyframe-policy.js';
import { scopeKey } from '../history/page-history.js';

/** What a checkpoint of a room holds. */
interface RoomState {
  board: BoardSnapshot;
  /**
   * Per client (keyed by uid and client id): the largest clientSeq applied and the seq it got,
   * for exactly-once resends.
   */
  clients: Record<string, [clientSeq: number, seq: number]>;
}

export interface RoomEngineOptions {
  roomId: number;
  roomUuid: string;
  isRecord: boolean;
  /** The room's member limit: writers and admins at once; 0 is none. */
  memberLimit: number;
  log: RoomLogStore;
  limits: RealtimeLimits;
  logger: Logger;
  now?: () => number;
  /** Called when the last member has left and everything is written. */
  onIdle?: () => void;
  /** Called when a write failed: the engine is unusable and the room must be loaded again. */
  onFailed?: () => void;
}

export type JoinRefusal = { code: number; reason: string };

const RECENT_CHANGES_KEPT = 2000;

/**
 * Resends are recognised by user and client together, so that a client id seen by someone else
 * (or guessed) gives no hold over another user's changes.
 */
function clientKey(uid: string, clientId: string): string {
  return `${uid}\n${clientId}`;
}
const UNDO_DEPTH = 200;
const PRESENCE_INTERVAL_MS = 16;
/** Structural changes (pages, current page, global state) between two structure keyframes. */
const STRUCTURE_KEYFRAME_EVERY = 200;
/** See checkpointDue. */
const CHECKPOINT_GROWTH = 4;
/** How long recorded cursor positions may wait for a batch of changes before they are written. */
const PRESENCE_WRITE_MS = 1000;

type CursorSample = Extract<PresenceEvent, { type: 'cursor' }>;

/**
 * One live room: the authority over its board. Changes are checked and applied in arrival order,
 * numbered, written to the log in batches, and only then sent to everyone, so no one sees a change
 * that could still be lost. The engine knows no sockets and no database: it talks to sessions'
 * transports and to a RoomLogStore.
 */
export class RoomEngine {
  readonly board: Board;
  private seq: number;
  private readonly clients: Map<string, [number, number]>;
  private readonly sessions = new Map<number, Session>();
  private nextMemberId = 1;
  private broadcastState: BroadcastState = {};
  private readonly histories = new Map<string, UndoHistory>();
  /** The latest changes, without their authors' client fields, for clients catching up. */
  private readonly recent: { seq: number; change: SequencedChange }[] = [];
  private batch: StoredChange[] = [];
  /**
   * Each change serialised once for everyone and, when a client proposed it, once more with its
   * client fields for that client alone: the acknowledgement.
   */
  private batchMessages: { text: string; author?: { key: string; text: string } }[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private changesSinceCheckpoint = 0;
  /** Bytes of the changes since the last checkpoint, and the size of that checkpoint. */
  private bytesSinceCheckpoint = 0;
  private lastCheckpointBytes = 0;
  /** The time of the last change: a change is never stamped earlier than the one before it. */
  private lastChangeTime = 0;
  /** The latest time stamped on anything recorded, changes and member events alike. */
  private lastTime = 0;
  /** When a historied room stores page and structure keyframes, for replay. */
  private readonly keyframes: KeyframePolicy;
  /** Member events of a historied room, written with the next batch of changes. */
  private presenceBatch: PresenceEvent[] = [];
  /**
   * Per member of a historied room: the time its cursor was last recorded, and its newest
   * position since then when that is not recorded yet (so that where a cursor stops is kept).
   */
  private readonly cursorSamples = new Map<number, { at: number; pending?: CursorSample }>();
  private presenceTimer: ReturnType<typeof setTimeout> | undefined;
  private failed = false;
  private readonly now: () => number;

  private constructor(
    private readonly options: RoomEngineOptions,
    state: RoomState,
    seq: number,
  ) {
    // Parsed from storage for this engine alone: the board takes it over without a copy.
    this.board = new Board(state.board, { adopt: true });
    this.seq = seq;
    this.clients = new Map(Object.entries(state.clients));
    this.now = options.now ?? Date.now;
    this.keyframes = new KeyframePolicy({
      minPageBytes: options.limits.pageKeyframeBytes,
      structureEvery: STRUCTURE_KEYFRAME_EVERY,
    });
  }

  /** Loads a room from its latest checkpoint and the changes after it. */
  static async load(options: RoomEngineOptions): Promise<RoomEngine> {
    const checkpoint = await options.log.latestCheckpoint(options.roomId);
    const state = (checkpoint?.state as RoomState | undefined) ?? {
      board: new Board().toSnapshot(),
      clients: {},
    };
    const engine = new RoomEngine(options, state, checkpoint?.seq ?? 0);
    engine.lastChangeTime = checkpoint?.time ?? 0;
    const changes = await options.log.changesAfter(options.roomId, engine.seq);
    for (const change of changes) {
      const result = engine.board.apply(change.op as BoardOp, { limits: options.limits });
      if (!result.ok) {
        // A stored change was accepted once, so it applies again; if not, the log is damaged.
        options.logger.error(
          { seq: change.seq, code: result.code },
          'stored change does not apply',
        );
      }
      engine.seq = change.seq;
      engine.lastChangeTime = Math.max(engine.lastChangeTime, change.time);
      if (change.clientId !== undefined && change.clientSeq !== undefined) {
        engine.clients.set(clientKey(change.uid, change.clientId), [change.clientSeq, change.seq]);
      }
    }
    engine.changesSinceCheckpoint = changes.length;
    engine.lastTime = engine.lastChangeTime;
    if (options.isRecord) await engine.resumeRecording();
    return engine;
  }

  /**
   * Continues a historied room's recording: member ids are never reused, and members the
   * recording still shows (the server stopped without their leaving) are recorded as gone at the
   * last moment it recorded anything: nothing says they stayed longer, and a replay should not
   * show them through the time the room stood empty, nor stretch to the next join.
   */
  private async resumeRecording(): Promise<void> {
    const { log, roomId } = this.options;
    const bounds = await log.recordingBounds(roomId);
    this.lastTime = Math.max(this.lastTime, bounds.end ?? 0);
    this.nextMemberId = bounds.lastMemberId + 1;
    const lingering = await log.membersAt(roomId, Number.MAX_SAFE_INTEGER);
    if (lingering.length === 0) return;
    const time = this.lastTime;
    for (const { member } of lingering) {
      this.presenceBatch.push({ type: 'left', time, memberId: member.memberId });
    }
  }

  /** The time to record for what happens now: never earlier than anything recorded before. */
  private stamp(): number {
    this.lastTime = Math.max(this.now(), this.lastTime);
    return this.lastTime;
  }

  get memberCount(): number {
    return this.sessions.size;
  }

  get lastSeq(): number {
    return this.seq;
  }

  private writerCount(): number {
    let writers = 0;
    for (const session of this.sessions.values()) if (session.isWritable) writers += 1;
    return writers;
  }

  private hasWriterRoom(): boolean {
    return this.options.memberLimit === 0 || this.writerCount() < this.options.memberLimit;
  }

  /**
   * Admits a session whose token has been checked. Waits until every accepted change is written,
   * so that the welcome's board and the changes that follow it fit together exactly.
   */
  async join(session: Session, connect: ConnectMessage): Promise<JoinRefusal | undefined> {
    await this.settle();
    if (this.failed) return { code: CLOSE_CODES.goingAway, reason: 'room is reloading' };

    if (session.isWritable && !this.hasWriterRoom()) {
      return { code: CLOSE_CODES.roomFull, reason: 'roomFull' };
    }
    const key = clientKey(session.uid, session.clientId);
    const [lastClientSeq] = this.clients.get(key) ?? [0, 0];
    session.memberId = this.nextMemberId++;
    const members = [...this.sessions.values(), session].map(describeMember);
    // Built before the session is seated: if it cannot be sent, the room is as it was.
    const welcome = JSON.stringify({
      type: 'welcome',
      protocolVersion: PROTOCOL_VERSION,
      memberId: session.memberId,
      isWritable: session.isWritable,
      role: session.role,
      ...this.catchUp(connect.lastSeq),
      lastClientSeq,
      members,
      broadcastState: this.broadcastState,
      serverTime: this.now(),
    } satisfies ServerMessage);

    for (const other of this.sessions.values()) {
      // The same user's same client, reconnecting while its old connection lingers.
      if (clientKey(other.uid, other.clientId) === key) {
        other.transport.close(CLOSE_CODES.replaced, 'replaced by a newer connection');
        this.leave(other);
      }
    }
    this.sessions.set(session.memberId, session);
    session.transport.send(welcome);
    if (this.options.isRecord) {
      const { memberId, uid, payload } = session;
      const member = { memberId, uid, payload: payload ?? null };
      this.presenceBatch.push({ type: 'joined', time: this.stamp(), member });
      this.scheduleFlush();
    }
    this.broadcast({ type: 'memberJoined', member: describeMember(session) }, session);
    return undefined;
  }

  /** The changes a client lacks, or the whole board when it is too far behind. */
  private catchUp(lastSeq: number | undefined): {
    snapshot?: unknown;
    snapshotSeq?: number;
    changes: SequencedChange[];
  } {
    const oldest = this.recent[0]?.seq ?? this.seq + 1;
    if (lastSeq !== undefined && lastSeq <= this.seq && lastSeq >= oldest - 1) {
      // Without client fields: a returning client learns what of its own was applied from
      // lastClientSeq.
      return { changes: this.recent.filter((entry) => entry.seq > lastSeq).map((e) => e.change) };
    }
    return { snapshot: this.board.toSnapshot(), snapshotSeq: this.seq, changes: [] };
  }

  leave(session: Session): void {
    if (this.sessions.get(session.memberId) !== session) return;
    this.sessions.delete(session.memberId);
    if (this.options.isRecord) this.recordLeaving(session.memberId);
    if (this.broadcastState.broadcasterId === session.memberId) {
      this.broadcastState = {};
      this.broadcast({ type: 'broadcastState', broadcastState: this.broadcastState });
    }
    this.broadcast({ type: 'memberLeft', memberId: session.memberId });
    if (this.sessions.size === 0) {
      void this.settle().then(() => {
        if (this.sessions.size === 0) this.options.onIdle?.();
      });
    }
  }

  /** Acts on one validated message of a connected session. */
  handle(session: Session, message: ClientMessage): void {
    switch (message.type) {
      case 'change':
        this.handleChange(session, message.clientSeq, message.op);
        return;
      case 'setMemberState':
        session.memberState = { ...session.memberState, ...message.memberState };
        this.broadcast({ type: 'memberUpdated', member: describeMember(session) });
        return;
      case 'setWritable':
        this.setWritable(session, message.isWritable);
        return;
      case 'presence': {
        if (this.options.isRecord && message.cursor !== undefined) {
          this.sampleCursor(session.memberId, message.cursor, message.scenePath);
        }
        const now = this.now();
        if (now - session.lastPresenceAt < PRESENCE_INTERVAL_MS) return;
        session.lastPresenceAt = now;
        const { type: _type, ...presence } = message;
        this.broadcast({ type: 'presence', memberId: session.memberId, ...presence }, session);
        return;
      }
      case 'moveCamera':
        if (this.broadcastState.broadcasterId !== session.memberId) return;
        this.broadcastState = { ...this.broadcastState, camera: message.camera };
        this.broadcast({ type: 'broadcastState', broadcastState: this.broadcastState }, session);
        return;
      case 'setViewMode':
        this.setViewMode(session, message.mode);
        return;
      case 'magixEvent':
        if (session.role === 'reader') {
          this.sendError(session, ROOM_ERROR_CODES.eventForbidden, 'readers cannot send events');
          return;
        }
        this.broadcast({
          type: 'magixEvent',
          memberId: session.memberId,
          event: message.event,
          payload: message.payload ?? null,
        });
        return;
      case 'ping':
        session.transport.send(
          JSON.stringify({ type: 'pong', id: message.id, serverTime: this.now() }),
        );
        return;
      case 'connect':
        this.sendError(session, ROOM_ERROR_CODES.alreadyConnected, 'already connected');
        return;
      default:
        unexpected(message);
    }
  }

  /** Records a member's cursor, at most once per `presenceSampleMs`; the newest waits its turn. */
  private sampleCursor(
    memberId: number,
    cursor: CursorSample['cursor'],
    scenePath: string | undefined,
  ): void {
    const now = this.now();
    const sample: CursorSample = {
      type: 'cursor',
      time: now,
      memberId,
      cursor,
      ...(scenePath === undefined ? {} : { scenePath }),
    };
    const last = this.cursorSamples.get(memberId);
    if (last && now - last.at < this.options.limits.presenceSampleMs) {
      last.pending = sample;
    } else {
      sample.time = this.stamp();
      this.cursorSamples.set(memberId, { at: sample.time });
      this.presenceBatch.push(sample);
    }
    this.schedulePresenceWrite();
  }

  /**
   * Moves the cursor positions that waited their turn into the batch, stamped with the moment
   * their turn came: the cursor was still there then, since no newer position had arrived.
   */
  private takeWaitingSamples(): void {
    const now = this.now();
    let waiting = false;
    for (const sample of this.cursorSamples.values()) {
      if (!sample.pending) continue;
      const due = sample.at + this.options.limits.presenceSampleMs;
      if (now < due) {
        waiting = true;
        continue;
      }
      this.presenceBatch.push({ ...sample.pending, time: due });
      sample.at = due;
      sample.pending = undefined;
    }
    if (waiting) this.schedulePresenceWrite();
  }

  private recordLeaving(memberId: number): void {
    const time = this.stamp();
    const sample = this.cursorSamples.get(memberId);
    const due = sample && sample.at + this.options.limits.presenceSampleMs;
    if (sample?.pending && due !== undefined && due <= time) {
      this.presenceBatch.push({ ...sample.pending, time: due });
    }
    this.cursorSamples.delete(memberId);
    this.presenceBatch.push({ type: 'left', time, memberId });
    this.scheduleFlush();
  }

  /** Cursor positions alone do not call for a write of their own: they wait a little. */
  private schedulePresenceWrite(): void {
    if (this.presenceTimer) return;
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = undefined;
      this.scheduleFlush();
    }, PRESENCE_WRITE_MS);
    this.presenceTimer.unref();
  }

  private setWritable(session: Session, isWritable: boolean): void {
    if (isWritable && !session.isWritable) {
      if (session.role === 'reader') {
        this.sendError(session, ROOM_ERROR_CODES.writableRefused, 'a reader token cannot write');
        return;
      }
      if (!this.hasWriterRoom()) {
        this.sendError(session, ROOM_ERROR_CODES.writableRefused, 'the room has its writers');
        return;
      }
    }
    session.isWritable = isWritable;
    this.broadcast({ type: 'memberUpdated', member: describeMember(session) });
  }

  private setViewMode(session: Session, mode: 'freedom' | 'broadcaster' | 'follower'): void {
    if (mode === 'broadcaster') {
      if (!session.isWritable) {
        this.sendError(session, ROOM_ERROR_CODES.readOnly, 'only writers can broadcast');
        return;
      }
      this.broadcastState = { broadcasterId: session.memberId };
    } else if (this.broadcastState.broadcasterId === session.memberId) {
      this.broadcastState = {};
    } else {
      return;
    }
    this.broadcast({ type: 'broadcastState', broadcastState: this.broadcastState });
  }

  private handleChange(
    session: Session,
    clientSeq: number,
    op: BoardOp | { type: 'undo' } | { type: 'redo' },
  ): void {
    const [appliedClientSeq, appliedSeq] = this.clients.get(
      clientKey(session.uid, session.clientId),
    ) ?? [0, 0];
    if (clientSeq <= appliedClientSeq) {
      // A resend of a change already applied: it must not be applied twice.
      session.transport.send(JSON.stringify({ type: 'ack', clientSeq, seq: appliedSeq }));
      return;
    }
    if (!session.isWritable) {
      this.reject(session, clientSeq, ROOM_ERROR_CODES.readOnly, 'this member cannot write');
      return;
    }

    const history = this.historyOf(session.uid);
    if (op.type === 'undo' || op.type === 'redo') {
      const ops = op.type === 'undo' ? history.takeUndo() : history.takeRedo();
      if (!ops) {
        this.reject(session, clientSeq, ROOM_ERROR_CODES.nothingToUndo, `nothing to ${op.type}`);
        return;
      }
      const reverse = this.applyAll(session, ops, clientSeq);
      if (reverse.length === 0) {
        this.reject(session, clientSeq, ROOM_ERROR_CODES.nothingToUndo, 'it changed meanwhile');
        return;
      }
      if (op.type === 'undo') history.pushRedo(reverse);
      else history.pushUndo(reverse);
      return;
    }

    const scope = this.scopeOf(op);
    const result = this.board.apply(op, { limits: this.options.limits, withInverse: true });
    if (!result.ok) {
      this.reject(session, clientSeq, result.code, result.message);
      return;
    }
    if (UNDOABLE_OPS.has(op.type)) history.record(result.inverse);
    this.accept(session.uid, op, scope, { clientId: session.clientId, clientSeq });
  }

  /**
   * Applies a change made through the REST API (the scenes endpoints) as an ordinary change of the
   * room; resolves once it is written and sent to everyone, or with the reason it was refused.
   */
  async applyFromServer(
    op: BoardOp,
    uid: string,
  ): Promise<{ ok: true } | { ok: false; code: RoomErrorCode; message: string }> {
    const scope = this.scopeOf(op);
    const result = this.board.apply(op, { limits: this.options.limits });
    if (!result.ok) return result;
    this.accept(uid, op, scope, undefined);
    await this.settle();
    return { ok: true };
  }

  /**
   * Applies the ops of an undo or redo as ordinary changes, skipping any that no longer apply
   * (someone else removed the element meanwhile). Returns the ops that would reverse them.
   */
  private applyAll(session: Session, ops: BoardOp[], clientSeq: number): BoardOp[] {
    const applied: { op: BoardOp; scope: string | undefined }[] = [];
    const reverse: BoardOp[] = [];
    for (const op of ops) {
      const scope = this.scopeOf(op);
      const result = this.board.apply(op, { limits: this.options.limits, withInverse: true });
      if (!result.ok) continue;
      applied.push({ op, scope });
      reverse.unshift(...result.inverse);
    }
    applied.forEach(({ op, scope }, i) =>
      this.accept(
        session.uid,
        op,
        scope,
        i === applied.length - 1 ? { clientId: session.clientId, clientSeq } : undefined,
      ),
    );
    return reverse;
  }

  /**
   * What a change is about to touch, stored with it in a historied room so that replay can show
   * one page without the others. Taken before the change applies: a removal's elements are gone
   * after it.
   */
  private scopeOf(op: BoardOp): string | undefined {
    return this.options.isRecord ? scopeKey(this.board.scopeOf(op)) : undefined;
  }

  /** Numbers an applied change and queues it to be written and then sent to everyone. */
  private accept(
    uid: string,
    op: BoardOp,
    scope: string | undefined,
    author: { clientId: string; clientSeq: number } | undefined,
  ): void {
    this.seq += 1;
    this.lastChangeTime = this.stamp();
    const change: SequencedChange = { seq: this.seq, time: this.lastChangeTime, uid, op };
    const message: { text: string; author?: { key: string; text: string } } = {
      text: JSON.stringify({ type: 'change', change }),
    };
    const stored: StoredChange = { ...change };
    this.bytesSinceCheckpoint += message.text.length;
    if (scope !== undefined) {
      stored.scope = scope;
      this.keyframes.noteChange(op, scope, this.seq, change.time, message.text.length);
    }
    if (author) {
      const key = clientKey(uid, author.clientId);
      this.clients.set(key, [author.clientSeq, this.seq]);
      stored.clientId = author.clientId;
      stored.clientSeq = author.clientSeq;
      message.author = {
        key,
        text: JSON.stringify({ type: 'change', change: { ...change, ...author } }),
      };
    }
    this.batch.push(stored);
    this.batchMessages.push(message);
    this.recent.push({ seq: change.seq, change });
    if (this.recent.length > RECENT_CHANGES_KEPT) this.recent.shift();
    this.scheduleFlush();
  }

  private reject(session: Session, clientSeq: number, code: RoomErrorCode, message: string): void {
    session.transport.send(JSON.stringify({ type: 'reject', clientSeq, code, message }));
  }

  private sendError(session: Session, code: RoomErrorCode, message: string): void {
    session.transport.send(JSON.stringify({ type: 'error', code, message }));
  }

  private historyOf(uid: string): UndoHistory {
    let history = this.histories.get(uid);
    if (!history) {
      history = new UndoHistory(UNDO_DEPTH);
      this.histories.set(uid, history);
    }
    return history;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // Everything that arrives in the same turn of the event loop is written in one transaction.
    setImmediate(() => {
      this.flushScheduled = false;
      this.flushing = this.flushing.then(() => this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (this.failed) return;
    if (this.cursorSamples.size > 0) this.takeWaitingSamples();
    if (this.batch.length === 0 && this.presenceBatch.length === 0) return;
    const changes = this.batch;
    const messages = this.batchMessages;
    const presence = this.presenceBatch;
    this.batch = [];
    this.batchMessages = [];
    this.presenceBatch = [];
    // Taken now, while the board holds exactly the changes of this batch and those before it.
    const keyframes = this.options.isRecord
      ? this.keyframes.takeDue(this.board, this.seq, this.lastChangeTime)
      : undefined;
    try {
      await this.options.log.append(this.options.roomId, changes, presence, keyframes);
    } catch (error) {
      // The board in memory is now ahead of the disk. Nobody has seen these changes: drop every
      // client, who will resend them, and let the room be loaded again from what was written.
      this.failed = true;
      this.options.logger.error(
        { err: error, room: this.options.roomUuid },
        'room log write failed',
      );
      for (const session of [...this.sessions.values()]) {
        session.transport.close(CLOSE_CODES.goingAway, 'room is reloading');
        this.leave(session);
      }
      return;
    }
    for (const message of messages) this.sendToAll(message.text, undefined, message.author);

    this.changesSinceCheckpoint += changes.length;
    if (this.checkpointDue()) await this.checkpoint();
  }

  /** Resolves once every change accepted so far is written and sent. */
  async settle(): Promise<void> {
    const pending = () =>
      this.batch.length > 0 || this.presenceBatch.length > 0 || this.flushScheduled;
    // A failed room writes nothing more: what waits is dropped with it.
    while (!this.failed && pending()) {
      this.flushScheduled = false;
      this.flushing = this.flushing.then(() => this.flush());
      await this.flushing;
    }
    await this.flushing;
  }

  /** Writes the whole state; persistent rooms then drop the changes it covers. */
  async checkpoint(): Promise<void> {
    // Nothing new since the last one (a room only read over REST, say): nothing to write.
    if (this.failed || this.changesSinceCheckpoint === 0) return;
    this.changesSinceCheckpoint = 0;
    this.bytesSinceCheckpoint = 0;
    // A RoomState, written by hand so that the board's pages that did not change since the last
    // checkpoint are not serialised again.
    const clients = JSON.stringify(Object.fromEntries(this.clients));
    const stateJson = `{"board":${this.board.toJson()},"clients":${clients}}`;
    this.lastCheckpointBytes = await this.options.log.saveCheckpoint(
      this.options.roomId,
      { seq: this.seq, time: this.lastChangeTime, stateJson },
      !this.options.isRecord,
    );
  }

  /**
   * A checkpoint is due every `checkpointEvery` changes, but on a large board only once the
   * changes since the last one add up to a quarter of its size: writing the whole board costs
   * about a millisecond per 40 KB on the event loop, and this keeps that under about a quarter of
   * a byte written per byte of change, however large the board grows.
   */
  private checkpointDue(): boolean {
    return (
      this.changesSinceCheckpoint >= this.options.limits.checkpointEvery &&
      this.bytesSinceCheckpoint * CHECKPOINT_GROWTH >= this.lastCheckpointBytes
    );
  }

  /** Removes everyone at once with a reason; the room refuses joins while the cause lasts. */
  closeAll(code: number, reason: string): void {
    for (const session of [...this.sessions.values()]) {
      session.transport.close(code, reason);
      this.leave(session);
    }
  }

  /** For shutdown: writes everything, checkpoints, then tells every client to come back later. */
  async shutdown(): Promise<void> {
    await this.settle();
    await this.checkpoint();
    this.closeAll(CLOSE_CODES.goingAway, 'server shutting down');
    // Their leaving is recorded too.
    await this.settle();
    clearTimeout(this.presenceTimer);
  }

  private broadcast(message: ServerMessage, except?: Session): void {
    this.sendToAll(JSON.stringify(message), except);
  }

  private sendToAll(text: string, except?: Session, author?: { key: string; text: string }): void {
    for (const session of this.sessions.values()) {
      if (session === except) continue;
      const ownChange =
        author !== undefined && clientKey(session.uid, session.clientId) === author.key;
      if (session.transport.bufferedAmount > this.options.limits.maxBufferedBytes) {
        // Memory stays bounded: a reader this slow is dropped and catches up when it reconnects.
        session.transport.close(CLOSE_CODES.slowConsumer, 'too slow to keep up');
        this.leave(session);
        continue;
      }
      session.transport.send(ownChange ? author.text : text);
    }
  }
}

function unexpected(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
