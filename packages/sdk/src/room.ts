import {
  CLOSE_CODES,
  KICK_REASONS,
  PROTOCOL_VERSION,
  ROOM_ERROR_CODES,
  type BoardOp,
  type BroadcastState,
  type Camera,
  type ClientMessage,
  type ConnectMessage,
  type Element,
  type ElementPatch,
  type MemberState,
  type RoomMember,
  type SceneDescription,
  type SequencedChange,
  type ServerMessage,
  type ViewMode,
  type WelcomeMessage,
} from '@whiteroom/protocol';
import type { Board, BoardSnapshot } from '@whiteroom/board';
import { Connection, type ConnectionClose } from './connection.js';
import {
  copyElement,
  imageElement,
  textElement,
  withId,
  type ElementInput,
  type ImageInformation,
} from './elements.js';
import { ConnectionError, RoomError } from './errors.js';
import { Emitter, safeCall } from './events.js';
import { randomId } from './ids.js';
import { LocalBoard, type PendingChange } from './local-board.js';
import {
  DEFAULT_CAMERA,
  DEFAULT_MEMBER_STATE,
  broadcastView,
  memberList,
  viewModeAfter,
  type CameraState,
  type RoomPhase,
  type RoomState,
} from './state.js';
import { Throttle } from './throttle.js';
import type {
  JoinRoomParams,
  MagixEventListener,
  PresenceInput,
  PresenceUpdate,
  RoomCallbacks,
  RoomContext,
  RoomEvents,
} from './room-types.js';
import { boardOpProblem, clientMessageProblem, isBoardSnapshot, isOversized } from './validate.js';

/** Presence and camera updates go out at most this often (about 30 per second). */
const THROTTLE_MS = 33;
/** How long `disconnect` waits for pending changes to be acknowledged. */
const DRAIN_TIMEOUT_MS = 2_000;
/** Custom events kept while disconnected, oldest dropped first. */
const MAX_QUEUED_EVENTS = 256;

interface WritableRequest {
  value: boolean;
  resolve(): void;
  reject(error: Error): void;
}

interface JoinWaiter {
  resolve(room: Room): void;
  reject(error: Error): void;
}

/** Opens a room; resolves on the first welcome, rejects when the server refuses for good. */
export function openRoom(
  context: RoomContext,
  params: JoinRoomParams,
  callbacks: RoomCallbacks = {},
): Promise<Room> {
  return new Promise((resolve, reject) => {
    const room = new Room(context, params, callbacks, { resolve, reject });
    room.start();
  });
}

/**
 * A joined room. The board shown is the server's plus this client's changes not yet confirmed, so
 * drawing is immediate; changes made while the connection is down wait and go out on reconnect.
 */
export class Room {
  readonly uuid: string;
  readonly uid: string;
  /** Identifies this Room object to the server across reconnects, so resent changes apply once. */
  readonly clientId = randomId(21);

  private currentPhase: RoomPhase = 'connecting';
  private writable: boolean;
  private member: number | undefined;
  private memberRole: RoomMember['role'] | undefined;
  private roomState: RoomState;

  private readonly local = new LocalBoard();
  private readonly connection: Connection;
  private readonly events: Emitter<RoomEvents>;
  private readonly magixListeners = new Map<string, Set<MagixEventListener>>();
  private readonly members = new Map<number, RoomMember>();

  /** Whether the current socket completed its handshake. */
  private welcomed = false;
  private everWelcomed = false;
  /** What the current socket's handshake sent as lastSeq. */
  private sentLastSeq: number | undefined;
  private wantWritable: boolean;
  private wantBroadcaster = false;
  private viewMode: ViewMode = 'freedom';
  private serverBroadcast: BroadcastState = {};
  private writableRequest: WritableRequest | undefined;
  private presenceDraft: PresenceInput = {};
  private readonly presenceThrottle = new Throttle(THROTTLE_MS, () => this.sendPresence());
  private readonly cameraThrottle = new Throttle(THROTTLE_MS, () => this.sendCamera());
  private queuedEvents: ClientMessage[] = [];
  private readonly settleWaiters = new Set<() => void>();
  private joinTimer: ReturnType<typeof setTimeout> | undefined;
  private closing: Promise<void> | undefined;
  private lastClose: { code: number; reason: string } | undefined;

