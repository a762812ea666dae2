/**
 * `npm run bench -- --only realtime`: the room server under a drawing load and under many idle
 * connections, and the same drawing load through a bare relay for comparison. It prints figures
 * and asserts none; see docs/performance.md for the latest and what limits each.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatCount, formatTable, writeLine } from '../report.js';
import { startRelay, startWhiteroom, type ChildServer } from './children.js';
import { runDrawingLoad, type DrawingFigures } from './drawing-load.js';
import { runIdleRooms, type IdleFigures } from './idle-rooms.js';
import { openHeapProbe } from './heap-probe.js';
import { cpuSeconds, openFileLimit, percentOfCore, residentBytes } from './proc.js';
import { BENCH_KEY_PAIR, benchSdkToken, createRoom, createRooms } from './rest.js';

const DRAWING = {
  clients: 100,
  drawers: 10,
  changesPerSecond: 20,
  warmUpSeconds: 3,
  measureSeconds: 15,
};
const IDLE = { rooms: 1000, clientsPerRoom: 5, createConcurrency: 20, joinConcurrency: 50 };
/** Open files each process needs besides the idle connections: logs, SQLite, the drawing room. */
const SPARE_FILES = 500;
/** Set to a folder to have each Whiteroom server write a CPU profile there as it stops. */
const CPU_PROFILE_DIR = process.env.WHITEROOM_BENCH_CPU_PROFILE_DIR;

/** A drawing run and what the server used meanwhile. */
interface DrawingRun {
  figures: DrawingFigures;
  serverCpuPercent: number;
  serverRssBytes: number;
}

/** Runs the three realtime measurements; resolves to false when a figure is not valid. */
export async function benchmarkRealtime(): Promise<boolean> {
  const { clients, drawers, changesPerSecond, warmUpSeconds, measureSeconds } = DRAWING;
  writeLine(
    `Room server: one room of ${clients} members, ${drawers} drawing ${changesPerSecond} ` +
      `changes/s each, ${measureSeconds} s after a ${warmUpSeconds} s warm-up`,
  );
  writeLine(
    '  Server (`whiteroom serve`, SQLite in a temporary folder, log level warn) and a bare',
  );
  writeLine(
    '  relay each in a child process; load generator in this process: all share ' +
      `${os.cpus().length} cores.`,
  );

  const whiteroom = await withWhiteroom({ inspect: false }, async (server) => {
    const token = benchSdkToken();
    const roomUuid = await createRoom(server.url, token);
    return measureDrawing(server, roomUuid, token);
  });
  const relay = await withChild(startRelay(), (server) =>
    measureDrawing(server, randomBytes(16).toString('hex'), 'none'),
  );
  for (const line of drawingTable(whiteroom, relay)) writeLine(`  ${line}`);
  const drawingClean = [whiteroom, relay].every(({ figures }) => isComplete(figures));
  if (!drawingClean) {
    writeLine('  Changes went missing, were refused or connections dropped: not valid.');
  }

  writeLine();
  const idle = await measureIdleRooms();
  return drawingClean && idle;
}

function measureDrawing(server: ChildServer, roomUuid: string, token: string): Promise<DrawingRun> {
  let cpuAtStart = 0;
  let startedAt = 0;
  let serverCpuPercent = 0;
  let serverRssBytes = 0;
  return runDrawingLoad({
    ...DRAWING,
    url: server.url,
    roomUuid,
    token,
    onWindowStart: () => {
      cpuAtStart = cpuSeconds(server.pid);
      startedAt = performance.now();
    },
    onWindowEnd: () => {
      const seconds = (performance.now() - startedAt) / 1000;
      serverCpuPercent = percentOfCore(cpuSeconds(server.pid) - cpuAtStart, seconds);
      serverRssBytes = residentBytes(server.pid);
    },
  }).then((figures) => ({ figures, serverCpuPercent, serverRssBytes }));
}

function drawingTable(whiteroom: DrawingRun, relay: DrawingRun): string[] {
  const row = (name: string, run: DrawingRun) => [
    name,
    formatCount(run.figures.deliveredPerSecond),
    formatCount(run.figures.sentPerSecond),
    run.figures.latency.p50Ms.toFixed(1),
    run.figures.latency.p99Ms.toFixed(1),
    run.figures.latency.maxMs.toFixed(1),
    `${run.serverCpuPercent.toFixed(0)}%`,
    formatMiB(run.serverRssBytes),
    `${run.figures.generatorCpuPercent.toFixed(0)}%`,
    formatCount(run.figures.missing),
    formatCount(run.figures.refused),
    formatCount(run.figures.dropped),
  ];
  const ratio = (a: number, b: number) => (b > 0 ? `×${(a / b).toFixed(2)}` : '-');
  const w = whiteroom.figures;
  const r = relay.figures;
  return formatTable([
    [
      '',
      'delivered/s',
      'sent/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'server CPU',
      'server RSS',
      'generator CPU',
      'missing',
      'refused',
      'dropped',
    ],
    row('whiteroom', whiteroom),
    row('bare relay', relay),
    [
      'whiteroom / relay',
      ratio(w.deliveredPerSecond, r.deliveredPerSecond),
      '',
      ratio(w.latency.p50Ms, r.latency.p50Ms),
      ratio(w.latency.p99Ms, r.latency.p99Ms),
      ratio(w.latency.maxMs, r.latency.maxMs),
      ratio(whiteroom.serverCpuPercent, relay.serverCpuPercent),
      ratio(whiteroom.serverRssBytes, relay.serverRssBytes),
    ],
  ]).concat([
    'delivered: change frames arriving at members other than the author (the author gets one',
    `more each: ${formatCount(w.echoesPerSecond)}/s and ${formatCount(r.echoesPerSecond)}/s);`,
    'latency: from send to arrival at each other member, both timed in this process.',
    `Deliveries per second of server CPU: whiteroom ${formatCount(perCpuSecond(whiteroom))}, ` +
      `relay ${formatCount(perCpuSecond(relay))} ` +
      `(${ratio(perCpuSecond(whiteroom), perCpuSecond(relay))}).`,
  ]);
}

