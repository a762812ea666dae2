import { CLOSE_CODES, type ClientMessage, type ServerMessage } from '@whiteroom/protocol';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff.js';
import type { Logger } from './logger.js';
import {
  SOCKET_OPEN,
  closeInfo,
  messageText,
  type SocketConstructor,
  type SocketLike,
} from './socket.js';
import { parseServerMessage } from './validate.js';

/** Close codes after which reconnecting cannot help: the server refused this client for good. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CLOSE_CODES.unsupportedVersion,
  CLOSE_CODES.badToken,
  CLOSE_CODES.forbidden,
  CLOSE_CODES.roomNotFound,
  CLOSE_CODES.roomFull,
  CLOSE_CODES.roomBanned,
  // Another connection with this client's id took over: reconnecting would throw that one out in
  // turn, and the two would take turns forever.
  CLOSE_CODES.replaced,
]);

export interface ConnectionClose {
  code: number;
  reason: string;
  /** No other attempt follows. */
  final: boolean;
}

/** What the connection tells its owner. */
export interface ConnectionHandler {
  /** A socket opened: send the handshake. */
  opened(): void;
  /** A valid message arrived. */
  received(message: ServerMessage): void;
  /** The socket closed or was given up; when not `final`, another attempt is scheduled. */
  closed(close: ConnectionClose): void;
}

export interface ConnectionOptions {
  url: string;
  WebSocket: SocketConstructor;
  logger: Logger;
  handler: ConnectionHandler;
  pingIntervalMs?: number;
  /** Silence after which the connection counts as dead (pings make the server answer). */
  deadAfterMs?: number;
  backoff?: BackoffOptions;
  random?: () => number;
}

/** How long `stop` waits for the server's close frame. */
const CLOSE_WAIT_MS = 1_000;
/** Client close code for a connection given up without the server's word. */
const GIVE_UP_CODE = 1000;

/**
 * The error handler of every socket, kept after the others are removed: `ws` turns an error event
 * nobody listens to into an exception, and closing a socket that is still connecting raises one.
 */
function ignore(): void {}

/**
 * One logical connection to a room: a WebSocket, replaced with exponential backoff and jitter
 * whenever it closes, until a final close code or `stop`. Validates every frame, sends a ping on a
 * timer once the handshake is done, and gives up a socket that has been silent too long.
 */
export class Connection {
  /** Frames that were not JSON or not a server message; they are ignored. */
  invalidFrames = 0;

  private socket: SocketLike | undefined;
  private stopped = false;
  private attempt = 0;
  private lastHeard = 0;
  private pingId = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;

  private readonly pingIntervalMs: number;
  private readonly deadAfterMs: number;

  constructor(private readonly options: ConnectionOptions) {
    this.pingIntervalMs = options.pingIntervalMs ?? 15_000;
    this.deadAfterMs = options.deadAfterMs ?? 30_000;
  }

  start(): void {
    this.open();
  }

  /** Sends on an open socket; false when there is none (the message is not kept). */
  send(message: ClientMessage): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== SOCKET_OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  /** The handshake succeeded: start pinging, and start the next backoff from the beginning. */
  ready(): void {
    this.attempt = 0;
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      this.pingId += 1;
      this.send({ type: 'ping', id: this.pingId });
    }, this.pingIntervalMs);
  }

  /** Gives up the current socket and reconnects (after the backoff delay). */
  drop(reason: string): void {
    const socket = this.socket;
    if (this.stopped || !socket) return;
    this.options.logger.warn({ reason }, 'dropping the room connection');
    this.socket = undefined;
    this.release(socket, GIVE_UP_CODE, reason);
    this.lost(1006, reason, false);
  }

  /** Closes for good; resolves when the server confirmed the close, or after a short wait. */
  stop(code: number, reason: string): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return Promise.resolve();

    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.release(socket);
        resolve();
      };
      const timer = setTimeout(done, CLOSE_WAIT_MS);
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = done;
      try {
        socket.close(code, reason);
      } catch {
        done();
      }
    });
  }

  private open(): void {
    this.clearTimers();
    let socket: SocketLike;
    try {
      socket = new this.options.WebSocket(this.options.url);
    } catch (error) {
      this.options.logger.error({ err: error }, 'could not create a WebSocket');
      this.lost(1006, 'could not create a WebSocket', false);
      return;
    }
    this.socket = socket;
    this.heard();
    this.armWatchdog();
    socket.onopen = () => this.options.handler.opened();
    socket.onmessage = (event: unknown) => this.onMessage(event);
    socket.onclose = (event: unknown) => {
      const { code, reason } = closeInfo(event);
      this.socket = undefined;
      this.release(socket);
      this.lost(code, reason, FINAL_CLOSE_CODES.has(code));
    };
    // Every error is followed by a close event, which carries what there is to know.
    socket.onerror = ignore;
  }

  private onMessage(event: unknown): void {
    this.heard();
    const text = messageText(event);
    const message = text === undefined ? undefined : parseServerMessage(text);
    if (!message) {
      this.invalidFrames += 1;
      this.options.logger.warn(
        { invalidFrames: this.invalidFrames, frame: text?.slice(0, 200) },
        'ignored an invalid frame from the server',
      );
      return;
    }
    this.options.handler.received(message);
  }

  /** The socket is gone; try again unless that was final. */
  private lost(code: number, reason: string, final: boolean): void {
    this.clearTimers();
    if (this.stopped) return;
    if (final) {
      this.stopped = true;
    } else {
      const delay = backoffDelay(
        this.attempt,
        (this.options.random ?? Math.random)(),
        this.options.backoff ?? DEFAULT_BACKOFF,
      );
      this.attempt += 1;
      this.options.logger.debug?.({ code, reason, delay }, 'room connection lost; reconnecting');
      this.retryTimer = setTimeout(() => this.open(), delay);
    }
    this.options.handler.closed({ code, reason, final });
  }

  private heard(): void {
    this.lastHeard = Date.now();
  }

  /** Checks for silence when it could first have lasted long enough, not on every message. */
  private armWatchdog(): void {
    const wait = this.lastHeard + this.deadAfterMs - Date.now();
    this.watchdog = setTimeout(
      () => {
        if (Date.now() - this.lastHeard >= this.deadAfterMs) {
          this.drop(`nothing from the server for ${this.deadAfterMs} ms`);
        } else {
          this.armWatchdog();
        }
      },
      Math.max(wait, 0),
    );
  }

  private release(socket: SocketLike, code?: number, reason?: string): void {
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = ignore;
    if (code === undefined) return;
    try {
      socket.close(code, reason);
    } catch {
      // Closing a socket that is already closing or closed is of no consequence.
    }
  }

  private clearTimers(): void {
    clearTimeout(this.watchdog);
    clearInterval(this.pingTimer);
    this.watchdog = undefined;
    this.pingTimer = undefined;
  }
}
