import { ReplayError } from './errors.js';
import { HistoryClient, NOT_RECORDED_CODE, type FetchLike } from './history-client.js';
import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';
import { openPlayer, platformTimers, type Player } from './player.js';
import type { PlayableParams, PlayerCallbacks, ReplayRoomParams } from './player-types.js';
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
  /** How replay requests are made; the global `fetch` by default (browsers and Node 20 have one). */
  fetch?: FetchLike;
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
  private readonly fetch: FetchLike | undefined;
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
    this.fetch = configuration.fetch ?? globalFetch();
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

  /**
   * Plays a recorded room back (one created with `isRecord: true`, or legacy mode `historied`).
   * Resolves to a player in phase `waitingFirstFrame` once the server has said what there is to
   * play; rejects with a `ReplayError` when it refuses (`code` 117 for a persistent room), or a
   * `RangeError` for a `beginTimestamp` outside the recording.
   */
  async replayRoom(params: ReplayRoomParams, callbacks?: PlayerCallbacks): Promise<Player> {
    return openPlayer(
      { history: this.history(params), logger: this.logger, timers: platformTimers },
      params,
      callbacks,
    );
  }

  /**
   * Whether a room has a recording to play: false for a persistent room (the server answers 117)
   * and for a recording with no board change; other failures reject with a `ReplayError`.
   */
  async isPlayable(params: PlayableParams): Promise<boolean> {
    try {
      const summary = await this.history(params).summary();
      return summary.changeCount > 0;
    } catch (error) {
      if (error instanceof ReplayError && error.code === NOT_RECORDED_CODE) return false;
      throw error;
    }
  }

  private history({ room, roomToken }: PlayableParams): HistoryClient {
    if (!this.fetch) {
      throw new TypeError('there is no global fetch here: pass one as the `fetch` option');
    }
    return new HistoryClient(
      this.serverUrl,
      room,
      roomToken,
      this.fetch,
      platformTimers,
      this.logger,
    );
  }
}

/** The platform's `fetch`, bound so that browsers accept the call. */
function globalFetch(): FetchLike | undefined {
  const candidate = (globalThis as { fetch?: FetchLike }).fetch;
  return typeof candidate === 'function' ? candidate.bind(globalThis) : undefined;
}
