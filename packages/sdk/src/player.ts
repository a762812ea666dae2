import { Board, joinPath, type BoardLimits, type BoardSnapshot } from '@whiteroom/board';
import type { BoardOp, Element, HistorySummary, SequencedChange } from '@whiteroom/protocol';
import { copyElement } from './elements.js';
import { ReplayError } from './errors.js';
import { Emitter, safeCall } from './events.js';
import type { HistoryClient } from './history-client.js';
import type { Logger } from './logger.js';
import { RecordedPresence } from './player-presence.js';
import type {
  PlayerCallbacks,
  PlayerClockSource,
  PlayerCursor,
  PlayerEvents,
  PlayerPhase,
  PlayerState,
  PlayerTimers,
  ReplayRoomParams,
} from './player-types.js';

/** How often a playing player moves its clock and the board. */
export const TICK_MS = 33;
/** How far ahead of the clock changes and member events are fetched. */
const LOOKAHEAD_MS = 30_000;
/** Member events fetched with a board being loaded: a little, so that a seek lands sooner. */
const FIRST_PRESENCE_MS = 2_000;
/** Changes asked for in one request. */
const CHANGES_PER_REQUEST = 2_000;
/** No more changes are fetched while this many wait to be played. */
const MAX_BUFFERED_CHANGES = 5_000;
/** A seek forward applies at most this many buffered changes; a longer one loads the state. */
const MAX_CHANGES_APPLIED_BY_SEEK = 2_000;
const MIN_SPEED = 0.5;
const MAX_SPEED = 4;

/**
 * The server enforced its limits when the changes were made, and may be configured above the
 * defaults: a replay applies what was recorded.
 */
const RECORDED_LIMITS: BoardLimits = {
  maxPointsPerStroke: Number.MAX_SAFE_INTEGER,
  maxElementsPerPage: Number.MAX_SAFE_INTEGER,
  maxPagesPerRoom: Number.MAX_SAFE_INTEGER,
};

export interface PlayerContext {
  history: HistoryClient;
  logger: Logger;
  timers: PlayerTimers;
}

