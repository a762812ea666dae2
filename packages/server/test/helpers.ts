import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { mintToken, type Role } from '@whiteroom/token';
import { createLogger } from '../src/logging.js';
import type { RealtimeLimits } from '../src/realtime/limits.js';
import type { ExportQueueLimits } from '../src/export/queue-limits.js';
import { startServer, type RunningServer } from '../src/server.js';

export const ACCESS_KEY = 'test-access-key';
export const SECRET_ACCESS_KEY = 'test-secret-access-key';

export interface TestServer {
  url: string;
  server: RunningServer;
  dataDir: string;
  /** Every log line the server wrote, as text. */
  logs: string[];
  sdkToken(role?: Role, lifespan?: number): string;
  roomToken(uuid: string, role?: Role, lifespan?: number): string;
  /** Stops the server; the data folder is deleted unless `keepData`. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface TestServerOptions {
  /** Reuse a data folder, to restart a server over what an earlier one stored. */
  dataDir?: string;
  realtime?: Partial<RealtimeLimits>;
  appRooms?: boolean;
  webRoot?: string;
  exports?: Partial<ExportQueueLimits>;
  publicUrl?: string;
}

/**
 * Starts a real Whiteroom on a free port over a fresh data folder, with a known key pair
 * provisioned the way an operator would (as the WHITEROOM_ACCESS_KEY pair).
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'whiteroom-test-'));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    accessKey: ACCESS_KEY,
    secretAccessKey: SECRET_ACCESS_KEY,
    logger: createLogger('info', sink),
    realtime: options.realtime,
    appRooms: options.appRooms ?? true,
    webRoot: options.webRoot,
    exports: options.exports,
    publicUrl: options.publicUrl,
  });

  const keys = { accessKey: ACCESS_KEY, secretAccessKey: SECRET_ACCESS_KEY };
  return {
    url: `http://127.0.0.1:${server.port}`,
    server,
    dataDir,
    logs,
    sdkToken: (role = 'admin', lifespan = 0) => mintToken('sdk', { ...keys, role, lifespan }),
    roomToken: (uuid, role = 'writer', lifespan = 0) =>
      mintToken('room', { ...keys, role, lifespan, uuid }),
    close: async ({ keepData = false } = {}) => {
      await server.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface JsonResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

/** A fetch that reads the JSON answer (or the raw text when it is not JSON). */
export async function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, { method: init.method ?? 'GET', headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: the test sees the text.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** Creates a room through the current API and returns its uuid. */
export async function createRoom(
  server: TestServer,
  body: Record<string, unknown> = {},
): Promise<string> {
  const { status, body: room } = await request(`${server.url}/v5/rooms`, {
    method: 'POST',
    headers: { token: server.sdkToken() },
    body,
  });
  if (status !== 201) throw new Error(`room creation answered ${status}`);
  return (room as { uuid: string }).uuid;
}