  /** @internal Use `WhiteWebSdk.joinRoom`. */
  constructor(
    private readonly context: RoomContext,
    private readonly params: JoinRoomParams,
    private readonly callbacks: RoomCallbacks,
    private join: JoinWaiter | undefined,
  ) {
    this.uuid = params.uuid;
    this.uid = params.uid;
    this.writable = params.isWritable ?? true;
    this.wantWritable = this.writable;
    this.events = new Emitter<RoomEvents>(context.logger);
    this.roomState = {
      globalState: {},
      memberState: { ...DEFAULT_MEMBER_STATE, ...params.memberState },
      roomMembers: [],
      sceneState: this.local.board.sceneState(),
      cameraState: { ...DEFAULT_CAMERA },
      broadcastState: { mode: 'freedom' },
    };
    this.connection = new Connection({
      url: context.url,
      WebSocket: context.WebSocket,
      logger: context.logger,
      handler: {
        opened: () => this.onOpened(),
        received: (message) => this.onMessage(message),
        closed: (close) => this.onClosed(close),
      },
    });
  }

  /** @internal */
  start(): void {
    const problem = clientMessageProblem(this.connectMessage());
    if (problem) {
      this.fail(new RoomError('invalidArgument', `cannot join with these parameters: ${problem}`));
      return;
    }
    this.joinTimer = setTimeout(() => this.onJoinTimeout(), this.context.joinTimeoutMs);
    this.connection.start();
  }

  get phase(): RoomPhase {
    return this.currentPhase;
  }

  /** Whether this member may change the board now. */
  get isWritable(): boolean {
    return this.writable;
  }

  /** This member's id in the room, given by the server on every (re)connect; undefined before. */
  get memberId(): number | undefined {
    return this.member;
  }

  /** The power of the token this member joined with. */
  get role(): RoomMember['role'] | undefined {
    return this.memberRole;
  }

  get state(): Readonly<RoomState> {
    return this.roomState;
  }

  /** Grows with every change of the board. */
  get boardRevision(): number {
    return this.local.revision;
  }

  /** Changes of this client the server has not yet acknowledged or refused. */
  get pendingChangeCount(): number {
    return this.local.pendingChanges.length;
  }

  /** Frames from the server that were not valid messages; they were ignored. */
  get invalidFrameCount(): number {
    return this.connection.invalidFrames;
  }

  on<K extends keyof RoomEvents>(name: K, listener: RoomEvents[K]): () => void {
    return this.events.on(name, listener);
  }

  off<K extends keyof RoomEvents>(name: K, listener: RoomEvents[K]): void {
    this.events.off(name, listener);
  }

  // Board reads -----------------------------------------------------------------------------------

  /** Copies of the elements of a page (the current one by default), bottom to top. */
  getElements(scenePath?: string): Element[] {
    return this.board.getElements(scenePath).map(copyElement);
  }

  getElement(id: string): Element | undefined {
    const element = this.board.getElement(id);
    return element && copyElement(element);
  }

  /** A copy of the whole board as shown: every page, the current page and the global state. */
  getSnapshot(): BoardSnapshot {
    return this.board.toSnapshot();
  }

  private get board(): Board {
    return this.local.board;
  }

  // Board changes ---------------------------------------------------------------------------------

  /** Shallow-merges into the room's shared JSON; a key set to null is removed. */
  setGlobalState(partial: Record<string, unknown>): void {
    this.propose({ type: 'setGlobalState', patch: partial });
  }

  /** Adds pages to a folder (made when missing), at `index` among its pages or at the end. */
  putScenes(dir: string, scenes: SceneDescription[], index?: number): void {
    this.propose(
      index === undefined
        ? { type: 'putScenes', dir, scenes }
        : { type: 'putScenes', dir, scenes, index },
    );
  }

  /** Makes a page the current one, for everyone in the room. */
  setScenePath(path: string): void {
    this.propose({ type: 'setScenePath', path });
  }

  /** Removes a page, or a folder with all its pages. */
  removeScenes(path: string): void {
    this.propose({ type: 'removeScenes', path });
  }

  moveScene(path: string, index: number): void {
    this.propose({ type: 'moveScene', path, index });
  }

  /** Removes everything on the current page; images stay when `retainImages`. */
  cleanCurrentScene(retainImages = false): void {
    this.propose({ type: 'cleanScene', scenePath: this.board.scenePath, retainImages });
  }

