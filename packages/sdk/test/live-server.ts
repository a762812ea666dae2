import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createLogger, startServer, type RunningServer } from '@whiteroom/server';
import { mintToken } from '@whiteroom/token';
import { WhiteWebSdk, type Room, type RoomCallbacks } from '../src/index.js';

const keys = { accessKey: 'live-test-access-key', secretAccessKey: 'live-test-secret-access-key' };

/** Polls until `condition` holds; fails with `what` after `timeoutMs`. */
export async function until(what: string, condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A real Whiteroom server over a temporary data folder, and SDK clients joined to one room of it.
 * The server can be restarted on the same port and folder, as an operator would.
 */
export class LiveRoom {
  server!: RunningServer;
  url = '';
  uuid = '';
  readonly rooms: Room[] = [];
  /** Every socket the SDK opened, per uid, so that a test can cut one as a network would. */
  readonly sockets = new Map<string, WebSocket[]>();
  private readonly dataDir = mkdtempSync(path.join(tmpdir(), 'whiteroom-live-'));
  private port = 0;
  readonly sdkToken = mintToken('sdk', { ...keys, role: 'admin' });

  async start(): Promise<void> {
    this.server = await startServer({
      port: this.port,
      host: '127.0.0.1',
      dataDir: this.dataDir,
      ...keys,
      logger: createLogger('silent'),
    });
    this.port = this.server.port;
    this.url = `http://127.0.0.1:${this.port}`;
    if (this.uuid === '') {
      const created = await fetch(`${this.url}/v5/rooms`, {
        method: 'POST',
        headers: { token: this.sdkToken, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'live test' }),
      });
      this.uuid = ((await created.json()) as { uuid: string }).uuid;
    }
  }

  async join(uid: string, callbacks?: RoomCallbacks): Promise<Room> {
    const sockets = this.sockets;
    class RecordedWebSocket extends WebSocket {
      constructor(address: string) {
        super(address);
        const list = sockets.get(uid) ?? [];
        list.push(this);
        sockets.set(uid, list);
      }
    }
    const sdk = new WhiteWebSdk({ serverUrl: this.url, WebSocket: RecordedWebSocket });
    const room = await sdk.joinRoom(
      { uuid: this.uuid, roomToken: this.sdkToken, uid, userPayload: { uid } },
      callbacks,
    );
    this.rooms.push(room);
    return room;
  }

  /** Drops a client's connection without a close handshake, as a network failure would. */
  cut(uid: string): void {
    this.sockets.get(uid)?.at(-1)?.terminate();
  }

  async restart(): Promise<void> {
    await this.server.close();
    await this.start();
  }

  /** Waits until every client has its changes acknowledged and the same board as the others. */
  async settle(timeoutMs = 20_000): Promise<void> {
    await until(
      'every client is connected with nothing pending and the same board',
      () =>
        this.rooms.every((room) => room.phase === 'connected' && room.pendingChangeCount === 0) &&
        this.rooms.every(
          (room) =>
            JSON.stringify(room.getSnapshot()) === JSON.stringify(this.rooms[0]?.getSnapshot()),
        ),
      timeoutMs,
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.rooms.splice(0).map((room) => room.disconnect()));
    await this.server.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