/** Change frames delivered (echoes included) per second of one core busy in the server. */
function perCpuSecond(run: DrawingRun): number {
  const frames = run.figures.deliveredPerSecond + run.figures.echoesPerSecond;
  return run.serverCpuPercent > 0 ? frames / (run.serverCpuPercent / 100) : 0;
}

const isComplete = (figures: DrawingFigures) =>
  figures.missing === 0 && figures.refused === 0 && figures.dropped === 0;

async function measureIdleRooms(): Promise<boolean> {
  let rooms = IDLE.rooms;
  const limit = openFileLimit();
  const needed = rooms * IDLE.clientsPerRoom + SPARE_FILES;
  if (limit !== undefined && limit < needed) {
    rooms = Math.max(1, Math.floor((limit - SPARE_FILES) / IDLE.clientsPerRoom));
    writeLine(
      `Open files are limited to ${limit} here (${needed} needed): scaled down to ${rooms} rooms.`,
    );
  }
  const connections = rooms * IDLE.clientsPerRoom;
  writeLine(
    `Idle rooms: ${formatCount(rooms)} rooms of ${IDLE.clientsPerRoom} members ` +
      `(${formatCount(connections)} connections), created over REST ${IDLE.createConcurrency} ` +
      `at a time, joined ${IDLE.joinConcurrency} at a time`,
  );

  const figures = await withWhiteroom({ inspect: true }, async (server): Promise<IdleFigures> => {
    if (server.inspectorUrl === undefined) throw new Error('the server has no inspector');
    const token = benchSdkToken();
    const roomUuids = await createRooms(server.url, token, rooms, IDLE.createConcurrency);
    const probe = await openHeapProbe(server.inspectorUrl);
    try {
      return await runIdleRooms({
        url: server.url,
        token,
        probe,
        roomUuids,
        clientsPerRoom: IDLE.clientsPerRoom,
        joinConcurrency: IDLE.joinConcurrency,
      });
    } finally {
      probe.close();
    }
  });

  const { before, after } = figures;
  const perConnection = (bytes: number) =>
    figures.connections > 0 ? `${(bytes / figures.connections / 1024).toFixed(1)} KB` : '-';
  writeLine(
    `  joined ${formatCount(figures.connections)} in ${figures.joinSeconds.toFixed(1)} s ` +
      `(${formatCount(figures.connections / figures.joinSeconds)} joins/s); ` +
      'server memory after a full GC:',
  );
  const table = formatTable([
    ['', 'before joins', 'after', 'per connection'],
    [
      'resident (RSS)',
      formatMiB(before.rss),
      formatMiB(after.rss),
      perConnection(after.rss - before.rss),
    ],
    [
      'JS heap in use',
      formatMiB(before.heapUsed),
      formatMiB(after.heapUsed),
      perConnection(after.heapUsed - before.heapUsed),
    ],
    [
      'external (buffers)',
      formatMiB(before.external),
      formatMiB(after.external),
      perConnection(after.external - before.external),
    ],
  ]);
  for (const line of table) writeLine(`  ${line}`);
  const clean = figures.failedJoins === 0 && figures.dropped === 0;
  if (!clean) {
    writeLine(
      `  ${formatCount(figures.failedJoins)} joins failed` +
        (figures.firstFailure ? ` (first: ${figures.firstFailure})` : '') +
        `, ${formatCount(figures.dropped)} connections dropped: not valid.`,
    );
  }
  return clean;
}

/** Runs `action` on a Whiteroom server with a fresh data folder, then stops it and removes it. */
async function withWhiteroom<T>(
  options: { inspect: boolean },
  action: (server: ChildServer) => Promise<T>,
): Promise<T> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'whiteroom-bench-'));
  try {
    const started = startWhiteroom({
      dataDir,
      ...BENCH_KEY_PAIR,
      ...options,
      ...(CPU_PROFILE_DIR ? { cpuProfileDir: CPU_PROFILE_DIR } : {}),
    });
    return await withChild(started, action);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Runs `action` on a child server, then stops it, whatever happened. */
async function withChild<T>(
  starting: Promise<ChildServer>,
  action: (server: ChildServer) => Promise<T>,
): Promise<T> {
  const server = await starting;
  try {
    return await action(server);
  } catch (error) {
    const tail = server.tail().join('\n    ');
    throw new Error(`${String(error)}\n  last lines of ${server.name}:\n    ${tail}`, {
      cause: error,
    });
  } finally {
    await server.stop();
  }
}

const formatMiB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