  /** Undoes this member's last change. The server does it, so the board changes on its answer. */
  undo(): void {
    this.proposeHistory('undo');
  }

  redo(): void {
    this.proposeHistory('redo');
  }

  /** Adds text at `(x, y)` in this member's text size and stroke colour; returns its id. */
  insertText(x: number, y: number, text: string): string {
    return this.addElement(textElement(x, y, text, this.roomState.memberState));
  }

  /** Adds an image centred on `(centerX, centerY)`; returns its id. */
  insertImage(image: ImageInformation): string {
    return this.addElement(imageElement(image));
  }

  /** Adds an element to a page (the current one by default), on top; returns its id. */
  addElement(element: ElementInput, scenePath: string = this.board.scenePath): string {
    const complete = withId(element);
    this.propose({ type: 'addElement', scenePath, element: complete });
    return complete.id;
  }

  /** Changes some properties of an element; a property set to null is removed. */
  updateElement(id: string, patch: ElementPatch): void {
    this.propose({ type: 'updateElement', id, patch });
  }

  removeElements(ids: string[]): void {
    this.propose({ type: 'removeElements', ids });
  }

  /** Adds `[x, y, pressure, ...]` to the end of a pencil stroke, for strokes drawn live. */
  appendPoints(id: string, points: number[]): void {
    this.propose({ type: 'appendPoints', id, points });
  }

  /** Moves an element to a position in its page's stacking order (0 is the bottom). */
  reorderElement(id: string, index: number): void {
    this.propose({ type: 'reorderElement', id, index });
  }

  // Member, camera, presence, events --------------------------------------------------------------

  /** Merges into this member's tool and style, shown to the others. */
  setMemberState(partial: Partial<MemberState>): void {
    this.assertOpen();
    const memberState: MemberState = { ...this.roomState.memberState, ...partial };
    const message: ClientMessage = { type: 'setMemberState', memberState };
    this.check(message);
    this.roomState = { ...this.roomState, memberState };
    if (this.welcomed) this.connection.send(message);
    this.stateChanged({ memberState });
  }

  /**
   * Moves this client's view. While this member is the broadcaster its followers follow; a
   * follower's own move lasts until the broadcaster's next.
   */
  moveCamera(camera: Partial<Camera>): void {
    this.assertOpen();
    const { centerX, centerY, scale } = { ...this.roomState.cameraState, ...camera };
    this.check({ type: 'moveCamera', camera: { centerX, centerY, scale } });
    const cameraState: CameraState = { ...this.roomState.cameraState, centerX, centerY, scale };
    this.roomState = { ...this.roomState, cameraState };
    if (this.viewMode === 'broadcaster') this.cameraThrottle.request();
    this.stateChanged({ cameraState });
  }

  /** Records the size of the application's view of the board, reported in `cameraState`. */
  setViewSize(width: number, height: number): void {
    const cameraState: CameraState = { ...this.roomState.cameraState, width, height };
    this.roomState = { ...this.roomState, cameraState };
    this.stateChanged({ cameraState });
  }

  /**
   * `broadcaster` asks the server to make this member the one others follow (the mode changes when
   * it agrees); `freedom` stops broadcasting or following; `follower` follows the broadcaster.
   */
  setViewMode(mode: ViewMode): void {
    this.assertOpen();
    if (mode === 'broadcaster') {
      // The server lets only writers broadcast.
      this.assertWritable();
      this.wantBroadcaster = true;
      if (this.viewMode !== 'broadcaster') this.send({ type: 'setViewMode', mode });
      return;
    }
    this.wantBroadcaster = false;
    if (this.viewMode === 'broadcaster') this.send({ type: 'setViewMode', mode: 'freedom' });
    this.viewMode = mode;
    const modified: Partial<RoomState> = {};
    if (mode === 'follower') Object.assign(modified, this.followCamera());
    this.stateChanged(this.withBroadcastView(modified));
  }

