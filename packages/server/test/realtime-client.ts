import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type ServerMessage } from '@whiteroom/protocol';

type Message = ServerMessage & Record<string, unknown>;

export interface ConnectOptions {
  url: string;
  roomUuid: string;
  token: string;
  uid: string;
  isWritable?: boolean;
  clientId?: string;
  lastSeq?: number;
  protocolVersion?: number;
  userPayload?: unknown;
}

/**
 * A bare client of the room protocol for tests: it sends what it is told and records everything
 * it receives, so tests can assert on the wire itself.
 */
export class ProtocolClient {
  readonly messages: Message[] = [];
  closed?: { code: number; reason: string };
  readonly clientId: string;
  private readonly socket: WebSocket;
  private readonly waiters: (() => void)[] = [];
  private nextClientSeq = 1;

  constructor(readonly options: ConnectOptions) {
    this.clientId = options.clientId ?? randomUUID().replace(/-/g, '');
    this.socket = new WebSocket(`${options.url.replace(/^http/, 'ws')}/v5/realtime`);
    this.socket.on('open', () =>
      this.sendRaw({
        type: 'connect',
        protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION,
        roomUuid: options.roomUuid,
        token: options.token,
        uid: options.uid,
        isWritable: options.isWritable ?? true,
        clientId: this.clientId,
        ...(options.lastSeq === undefined ? {} : { lastSeq: options.lastSeq }),
        ...(options.userPayload === undefined ? {} : { userPayload: options.userPayload }),
      }),
    );
    this.socket.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as Message);
      this.notify();
    });
    this.socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.notify();
    });
    this.socket.on('error', () => undefined);
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Waits until `predicate` holds over what was received (or the socket closed). */
  async until(predicate: (client: this) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline) {
        throw new Error(`timed out; received ${JSON.stringify(this.messages.slice(-5))}`);
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  welcomed(): Promise<void> {
    return this.until((client) => client.welcome !== undefined || client.closed !== undefined);
  }

  closedWith(): Promise<{ code: number; reason: string }> {
    return this.until((client) => client.closed !== undefined).then(
      () => this.closed as { code: number; reason: string },
    );
  }

  get welcome(): Message | undefined {
    return this.messages.find((message) => message.type === 'welcome');
  }

  of(type: string): Message[] {
    return this.messages.filter((message) => message.type === type);
  }

  /** The sequenced changes received, in order. */
  changes(): { seq: number; op: Record<string, unknown>; clientSeq?: number; uid: string }[] {
    return this.of('change').map(
      (message) =>
        message.change as {
          seq: number;
          op: Record<string, unknown>;
          clientSeq?: number;
          uid: string;
        },
    );
  }

  sendRaw(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Proposes a change; returns its clientSeq. */
  change(op: unknown, clientSeq = this.nextClientSeq++): number {
    this.sendRaw({ type: 'change', clientSeq, op });
    return clientSeq;
  }

  /** Drops the connection without a close handshake, as a network failure would. */
  cut(): void {
    this.socket.terminate();
  }

  /** Stops reading from the socket, as a slow client would. */
  stopReading(): void {
    (this.socket as unknown as { _socket: { pause(): void } })._socket.pause();
  }

  close(): void {
    this.socket.close();
  }
}

export const rectangle = (id: string, x = 10) => ({
  id,
  type: 'rectangle',
  x,
  y: 20,
  width: 100,
  height: 50,
  strokeColor: [0, 0, 0],
  strokeWidth: 2,
});

export const addRectangle = (id: string, x = 10, scenePath = '/init') => ({
  type: 'addElement',
  scenePath,
  element: rectangle(id, x),
});
