import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';
import { openRoom, type Room } from './room.js';
import type { JoinRoomParams, RoomCallbacks } from './room-types.js';
import { globalWebSocket, realtimeUrl, type SocketConstructor } from './socket.js';

export interface WhiteWebSdkConfiguration {
  /** Where the Whiteroom server is, e.g. `https://whiteboard.example.com`. */
  serverUrl: string;
  /** Accepted for compatibility with the hosted SDK; the token already names the app. */
  appIdentifier?: string;
  /**
   * The WebSocket class. Browsers (and Node 22+) have one; in Node 20 pass the `ws` package's:
   * `import WebSocket from 'ws'`.
   */
  WebSocket?: SocketConstructor;
  /** Where to report ignored frames, failed attempts and throwing listeners; silent by default. */
  logger?: Logger;
  /** How long `joinRoom` keeps trying to reach the room before it gives up; 30 s by default. */
  joinTimeout?: number;
}

/** The entry point: one per server, any number of rooms. */
export class WhiteWebSdk {
  readonly serverUrl: string;
  readonly appIdentifier: string | undefined;
  private readonly url: string;
  private readonly WebSocket: SocketConstructor;
  private readonly logger: Logger;
  private readonly joinTimeout: number;

  constructor(configuration: WhiteWebSdkConfiguration) {
    const WebSocket = configuration.WebSocket ?? globalWebSocket();
    if (!WebSocket) {
      throw new TypeError(
        "there is no global WebSocket here: pass one, e.g. `WebSocket` from the 'ws' package",
      );
    }
    this.serverUrl = configuration.serverUrl;
    this.appIdentifier = configuration.appIdentifier;
    this.url = realtimeUrl(configuration.serverUrl);
    this.WebSocket = WebSocket;
    this.logger = configuration.logger ?? silentLogger;
    this.joinTimeout = configuration.joinTimeout ?? 30_000;
  }

  /**
   * Joins a room. Resolves once the server has welcomed this client and the board is loaded;
   * rejects with a `ConnectionError` (`code` the close code, `reason` such as `tokenRefused`) when
   * the server refuses, or when the room could not be reached within `joinTimeout`.
   */
  joinRoom(params: JoinRoomParams, callbacks?: RoomCallbacks): Promise<Room> {
    return openRoom(
      {
        url: this.url,
        WebSocket: this.WebSocket,
        logger: this.logger,
        joinTimeoutMs: this.joinTimeout,
      },
      params,
      callbacks,
    );
  }
}