  /** Sends a custom event to everyone in the room. Not stored; sent on reconnect when offline. */
  dispatchMagixEvent(event: string, payload?: unknown): void {
    this.assertWritable();
    const message: ClientMessage =
      payload === undefined
        ? { type: 'magixEvent', event }
        : { type: 'magixEvent', event, payload };
    this.check(message);
    if (this.welcomed) {
      this.connection.send(message);
      return;
    }
    this.queuedEvents.push(message);
    if (this.queuedEvents.length > MAX_QUEUED_EVENTS) this.queuedEvents.shift();
  }

  addMagixEventListener(event: string, listener: MagixEventListener): void {
    let set = this.magixListeners.get(event);
    if (!set) this.magixListeners.set(event, (set = new Set()));
    set.add(listener);
  }

  /** Removes one listener, or every listener of the event when none is named. */
  removeMagixEventListener(event: string, listener?: MagixEventListener): void {
    if (listener) this.magixListeners.get(event)?.delete(listener);
    else this.magixListeners.delete(event);
  }

  /** Shows this member's cursor or laser pointer to the others; sent at most every 33 ms. */
  updatePresence(presence: PresenceInput): void {
    const draft = { ...this.presenceDraft, ...presence };
    this.check({ type: 'presence', ...draft });
    this.presenceDraft = draft;
    this.presenceThrottle.request();
  }

  /**
   * Becomes a writer or an observer. Resolves when the server agrees; rejects with `writableRefused`
   * (a reader's token, or the room's writer limit), or `superseded` by a later call.
   */
  setWritable(isWritable: boolean): Promise<void> {
    if (this.isClosed()) {
      return Promise.reject(new RoomError('disconnected', 'the room is disconnected'));
    }
    if (isWritable === this.writable && !this.writableRequest) return Promise.resolve();

    this.writableRequest?.reject(
      new RoomError('superseded', 'a later setWritable replaced this one'),
    );
    this.wantWritable = isWritable;
    return new Promise((resolve, reject) => {
      this.writableRequest = { value: isWritable, resolve, reject };
      this.send({ type: 'setWritable', isWritable });
    });
  }

  /**
   * Leaves the room. Changes not yet acknowledged get a short while to be; then the connection is
   * closed and the phase becomes `disconnected`.
   */
  disconnect(): Promise<void> {
    if (this.currentPhase === 'disconnected') return Promise.resolve();
    this.closing ??= this.leave();
    return this.closing;
  }

  // Connection events -----------------------------------------------------------------------------

  private onOpened(): void {
    this.connection.send(this.connectMessage());
  }

  private connectMessage(): ConnectMessage {
    // After a divergence the board is rebuilt from a snapshot: asking from no seq gets one.
    const lastSeq = this.local.diverged ? undefined : this.local.lastSeq;
    this.sentLastSeq = lastSeq;
    const message: ConnectMessage = {
      type: 'connect',
      protocolVersion: PROTOCOL_VERSION,
      roomUuid: this.params.uuid,
      token: this.params.roomToken,
      uid: this.params.uid,
      isWritable: this.wantWritable,
      clientId: this.clientId,
      memberState: this.roomState.memberState,
    };
    if (this.params.userPayload !== undefined) message.userPayload = this.params.userPayload;
    if (lastSeq !== undefined) message.lastSeq = lastSeq;
    return message;
  }

  private onMessage(message: ServerMessage): void {
    if (!this.welcomed && message.type !== 'welcome') {
      this.context.logger.warn({ type: message.type }, 'ignored a message before the welcome');
      return;
    }
    switch (message.type) {
      case 'welcome':
        this.onWelcome(message);
        break;
      case 'change':
        this.onChange(message.change);
        break;
      case 'ack':
        this.local.settle(message.clientSeq);
        this.afterBoardChange();
        break;
      case 'reject':
        this.onReject(message.clientSeq, message.code, message.message);
        break;
      case 'memberJoined':
      case 'memberUpdated':
        this.onMember(message.member);
        break;
      case 'memberLeft':
        this.members.delete(message.memberId);
        this.stateChanged(this.withBroadcastView({ roomMembers: memberList(this.members) }));
        break;
      case 'presence':
        this.events.emit('presence', presenceUpdate(message));
        break;
      case 'broadcastState':
        this.stateChanged(this.applyBroadcast(message.broadcastState));
        break;
      case 'magixEvent':
        this.onMagixEvent(message.memberId, message.event, message.payload);
        break;
      case 'pong':
        // Any message shows the connection is alive; the connection has noted it.
        break;
      case 'error':
        this.onServerError(message.code, message.message);
        break;
      default:
        unexpected(message);
    }
  }

