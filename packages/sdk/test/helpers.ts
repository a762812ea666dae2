import { expect } from 'vitest';
import { Board, type BoardSnapshot } from '@whiteroom/board';
import type {
  BoardOp,
  BoxElement,
  ClientMessage,
  PencilElement,
  RoomMember,
  SequencedChange,
  ServerMessage,
  WelcomeMessage,
} from '@whiteroom/protocol';
import {
  WhiteWebSdk,
  type JoinRoomParams,
  type Logger,
  type Room,
  type RoomCallbacks,
} from '../src/index.js';

export const UUID = '0123456789abcdef0123456789abcdef';
export const BLACK: [number, number, number] = [0, 0, 0];

/**
 * A WebSocket driven by hand: the test opens it, delivers server frames and closes it, and reads
 * what the client sent. Events fire synchronously, so a test runs with no real waiting.
 */
export class FakeSocket {
  readyState = 0;
  /** Messages the client sent, parsed. */
  readonly sent: ClientMessage[] = [];
  /** How the client closed it, if it did. */
  closedWith: { code: number | undefined; reason: string | undefined } | undefined;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(JSON.parse(data) as ClientMessage);
  }

  close(code?: number, reason?: string): void {
    if (this.readyState >= 2) return;
    this.closedWith = { code, reason };
    this.readyState = 3;
    this.onclose?.({ code: code ?? 1005, reason: reason ?? '' });
  }

  // The server's side ------------------------------------------------------------------------------

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  deliver(message: ServerMessage | string): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }

  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  /** Sent messages of one type. */
  sentOf<T extends ClientMessage['type']>(type: T): Extract<ClientMessage, { type: T }>[] {
    return this.sent.filter(
      (message): message is Extract<ClientMessage, { type: T }> => message.type === type,
    );
  }
}

/** A WebSocket class whose instances are recorded, one per connection attempt. */
export function fakeNetwork() {
  const sockets: FakeSocket[] = [];
  class Socket extends FakeSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return {
    WebSocket: Socket,
    sockets,
    get last(): FakeSocket {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('no socket was opened');
      return socket;
    },
  };
}

export type FakeNetwork = ReturnType<typeof fakeNetwork>;

/** A logger that keeps what it is told, for tests that expect warnings. */
export function recordingLogger(): Logger & { warnings: unknown[][]; errors: unknown[][] } {
  const warnings: unknown[][] = [];
  const errors: unknown[][] = [];
  return {
    warnings,
    errors,
    warn: (...args) => warnings.push(args),
    error: (...args) => errors.push(args),
  };
}

export function member(memberId: number, extra: Partial<RoomMember> = {}): RoomMember {
  return {
    memberId,
    uid: `user-${memberId}`,
    payload: null,
    memberState: {},
    isWritable: true,
    role: 'writer',
    ...extra,
  };
}

export function welcome(extra: Partial<WelcomeMessage> = {}): WelcomeMessage {
  return {
    type: 'welcome',
    protocolVersion: 1,
    memberId: 1,
    isWritable: true,
    role: 'writer',
    changes: [],
    lastClientSeq: 0,
    members: [member(extra.memberId ?? 1)],
    broadcastState: {},
    serverTime: 0,
    ...extra,
  };
}

export function rect(id: string, extra: Partial<BoxElement> = {}): BoxElement {
  return {
    id,
    type: 'rectangle',
    x: 10,
    y: 20,
    width: 100,
    height: 50,
    strokeColor: BLACK,
    strokeWidth: 2,
    ...extra,
  };
}

export function pencil(id: string, points: number[] = [0, 0, 0.5]): PencilElement {
  return { id, type: 'pencil', x: 0, y: 0, strokeColor: BLACK, strokeWidth: 3, points };
}

export function addOp(id: string, extra: Partial<BoxElement> = {}): BoardOp {
  return { type: 'addElement', scenePath: '/init', element: rect(id, extra) };
}

/**
 * The server's side of a room, enough to play the contract by hand: a board and a sequence
 * number. `sequence` applies a change as the server would and returns the message everyone gets.
 */
export class ServerBoard {
  readonly board: Board;
  seq: number;

  constructor(snapshot?: BoardSnapshot, seq = 0) {
    this.board = new Board(snapshot);
    this.seq = seq;
  }

  sequence(
    op: BoardOp,
    author?: { clientId: string; clientSeq: number },
  ): Extract<ServerMessage, { type: 'change' }> {
    const result = this.board.apply(op);
    if (!result.ok) throw new Error(`the server board refused ${op.type}: ${result.message}`);
    this.seq += 1;
    const change: SequencedChange = { seq: this.seq, time: 0, uid: 'someone', op, ...author };
    return { type: 'change', change };
  }
}

export interface Joined {
  room: Room;
  network: FakeNetwork;
  socket: FakeSocket;
  sdk: WhiteWebSdk;
}

/** Joins a room over a fake network: opens the socket, answers the connect with `welcome`. */
export async function joinRoom(
  options: {
    params?: Partial<JoinRoomParams>;
    callbacks?: RoomCallbacks;
    welcome?: Partial<WelcomeMessage>;
    logger?: Logger;
  } = {},
): Promise<Joined> {
  const network = fakeNetwork();
  const sdk = new WhiteWebSdk({
    serverUrl: 'http://whiteroom.test',
    WebSocket: network.WebSocket,
    ...(options.logger && { logger: options.logger }),
  });
  const joining = sdk.joinRoom(
    { uuid: UUID, roomToken: 'NETLESSROOM_test', uid: 'me', ...options.params },
    options.callbacks,
  );
  const socket = network.last;
  socket.open();
  socket.deliver(welcome(options.welcome));
  const room = await joining;
  return { room, network, socket, sdk };
}

/** The author fields of the room's own change number `clientSeq`. */
export function authoredBy(room: Room, clientSeq: number) {
  return { clientId: room.clientId, clientSeq };
}

/** Asserts that the room shows exactly the server's board. */
export function expectSameBoard(room: Room, server: Board): void {
  for (const path of server.pagePaths()) {
    expect(room.getElements(path), `elements of ${path}`).toEqual(server.getElements(path));
  }
  expect(room.state.sceneState).toEqual(server.sceneState());
  expect(room.state.globalState).toEqual(server.globalState);
}
