import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mintToken } from '@whiteroom/token';
import { startServer, type RunningServer } from '../server.js';
import { runLoad, type LoadFigures } from './load.js';
import { formatCount, formatTable, writeLine } from './report.js';

export interface HttpBenchOptions {
  duration: number;
  connections: number;
}

/**
 * Requests per second of the two busiest REST calls of a business server, minting room tokens and
 * creating rooms, against a real server on a fresh SQLite data folder. Resolves to false when a
 * request failed, since the figures then measure something else.
 */
export async function benchmarkHttp(options: HttpBenchOptions): Promise<boolean> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'whiteroom-bench-'));
  let server: RunningServer | undefined;
  try {
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'warn' });
    const sdkToken = adminSdkToken(server);
    const roomUuid = await createRoom(server.url, sdkToken);

    writeLine(
      `HTTP: autocannon, ${options.connections} connections, pipelining 1, ` +
        `${options.duration} s per endpoint after a warm-up`,
    );
    writeLine(
      "  Server (SQLite in a temporary folder, log level warn) on this process's event loop,",
    );
    writeLine(
      `  load generator in a worker thread: both share this machine's ${os.cpus().length} cores.`,
    );

    const load = {
      headers: { token: sdkToken },
      connections: options.connections,
      duration: options.duration,
    };
    const mint = await runLoad({
      ...load,
      url: `${server.url}/v5/tokens/rooms/${roomUuid}`,
      body: JSON.stringify({ lifespan: 0, role: 'writer' }),
    });
    const create = await runLoad({
      ...load,
      url: `${server.url}/v5/rooms`,
      body: JSON.stringify({ name: 'bench' }),
    });

    const table = formatTable([
      ['', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'in s', 'non-2xx', 'failed'],
      figureRow('POST /v5/tokens/rooms/:uuid', mint),
      figureRow('POST /v5/rooms', create),
    ]);
    for (const line of table) writeLine(`  ${line}`);
    return [mint, create].every((run) => run.non2xx === 0 && run.failures === 0);
  } finally {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function figureRow(name: string, figures: LoadFigures): string[] {
  return [
    name,
    formatCount(figures.requestsPerSecond),
    String(figures.p50Ms),
    String(figures.p99Ms),
    formatCount(figures.requests),
    figures.seconds.toFixed(1),
    formatCount(figures.non2xx),
    formatCount(figures.failures),
  ];
}

/** An admin sdkToken of the key pair that the server made for its new data folder. */
function adminSdkToken(server: RunningServer): string {
  const { provisioning } = server;
  if (provisioning.kind !== 'generated') {
    throw new Error(
      `expected a key pair generated for a new data folder, got ${provisioning.kind}`,
    );
  }
  const { accessKey, secretAccessKey } = provisioning.keyPair;
  return mintToken('sdk', { accessKey, secretAccessKey, role: 'admin' });
}

/** Creates the room that room tokens are then minted for; resolves to its uuid. */
async function createRoom(url: string, sdkToken: string): Promise<string> {
  const response = await fetch(`${url}/v5/rooms`, {
    method: 'POST',
    headers: { token: sdkToken, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench' }),
  });
  const room: unknown = await response.json();
  if (response.status !== 201 || !hasUuid(room)) {
    throw new Error(`creating the benchmark room answered ${response.status}`);
  }
  return room.uuid;
}

const hasUuid = (value: unknown): value is { uuid: string } =>
  typeof value === 'object' && value !== null && 'uuid' in value && typeof value.uuid === 'string';