  private onWelcome(welcome: WelcomeMessage): void {
    if (this.welcomed) {
      this.context.logger.warn({}, 'ignored a second welcome');
      return;
    }
    const { snapshot } = welcome;
    if (snapshot !== undefined && !isBoardSnapshot(snapshot)) {
      this.connection.drop('the welcome carried a board that is not valid');
      return;
    }

    this.welcomed = true;
    this.member = welcome.memberId;
    this.memberRole = welcome.role;
    this.writable = welcome.isWritable;
    this.local.resync(
      {
        ...(snapshot !== undefined && { snapshot }),
        ...withSnapshotSeq(welcome.snapshotSeq),
        changes: welcome.changes,
        lastClientSeq: welcome.lastClientSeq,
      },
      this.sentLastSeq === undefined,
    );
    this.members.clear();
    for (const member of welcome.members) this.members.set(member.memberId, member);
    this.connection.ready();

    // What waited for the connection goes out now, in order.
    for (const change of this.local.pendingChanges) this.sendChange(change);
    for (const message of this.queuedEvents) this.connection.send(message);
    this.queuedEvents = [];
    if (this.wantBroadcaster && welcome.broadcastState.broadcasterId === undefined) {
      this.connection.send({ type: 'setViewMode', mode: 'broadcaster' });
    }
    this.settleWritable(welcome.isWritable);

    const modified: Partial<RoomState> = {
      roomMembers: memberList(this.members),
      ...this.applyBroadcast(welcome.broadcastState),
    };
    this.afterBoardChange(modified);
    // The welcome's changes did not fit the board: it is being reloaded, so this one is not done.
    if (!this.welcomed) return;
    this.everWelcomed = true;
    clearTimeout(this.joinTimer);
    // A reconnect while disconnecting only lets pending changes through before the end.
    if (this.currentPhase !== 'disconnecting') this.setPhase('connected');
    this.resolveJoin();
  }

  private onChange(change: SequencedChange): void {
    const result = this.local.receive(change, this.clientId);
    if (result.kind === 'gap') {
      this.connection.drop(`change ${change.seq} came before change ${result.expected}`);
      return;
    }
    if (result.kind === 'applied' && result.settled.length > 1) {
      this.context.logger.warn(
        { dropped: result.settled.slice(0, -1).map((settled) => settled.clientSeq) },
        'local changes were never answered',
      );
    }
    this.afterBoardChange();
  }

  private onReject(clientSeq: number, code: string, message: string): void {
    const change = this.local.settle(clientSeq);
    this.afterBoardChange();
    if (change) this.events.emit('rejected', { clientSeq, op: change.op, code, message });
  }

  private onMember(member: RoomMember): void {
    this.members.set(member.memberId, member);
    if (member.memberId === this.member) {
      this.writable = member.isWritable;
      this.memberRole = member.role;
      if (this.writableRequest?.value === member.isWritable) this.settleWritable(member.isWritable);
    }
    this.stateChanged(this.withBroadcastView({ roomMembers: memberList(this.members) }));
  }

