/**
 * The part of a WebSocket the SDK uses: what the browser's `WebSocket` and the `ws` package's
 * both provide. Handlers receive `unknown` and are read defensively, because the two deliver
 * different event classes (and `ws` may deliver a Buffer where a browser delivers a string).
 */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
}

export type SocketConstructor = new (url: string) => SocketLike;

/** `readyState` of an open socket, the same in browsers and `ws`. */
export const SOCKET_OPEN = 1;

/** The global `WebSocket` of browsers, Deno and Node 22+; absent in Node 20. */
export function globalWebSocket(): SocketConstructor | undefined {
  const candidate = (globalThis as { WebSocket?: SocketConstructor }).WebSocket;
  return typeof candidate === 'function' ? candidate : undefined;
}

/** `https://host/base` → `wss://host/base/v5/realtime`. */
export function realtimeUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new TypeError(`serverUrl must be an http, https, ws or wss URL, not ${url.protocol}`);
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/v5/realtime`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** The text of a message event; undefined for binary frames, which the protocol does not use. */
export function messageText(event: unknown): string | undefined {
  const data = (event as { data?: unknown } | null)?.data;
  return typeof data === 'string' ? data : undefined;
}

/** Code and reason of a close event. 1006 (closed without a close frame) when they are missing. */
export function closeInfo(event: unknown): { code: number; reason: string } {
  const { code, reason } = (event ?? {}) as { code?: unknown; reason?: unknown };
  return {
    code: typeof code === 'number' ? code : 1006,
    reason: typeof reason === 'string' ? reason : String(reason ?? ''),
  };
}
