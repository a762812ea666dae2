/**
 * One simulated member: a WebSocket that joins a room with the protocol's `connect` message and
 * hands every later frame, as text, to its owner. Kept bare so that the load generator spends as
 * little as it can per message and the server's figures are the server's.
 */
import WebSocket, { type RawData } from 'ws';

const JOIN_TIMEOUT_MS = 15_000;

export interface JoinOptions {
  /** `http://127.0.0.1:<port>` of the server. */
  url: string;
  roomUuid: string;
  token: string;
  uid: string;
  /** 8 to 64 of `[A-Za-z0-9_-]`. */
  clientId: string;
  isWritable: boolean;
  /** Every frame after the welcome, with the time it arrived (performance.now()). */
  onMessage?: (text: string, arrivedAt: number) => void;
  /** Called when the connection closes before the client closed it. */
  onDropped?: (code: number) => void;
}

export interface BenchClient {
  readonly clientId: string;
  send(text: string): void;
  /** Cuts the connection without a close handshake, which is quickest for thousands. */
  terminate(): void;
}

/** Connects and joins; resolves once the welcome arrives, rejects if the server refuses. */
export function joinRoom(options: JoinOptions): Promise<BenchClient> {
  const socket = new WebSocket(`${options.url.replace(/^http/, 'ws')}/v5/realtime`, {
    perMessageDeflate: false,
  });
  let welcomed = false;
  let leaving = false;

  return new Promise<BenchClient>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no welcome within ${JOIN_TIMEOUT_MS} ms`));
    }, JOIN_TIMEOUT_MS);

    socket.on('open', () => {
      socket.send(
        JSON.stringify({
          type: 'connect',
          protocolVersion: 1,
          roomUuid: options.roomUuid,
          token: options.token,
          uid: options.uid,
          isWritable: options.isWritable,
          clientId: options.clientId,
        }),
      );
    });

    socket.on('message', (data: RawData) => {
      const arrivedAt = performance.now();
      const text = data.toString();
      if (welcomed) {
        options.onMessage?.(text, arrivedAt);
        return;
      }
      // Both servers write `type` first; the welcome may carry a whole board, so it is not parsed.
      if (!text.startsWith('{"type":"welcome"')) return;
      welcomed = true;
      clearTimeout(timer);
      resolve({
        clientId: options.clientId,
        send: (frame) => socket.send(frame),
        terminate: () => {
          leaving = true;
          socket.terminate();
        },
      });
    });

    socket.on('close', (code, reason) => {
      if (!welcomed) {
        clearTimeout(timer);
        reject(new Error(`closed before the welcome: ${code} ${reason.toString()}`));
      } else if (!leaving) {
        options.onDropped?.(code);
      }
    });
    socket.on('error', () => undefined);
  });
}