/** The platform's clock and timers. */
export const platformTimers: PlayerTimers = {
  now: typeof performance === 'undefined' ? () => Date.now() : () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Fetches what there is to play and resolves to a player in phase `waitingFirstFrame`, which
 * loads the board at the start by itself.
 */
export async function openPlayer(
  context: PlayerContext,
  params: ReplayRoomParams,
  callbacks: PlayerCallbacks = {},
): Promise<Player> {
  const summary = await context.history.summary();
  const begin = params.beginTimestamp ?? summary.beginTimestamp;
  if (!Number.isInteger(begin) || begin < summary.beginTimestamp || begin > summary.endTimestamp) {
    throw new RangeError(
      `beginTimestamp must be within the recording, ${summary.beginTimestamp} to ${summary.endTimestamp}`,
    );
  }
  const rest = summary.endTimestamp - begin;
  const asked = params.duration ?? rest;
  if (!Number.isFinite(asked) || asked < 0) {
    throw new RangeError('duration must be a number of milliseconds, 0 or more');
  }
  // Past the end there is nothing to play: a longer duration would only stretch the timeline.
  const duration = Math.min(asked, rest);
  const player = new Player(context, summary, begin, duration, callbacks);
  player.start();
  return player;
}

interface SeekWaiter {
  resolve(landed: boolean): void;
  /** A seek applying buffered changes, held up on the way by a page to load. */
  target?: number;
}

/**
 * A recorded room played back: the board, the members and their cursors as they were at
 * `progressTime` milliseconds after `beginTimestamp`.
 *
 * The player holds the board at one moment and the changes after it, fetched in chunks ahead of
 * the clock. Playing applies the changes whose time has come; a seek forward and near applies
 * those in between, and any other seek loads the board at the new moment. Every load starts a new
 * epoch: answers to the requests of an earlier one are dropped, so the last seek wins.
 *
 * The board holds the elements of the pages loaded: the current page when the board was loaded,
 * and each page the replay turned to since, fetched as it turns (playback waits meanwhile).
 * Changes to the other pages are skipped; those pages are loaded as they are when shown.
 */
export class Player {
  readonly room: string;
  /** Where playback starts, epoch milliseconds. */
  readonly beginTimestamp: number;
  /** How long playback lasts, milliseconds. */
  readonly timeDuration: number;

  private readonly events: Emitter<PlayerEvents>;
  private readonly logger: Logger;
  private readonly timers: PlayerTimers;
  private readonly history: HistoryClient;
  /** The last moment there is anything to fetch for. */
  private readonly dataEnd: number;

  private currentPhase: PlayerPhase = 'waitingFirstFrame';
  private wantsPlay = false;
  private ended = false;
  private stopped = false;
  private loaded = false;
  private loading = false;
  /** The moment the clock wants but the data has not reached yet, while buffering. */
  private waitingFor: number | undefined;

  private progress = 0;
  private speed = 1;
  private clockSource: PlayerClockSource | undefined;
  /** The own clock: `progress` at wall time `wall`, moving at `speed`. */
  private anchor = { progress: 0, wall: 0 };
  private tickHandle: unknown;

  private epoch = 0;
  private abort = new AbortController();
  private seekWaiter: SeekWaiter | undefined;

  private board = new Board();
  private revisionBase = 0;
  /** The board holds every change up to this time (epoch milliseconds). */
  private boardTime: number;
  /** The seq of the last change the board holds. */
  private boardSeq = 0;
  /** The pages whose elements the board holds. */
  private loadedPages = new Set<string>();
  /** The page being fetched, when the replay turned to a page not loaded. */
  private pageInFlight: string | undefined;
  private readonly presence = new RecordedPresence();
  /** Changes after the board, fetched; those from `head` on are not applied yet. */
  private changes: SequencedChange[] = [];
  private head = 0;
  private bufferedSeq = 0;
  /** Every change up to this time is on the board or in `changes`. */
  private changesCovered: number;
  private changesInFlight = false;
  private presenceInFlight = false;
  private playerState: PlayerState;

  /** @internal Use `WhiteWebSdk.replayRoom`. */
  constructor(
    context: PlayerContext,
    summary: HistorySummary,
    begin: number,
    duration: number,
    private readonly callbacks: PlayerCallbacks,
  ) {
    this.room = summary.uuid;
    this.beginTimestamp = begin;
    this.timeDuration = duration;
    this.history = context.history;
    this.logger = context.logger;
    this.timers = context.timers;
    this.events = new Emitter<PlayerEvents>(context.logger);
    // Recorded times are whole milliseconds; a duration from a media element is not.
    this.dataEnd = Math.min(Math.floor(begin + duration), summary.endTimestamp);
    this.boardTime = begin;
    this.changesCovered = begin;
    this.playerState = {
      globalState: {},
      sceneState: this.board.sceneState(),
      roomMembers: [],
    };
  }

  /** @internal */
  start(): void {
    void this.load(0);
  }

  get phase(): PlayerPhase {
    return this.currentPhase;
  }

  /** Milliseconds from `beginTimestamp` of the moment the board shows. */
  get progressTime(): number {
    return this.progress;
  }

  get playbackSpeed(): number {
    return this.speed;
  }

  /** 0.5 to 4; the own clock only (a clock source keeps its own pace). */
  set playbackSpeed(speed: number) {
    if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
      throw new RangeError(`playbackSpeed must be from ${MIN_SPEED} to ${MAX_SPEED}`);
    }
    this.anchor = { progress: this.ownClockTarget(), wall: this.timers.now() };
    this.speed = speed;
  }

  /** The room's shared JSON, its current page and its members, as they were at the moment. */
  get state(): Readonly<PlayerState> {
    return this.playerState;
  }

  /** Every recorded member's cursor at the moment, by memberId. */
  get cursors(): PlayerCursor[] {
    return this.presence.cursors();
  }

  /** Grows with every change of the board shown, across loads. */
  get boardRevision(): number {
    return this.revisionBase + this.board.revision;
  }

  on<K extends keyof PlayerEvents>(name: K, listener: PlayerEvents[K]): () => void {
    return this.events.on(name, listener);
  }

  off<K extends keyof PlayerEvents>(name: K, listener: PlayerEvents[K]): void {
    this.events.off(name, listener);
  }

  /**
   * Copies of the elements of a page (the current one by default), bottom to top. A page the
   * replay has not shown since it last loaded the board is empty here.
   */
  getElements(scenePath?: string): Element[] {
    return this.board.getElements(scenePath).map(copyElement);
  }

  getElement(id: string): Element | undefined {
    const element = this.board.getElement(id);
    return element && copyElement(element);
  }

  /** A copy of the board at the moment, with the elements of the pages loaded (above). */
  getSnapshot(): BoardSnapshot {
    return this.board.toSnapshot();
  }

  // Controls --------------------------------------------------------------------------------------

  /** Plays from the moment shown; from the beginning after `ended`. Nothing after `stop`. */
  play(): void {
    if (this.stopped || (this.wantsPlay && !this.ended)) return;
    if (this.ended) {
      this.ended = false;
      this.wantsPlay = true;
      void this.seekToProgressTime(0);
    } else {
      this.wantsPlay = true;
      this.anchor = { progress: this.progress, wall: this.timers.now() };
    }
    this.updatePhase();
    this.scheduleTick();
  }

  pause(): void {
    if (this.stopped || !this.wantsPlay) return;
    if (this.isClockRunning()) this.moveTo(this.clockTarget());
    this.wantsPlay = false;
    this.waitingFor = undefined;
    this.cancelTick();
    this.updatePhase();
  }

  /** Ends playback for good: requests in flight are abandoned, and the phase becomes `stop`. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.epoch += 1;
    this.abort.abort();
    this.cancelTick();
    this.settleSeek(false);
    this.changes = [];
    this.head = 0;
    this.updatePhase();
  }

  /**
   * Shows the moment `progressTime` milliseconds from the start (clamped to the duration).
   * Resolves to true once the board shows it; to false when a later seek, or `stop`, came first.
   * From `ended` it leaves the player paused at that moment.
   */
  seekToProgressTime(progressTime: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    if (!Number.isFinite(progressTime)) throw new RangeError('progressTime must be a number');
    const target = clamp(progressTime, 0, this.timeDuration);
    if (this.ended) {
      this.ended = false;
      this.wantsPlay = false;
    }
    this.waitingFor = undefined;

    this.settleSeek(false);
    if (this.loaded && !this.loading && this.canApplyUpTo(this.dataTime(target))) {
      const reached = this.advance(target);
      this.anchor = { progress: this.progress, wall: this.timers.now() };
      this.updatePhase();
      if (reached) return Promise.resolve(true);
      return new Promise((resolve) => {
        this.seekWaiter = { resolve, target };
      });
    }
    return new Promise((resolve) => {
      this.seekWaiter = { resolve };
      void this.load(target);
    });
  }

  /**
   * Makes the player follow `source()` (milliseconds from the start, a media element's position
   * for example) instead of its own clock while playing; undefined goes back to the own clock.
   * `play` and `pause` still say whether the player follows; a jump of the source is a seek.
   */
  setClockSource(source: PlayerClockSource | undefined): void {
    this.clockSource = source;
    this.anchor = { progress: this.progress, wall: this.timers.now() };
  }

  // The clock -------------------------------------------------------------------------------------

  private isClockRunning(): boolean {
    return this.wantsPlay && this.loaded && !this.loading && !this.stopped && !this.ended;
  }

  /** Where the clock says playback is now. */
  private clockTarget(): number {
    if (!this.clockSource) return this.ownClockTarget();
    const time = this.clockSource();
    return Number.isFinite(time) ? clamp(time, 0, this.timeDuration) : this.progress;
  }

  private ownClockTarget(): number {
    if (!this.isClockRunning()) return this.progress;
    const elapsed = (this.timers.now() - this.anchor.wall) * this.speed;
    return clamp(this.anchor.progress + elapsed, 0, this.timeDuration);
  }

  private scheduleTick(): void {
    if (this.tickHandle !== undefined || !this.wantsPlay || this.stopped || this.ended) return;
    this.tickHandle = this.timers.setTimeout(() => this.onTick(), TICK_MS);
  }

  private cancelTick(): void {
    if (this.tickHandle === undefined) return;
    this.timers.clearTimeout(this.tickHandle);
    this.tickHandle = undefined;
  }

  private onTick(): void {
    this.tickHandle = undefined;
    if (this.isClockRunning()) this.moveTo(this.clockTarget());
    this.scheduleTick();
  }

  /** Moves playback to where the clock is, as far as the data allows. */
  private moveTo(target: number): void {
    const at = this.dataTime(target);
    if (at < this.boardTime) {
      // Only a clock source goes back; it is a seek.
      void this.load(target);
      return;
    }
    const reachable = this.reachable();
    if (at <= reachable) {
      this.waitingFor = undefined;
      if (!this.advance(target)) {
        // Held up by a page to load: wait for it as for late data.
        this.waitingFor = at;
        this.anchor = { progress: this.progress, wall: this.timers.now() };
      } else if (target >= this.timeDuration) {
        this.end();
        return;
      }
    } else if (this.clockSource && at - reachable > LOOKAHEAD_MS) {
      // A clock source jumped far ahead: cheaper to load the board there than to fetch the way.
      void this.load(target);
      return;
    } else {
      // The data is late: show what has arrived and hold the own clock there.
      this.waitingFor = at;
      this.advance(Math.max(this.progress, reachable - this.beginTimestamp));
      this.anchor = { progress: this.progress, wall: this.timers.now() };
      this.pump();
    }
    this.updatePhase();
  }

  private end(): void {
    this.ended = true;
    this.wantsPlay = false;
    this.waitingFor = undefined;
    this.cancelTick();
    this.updatePhase();
  }

  // The data --------------------------------------------------------------------------------------

  /**
   * The moment of the recording a progress time shows, in the whole milliseconds recorded times
   * are in: a clock, a media element or a timeline gives fractions, and the board at 1500.7 ms is
   * the board at 1500 ms.
   */
  private dataTime(progress: number): number {
    return Math.min(Math.floor(this.beginTimestamp + progress), this.dataEnd);
  }

  /** How far the board can be moved with what has arrived. */
  private reachable(): number {
    if (this.pageInFlight !== undefined) return this.boardTime;
    const covered = Math.min(this.changesCovered, this.presence.covered);
    return covered >= this.dataEnd ? this.dataEnd : covered;
  }

  private canApplyUpTo(at: number): boolean {
    if (at < this.boardTime || at > this.reachable() || this.pageInFlight !== undefined) {
      return false;
    }
    let count = 0;
    for (let i = this.head; i < this.changes.length; i++) {
      if ((this.changes[i] as SequencedChange).time > at) break;
      if (++count >= MAX_CHANGES_APPLIED_BY_SEEK) return false;
    }
    return true;
  }

  /**
   * Applies what has arrived up to `progress`, and reports what changed. Returns false when it
   * stopped short, at a page to load.
   */
  private advance(progress: number): boolean {
    const at = this.dataTime(progress);
    const touched = { board: false, global: false, scenes: false };
    let stoppedAt: number | undefined;
    for (; this.head < this.changes.length; this.head++) {
      const change = this.changes[this.head] as SequencedChange;
      if (change.time > at) break;
      if (this.pageInFlight !== undefined) {
        stoppedAt = change.time;
        break;
      }
      this.applyChange(change, touched);
      this.boardSeq = change.seq;
      if (!this.loadedPages.has(this.board.scenePath)) {
        this.head += 1;
        stoppedAt = change.time;
        this.loadPage(this.board.scenePath);
        break;
      }
    }
    if (this.head > 1024 && this.head * 2 > this.changes.length) {
      this.changes = this.changes.slice(this.head);
      this.head = 0;
    }
    // Stopped within a millisecond: every change before it is on the board.
    const reached = stoppedAt === undefined ? at : Math.max(this.boardTime, stoppedAt - 1);
    const presence = this.presence.advanceTo(reached);
    this.boardTime = Math.max(this.boardTime, reached);

    const modified: Partial<PlayerState> = {};
    if (touched.global) modified.globalState = structuredClone({ ...this.board.globalState });
    if (touched.scenes) modified.sceneState = this.board.sceneState();
    if (presence.members) modified.roomMembers = this.presence.roomMembers();
    // State first, so that a boardChanged listener reading `state` sees the same moment.
    this.stateChanged(modified);
    if (touched.board) this.events.emit('boardChanged', this.boardRevision);
    if (presence.cursors) this.events.emit('cursors', this.presence.cursors());
    const shown = stoppedAt === undefined ? progress : reached - this.beginTimestamp;
    this.setProgress(Math.max(this.progress, shown));
    this.pump();
    return stoppedAt === undefined;
  }

  private applyChange(
    change: SequencedChange,
    touched: Record<'board' | 'global' | 'scenes', boolean>,
  ): void {
    const { op } = change;
    const scope = this.board.scopeOf(op);
    // Changes to pages not loaded are skipped: those pages are loaded as they are when shown.
    if (scope.kind === 'elsewhere') return;
    if (scope.kind === 'page' && !this.loadedPages.has(scope.path)) return;

    const result = this.board.apply(op, { limits: RECORDED_LIMITS, skipMissing: true });
    if (!result.ok) {
      // NOTE: the recording does not fit its own board; the change is skipped rather than the
      // replay stopped, and the next load (a seek) shows the server's board again.
      this.logger.error({ seq: change.seq, code: result.code }, 'a recorded change did not apply');
      return;
    }
    // A page made now is whole from the start.
    if (op.type === 'putScenes') {
      for (const scene of op.scenes) this.loadedPages.add(joinPath(op.dir, scene.name));
    }
    touched.board = true;
    const { global, scenes } = touches(op);
    touched.global ||= global;
    touched.scenes ||= scenes;
  }

  /** Fetches a page the replay turned to, as it is at the board's seq; playback waits for it. */
  private loadPage(path: string): void {
    const epoch = this.epoch;
    const seq = this.boardSeq;
    this.pageInFlight = path;
    this.history
      .state({ seq }, path, this.abort.signal)
      .then((state) => {
        if (epoch !== this.epoch) return;
        this.pageInFlight = undefined;
        const page = state.board.pages[path] ?? { order: [], elements: {} };
        if (!this.board.setPage(path, page, { adopt: true })) {
          throw new ReplayError(
            'invalidAnswer',
            `the server's replay answer is not valid: page ${path} does not fit the board`,
          );
        }
        this.loadedPages.add(path);
        this.events.emit('boardChanged', this.boardRevision);
        this.pageArrived();
      })
      .catch((error: unknown) => {
        if (epoch === this.epoch) this.fail(error);
      });
  }

  /** A page arrived: a seek held up by it goes on, or else the clock. */
  private pageArrived(): void {
    const seek = this.seekWaiter;
    if (seek?.target === undefined) {
      this.arrived();
      return;
    }
    if (this.advance(seek.target)) {
      this.waitingFor = undefined;
      this.settleSeek(true);
      this.anchor = { progress: this.progress, wall: this.timers.now() };
    }
    this.updatePhase();
  }

  /** Loads the board at `target` from the server, with the members then, and starts over. */
  private async load(target: number): Promise<void> {
    const epoch = ++this.epoch;
    this.abort.abort();
    this.abort = new AbortController();
    const { signal } = this.abort;
    this.loading = true;
    this.changesInFlight = false;
    this.presenceInFlight = false;
    this.pageInFlight = undefined;
    this.waitingFor = undefined;
    this.updatePhase();

    const at = this.dataTime(target);
    let state;
    let presence;
    try {
      [state, presence] = await Promise.all([
        this.history.state({ at }, undefined, signal),
        this.history.presence(at, Math.min(this.dataEnd, at + FIRST_PRESENCE_MS), signal),
      ]);
    } catch (error) {
      if (epoch === this.epoch) this.fail(error);
      return;
    }
    if (epoch !== this.epoch) return;

    this.revisionBase = this.boardRevision + 1;
    this.board = new Board(state.board, { adopt: true });
    this.boardTime = at;
    this.boardSeq = state.seq;
    this.loadedPages = new Set(state.pages);
    this.bufferedSeq = state.seq;
    this.changes = [];
    this.head = 0;
    this.changesCovered = at;
    this.presence.reset(presence);
    this.loading = false;
    this.loaded = true;

    this.stateChanged({
      globalState: structuredClone({ ...this.board.globalState }),
      sceneState: this.board.sceneState(),
      roomMembers: this.presence.roomMembers(),
    });
    this.events.emit('boardChanged', this.boardRevision);
    this.events.emit('cursors', this.presence.cursors());
    this.setProgress(target, true);
    this.settleSeek(true);
    this.updatePhase();
    this.pump();
    this.scheduleTick();
  }

  /** Asks for what the clock will need soon. */
  private pump(): void {
    if (this.stopped || this.loading || !this.loaded) return;
    this.pumpChanges();
    this.pumpPresence();
  }

  private pumpChanges(): void {
    if (this.changesInFlight || this.changesCovered >= this.dataEnd) return;
    const starving = this.waitingFor !== undefined && this.waitingFor > this.changesCovered;
    const buffered = this.changes.length - this.head;
    const ahead = this.changesCovered - this.boardTime;
    // A clock waiting for changes gets them even past the buffer's size, so that changes all
    // made in one millisecond cannot hold it up for good.
    if (!starving && (ahead >= LOOKAHEAD_MS / 2 || buffered >= MAX_BUFFERED_CHANGES)) return;

    const from = Math.max(this.boardTime, this.waitingFor ?? 0);
    const until = Math.min(this.dataEnd, from + LOOKAHEAD_MS);
    const epoch = this.epoch;
    const covered = this.changesCovered;
    this.changesInFlight = true;
    this.history
      .changes(this.bufferedSeq, until, CHANGES_PER_REQUEST, this.abort.signal)
      .then((answer) => {
        if (epoch !== this.epoch) return;
        this.changesInFlight = false;
        const [first] = answer.changes;
        if (first && first.time <= covered) {
          throw new ReplayError(
            'invalidAnswer',
            `the server's replay answer is not valid: change ${first.seq} was due earlier`,
          );
        }
        const last = answer.changes.at(-1);
        for (const change of answer.changes) this.changes.push(change);
        if (last) this.bufferedSeq = last.seq;
        // Cut short by the limit: more changes may share the last one's time.
        this.changesCovered = answer.more && last ? Math.max(covered, last.time - 1) : until;
        this.arrived();
      })
      .catch((error: unknown) => {
        if (epoch === this.epoch) this.fail(error);
      });
  }

  private pumpPresence(): void {
    const covered = this.presence.covered;
    if (this.presenceInFlight || covered >= this.dataEnd) return;
    const starving = this.waitingFor !== undefined && this.waitingFor > covered;
    if (!starving && covered - this.boardTime >= LOOKAHEAD_MS / 2) return;

    const to = Math.min(
      this.dataEnd,
      Math.max(this.boardTime, this.waitingFor ?? 0) + LOOKAHEAD_MS,
    );
    const epoch = this.epoch;
    this.presenceInFlight = true;
    this.history
      .presence(covered, to, this.abort.signal)
      .then((answer) => {
        if (epoch !== this.epoch) return;
        this.presenceInFlight = false;
        this.presence.append(answer);
        this.arrived();
      })
      .catch((error: unknown) => {
        if (epoch === this.epoch) this.fail(error);
      });
  }

  /** Data arrived: a clock waiting for it moves on, and the next request goes out. */
  private arrived(): void {
    if (this.waitingFor !== undefined && this.isClockRunning()) {
      this.moveTo(this.clockTarget());
    } else {
      this.pump();
    }
  }

  // Reporting -------------------------------------------------------------------------------------

  private updatePhase(): void {
    const phase = this.computePhase();
    if (phase === this.currentPhase) return;
    this.currentPhase = phase;
    // The own clock starts from the moment shown whenever playback (re)starts.
    if (phase === 'playing') this.anchor = { progress: this.progress, wall: this.timers.now() };
    this.notify('onPhaseChanged', phase);
    this.events.emit('phaseChanged', phase);
  }

  private computePhase(): PlayerPhase {
    if (this.stopped) return 'stop';
    if (!this.loaded) return 'waitingFirstFrame';
    if (this.ended) return 'ended';
    if (!this.wantsPlay) return 'pause';
    if (this.loading || this.waitingFor !== undefined) return 'buffering';
    return 'playing';
  }

  private setProgress(progress: number, always = false): void {
    if (progress === this.progress && !always) return;
    this.progress = progress;
    this.notify('onProgressTimeChanged', progress);
    this.events.emit('progressTimeChanged', progress);
  }

  private stateChanged(modified: Partial<PlayerState>): void {
    if (Object.keys(modified).length === 0) return;
    this.playerState = { ...this.playerState, ...modified };
    this.notify('onPlayerStateChanged', modified);
    this.events.emit('stateChanged', modified);
  }

  private settleSeek(landed: boolean): void {
    const waiter = this.seekWaiter;
    this.seekWaiter = undefined;
    waiter?.resolve(landed);
  }

  /** Stops for good because of an error, and says why. */
  private fail(error: unknown): void {
    if (this.stopped) return;
    const reason = error instanceof Error ? error : new Error(String(error));
    this.logger.error({ err: reason, room: this.room }, 'the replay stopped');
    this.stop();
    this.notify('onStoppedWithError', reason);
  }

  private notify<K extends keyof PlayerCallbacks>(
    name: K,
    ...args: Parameters<NonNullable<PlayerCallbacks[K]>>
  ): void {
    const callback = this.callbacks[name] as ((...args: unknown[]) => void) | undefined;
    safeCall(this.logger, name, callback?.bind(this.callbacks), args);
  }
}

/** Which parts of what a player reports a change touches besides the elements. */
function touches(op: BoardOp): { global: boolean; scenes: boolean } {
  switch (op.type) {
    case 'setGlobalState':
      return { global: true, scenes: false };
    case 'putScenes':
    case 'moveScene':
    case 'setScenePath':
    case 'removeScenes':
      return { global: false, scenes: true };
    case 'addElement':
    case 'updateElement':
    case 'appendPoints':
    case 'removeElements':
    case 'reorderElement':
    case 'cleanScene':
      return { global: false, scenes: false };
    default:
      return unexpected(op);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}

function unexpected(value: never): never {
  throw new Error(`unexpected change ${JSON.stringify(value)}`);
}