  private onMagixEvent(authorId: number, event: string, payload: unknown): void {
    const listeners = this.magixListeners.get(event);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      safeCall(this.context.logger, 'magix event', listener, [{ event, payload, authorId }]);
    }
  }

  private onServerError(code: string, message: string): void {
    if (code === ROOM_ERROR_CODES.writableRefused && this.writableRequest) {
      const request = this.writableRequest;
      this.writableRequest = undefined;
      this.wantWritable = this.writable;
      request.reject(new RoomError(code, message));
      return;
    }
    this.context.logger.warn({ code, message }, 'the server refused a request');
    this.events.emit('serverError', new RoomError(code, message));
  }

  private onClosed({ code, reason, final }: ConnectionClose): void {
    this.welcomed = false;
    this.lastClose = { code, reason };
    this.presenceThrottle.cancel();
    this.cameraThrottle.cancel();
    if (final) {
      const kick = (KICK_REASONS as Partial<Record<number, string>>)[code];
      const name = kick ?? (code === CLOSE_CODES.replaced ? 'replaced' : 'closed');
      const error = new ConnectionError(
        code,
        name,
        `the server closed the room connection: ${name}`,
      );
      this.fail(error, kick);
      return;
    }
    if (this.currentPhase === 'disconnecting') return;
    this.setPhase(this.everWelcomed ? 'reconnecting' : 'connecting');
  }

  private onJoinTimeout(): void {
    const { code, reason } = this.lastClose ?? { code: 1006, reason: '' };
    const detail = reason ? `${code} ${reason}` : `${code}`;
    const message = `could not join within ${this.context.joinTimeoutMs} ms (last close: ${detail})`;
    void this.connection.stop(CLOSE_CODES.clientLeft, 'join timeout');
    this.fail(new ConnectionError(code, 'joinTimeout', message));
  }

  // Helpers ---------------------------------------------------------------------------------------

  private isClosed(): boolean {
    return this.currentPhase === 'disconnecting' || this.currentPhase === 'disconnected';
  }

  private assertOpen(): void {
    if (this.isClosed()) throw new RoomError('disconnected', 'the room is disconnected');
  }

  private assertWritable(): void {
    this.assertOpen();
    if (!this.writable) {
      throw new RoomError(
        ROOM_ERROR_CODES.readOnly,
        'this member is read-only: join with isWritable true, or call setWritable(true)',
      );
    }
  }

  private check(message: ClientMessage): void {
    const problem = clientMessageProblem(message);
    if (problem) throw new RoomError('invalidArgument', `not a valid ${message.type}: ${problem}`);
  }

  private propose(op: BoardOp): void {
    this.assertWritable();
    const problem = boardOpProblem(op);
    if (problem) throw new RoomError('invalidArgument', `not a valid ${op.type}: ${problem}`);
    if (isOversized(op)) {
      throw new RoomError(ROOM_ERROR_CODES.limitExceeded, `this ${op.type} is larger than a frame`);
    }
    const result = this.local.propose(op);
    if (!result.ok) throw new RoomError(result.code, result.message);
    this.sendChange(result.change);
    this.afterBoardChange();
  }

  private proposeHistory(type: 'undo' | 'redo'): void {
    this.assertWritable();
    this.sendChange(this.local.proposeHistory(type));
  }

  private sendChange(change: PendingChange): void {
    if (this.welcomed) {
      this.connection.send({ type: 'change', clientSeq: change.clientSeq, op: change.op });
    }
  }

  /** Sends when connected; otherwise the message is not needed later (or is restored otherwise). */
  private send(message: ClientMessage): void {
    if (this.welcomed) this.connection.send(message);
  }

  private sendPresence(): void {
    if (this.welcomed) {
      this.connection.send({
        type: 'presence',
        ...this.presenceDraft,
        scenePath: this.board.scenePath,
      });
    }
    this.presenceDraft = {};
  }

  private sendCamera(): void {
    if (this.viewMode !== 'broadcaster') return;
    const { centerX, centerY, scale } = this.roomState.cameraState;
    this.send({ type: 'moveCamera', camera: { centerX, centerY, scale } });
  }

  /** Reports board changes, with any other `modified` state, and acts on a divergence. */
  private afterBoardChange(modified: Partial<RoomState> = {}): void {
    const touched = this.local.takeTouched();
    if (touched?.global) modified.globalState = structuredClone({ ...this.board.globalState });
    if (touched?.scenes) modified.sceneState = this.board.sceneState();
    if (touched) this.events.emit('boardChanged', this.local.revision);
    this.stateChanged(modified);

    const divergence = this.local.diverged;
    if (divergence && this.welcomed) {
      this.context.logger.error(
        { divergence },
        'the board no longer matches the server; reloading it',
      );
      this.connection.drop('reloading the board');
    }
    if (this.local.pendingChanges.length === 0) {
      for (const done of [...this.settleWaiters]) done();
    }
  }

  /** The room's broadcaster or camera changed. */
  private applyBroadcast(server: BroadcastState): Partial<RoomState> {
    const before = this.serverBroadcast.broadcasterId;
    const after = server.broadcasterId;
    this.serverBroadcast = server;
    // Someone else took over: do not take it back after a reconnect.
    if (after !== before && after !== undefined && after !== this.member) {
      this.wantBroadcaster = false;
    }
    this.viewMode = viewModeAfter(this.viewMode, before, after, this.member);
    // A new broadcaster shares its view at once, so that followers need not wait for a move.
    if (this.viewMode === 'broadcaster' && before !== after) this.cameraThrottle.request();
    return this.withBroadcastView(this.followCamera());
  }

  /** The broadcaster's camera, when this client follows one. */
  private followCamera(): Partial<RoomState> {
    const camera = this.serverBroadcast.camera;
    if (this.viewMode !== 'follower' || !camera) return {};
    const cameraState: CameraState = { ...this.roomState.cameraState, ...camera };
    return { cameraState };
  }

  /** Adds the broadcast state, which names the broadcaster's member entry, to a modification. */
  private withBroadcastView(modified: Partial<RoomState>): Partial<RoomState> {
    return {
      ...modified,
      broadcastState: broadcastView(this.viewMode, this.serverBroadcast, this.members),
    };
  }

  private stateChanged(modified: Partial<RoomState>): void {
    if (Object.keys(modified).length === 0) return;
    this.roomState = { ...this.roomState, ...modified };
    this.notify('onRoomStateChanged', modified);
    this.events.emit('stateChanged', modified);
  }

  /** Calls a callback of the application; what it throws is logged, not propagated. */
  private notify<K extends keyof RoomCallbacks>(
    name: K,
    ...args: Parameters<NonNullable<RoomCallbacks[K]>>
  ): void {
    const callback = this.callbacks[name] as ((...args: unknown[]) => void) | undefined;
    safeCall(this.context.logger, name, callback?.bind(this.callbacks), args);
  }

  private setPhase(phase: RoomPhase): void {
    if (phase === this.currentPhase) return;
    this.currentPhase = phase;
    this.notify('onPhaseChanged', phase);
    this.events.emit('phaseChanged', phase);
  }

  private settleWritable(isWritable: boolean): void {
    const request = this.writableRequest;
    if (!request) return;
    this.writableRequest = undefined;
    if (request.value === isWritable) {
      request.resolve();
    } else {
      this.wantWritable = isWritable;
      request.reject(new RoomError(ROOM_ERROR_CODES.writableRefused, 'the server kept isWritable'));
    }
  }

  private resolveJoin(): void {
    const join = this.join;
    this.join = undefined;
    join?.resolve(this);
  }

  /** The connection ended for good: tell whoever waits, and the application. */
  private fail(error: Error, kick?: string): void {
    this.shutdown();
    this.setPhase('disconnected');
    const join = this.join;
    this.join = undefined;
    if (join) {
      // The application has no room yet: the rejected join is how it learns.
      join.reject(error);
      return;
    }
    if (kick) {
      this.notify('onKickedWithReason', kick);
    } else {
      this.notify('onDisconnectWithError', error);
    }
  }

  private async leave(): Promise<void> {
    const drain = this.welcomed && this.local.pendingChanges.length > 0;
    this.setPhase('disconnecting');
    if (drain) await this.settled(DRAIN_TIMEOUT_MS);
    this.shutdown();
    await this.connection.stop(CLOSE_CODES.clientLeft, 'disconnect');
    this.setPhase('disconnected');
  }

  /** Resolves when no change is pending, or after `timeoutMs`. */
  private settled(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.settleWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.settleWaiters.add(done);
    });
  }

  /** Stops every timer and answers every waiter, so that nothing outlives the room. */
  private shutdown(): void {
    this.welcomed = false;
    clearTimeout(this.joinTimer);
    this.presenceThrottle.cancel();
    this.cameraThrottle.cancel();
    this.queuedEvents = [];
    for (const done of [...this.settleWaiters]) done();
    const request = this.writableRequest;
    this.writableRequest = undefined;
    request?.reject(new RoomError('disconnected', 'the room was disconnected'));
  }
}

function presenceUpdate(message: Extract<ServerMessage, { type: 'presence' }>): PresenceUpdate {
  const presence: PresenceUpdate = { memberId: message.memberId };
  if (message.cursor !== undefined) presence.cursor = message.cursor;
  if (message.laser !== undefined) presence.laser = message.laser;
  if (message.scenePath !== undefined) presence.scenePath = message.scenePath;
  return presence;
}

function withSnapshotSeq(snapshotSeq: number | undefined): { snapshotSeq?: number } {
  return snapshotSeq === undefined ? {} : { snapshotSeq };
}

function unexpected(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
