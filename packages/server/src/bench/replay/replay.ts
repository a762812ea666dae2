/**
 * The replay benchmark: a simulated two-hour class recorded in a historied room, then replayed
 * over HTTP by the SDK's player in this process, as a Node application would. Prints bytes stored
 * per change, time to the first frame and time to seek to random moments; exports pages too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import type { Board } from '@whiteroom/board';
import { WhiteWebSdk, type Player } from '@whiteroom/sdk';
import { mintToken } from '@whiteroom/token';
import { closeExportPool, runExport } from '../../export/export-pool.js';
import { exportPage, exportPdf } from '../../export/exporter.js';
import { boardAt } from '../../history/board-at.js';
import { createLogger } from '../../logging.js';
import { startServer } from '../../server.js';
import { SQLITE_FILE_NAME } from '../../storage/sqlite.js';
import type { RoomRecord } from '../../storage/storage.js';
import { formatCount, formatTable, writeLine } from '../report.js';
import { recordClass, TWO_HOUR_CLASS, type ClassPlan } from './class-simulation.js';

const SEEKS = 200;
/** The largest picture the screenshot endpoint draws. */
const LARGEST_SIDE = 8192;
const FIRST_FRAME_RUNS = 5;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Bytes the database holds for the room's recording, by table. */
function storedBytes(dataDir: string, roomId: number): [string, number, number][] {
  const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
  try {
    const tables: [string, string][] = [
      [
        'changes',
        'SELECT count(*) AS n, sum(length(op) + length(uid) + 24) AS b FROM room_changes WHERE room_id = ?',
      ],
      [
        'page keyframes',
        'SELECT count(*) AS n, sum(length(page_json) + length(path) + 24) AS b FROM room_page_keyframes WHERE room_id = ?',
      ],
      [
        'structure keyframes',
        'SELECT count(*) AS n, sum(length(board_json) + 24) AS b FROM room_structure_keyframes WHERE room_id = ?',
      ],
      [
        'room checkpoints',
        'SELECT count(*) AS n, sum(length(state) + 24) AS b FROM room_checkpoints WHERE room_id = ?',
      ],
      [
        'member events',
        'SELECT count(*) AS n, sum(length(body) + length(kind) + 32) AS b FROM room_presence WHERE room_id = ?',
      ],
    ];
    return tables.map(([name, sql]) => {
      const row = db.prepare(sql).get(roomId) as { n: number; b: number | null };
      return [name, row.n, row.b ?? 0];
    });
  } finally {
    db.close();
  }
}

/** The room was made before the class it records began (the server checks times against it). */
function backdateRoom(dataDir: string, roomId: number, byMs: number): void {
  const db = new Database(path.join(dataDir, SQLITE_FILE_NAME));
  try {
    const createdAt = new Date(Date.now() - byMs).toISOString();
    db.prepare('UPDATE rooms SET created_at = ? WHERE id = ?').run(createdAt, roomId);
  } finally {
    db.close();
  }
}

function untilFirstFrame(player: Player): Promise<void> {
  if (player.phase !== 'waitingFirstFrame') return Promise.resolve();
  return new Promise((resolve) => {
    const off = player.on('phaseChanged', (phase) => {
      if (phase === 'waitingFirstFrame') return;
      off();
      resolve();
    });
  });
}

export async function benchmarkReplay(plan: ClassPlan = TWO_HOUR_CLASS): Promise<boolean> {
  writeLine(
    `Replay: a simulated class of ${formatCount(plan.changes)} changes over ` +
      `${plan.durationMs / 60_000} minutes, ${plan.drawers} members drawing and ` +
      `${plan.watchers} watching`,
  );
  const dataDir = mkdtempSync(path.join(tmpdir(), 'whiteroom-replay-bench-'));
  const logger = createLogger('silent');
  const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', logger });
  try {
    const keyPair = (await server.storage.keyPairs.list())[0];
    if (!keyPair) throw new Error('the server provisioned no key pair');
    const room = await server.storage.rooms.create({
      uuid: '5eed'.padEnd(32, '0'),
      appId: keyPair.appId,
      name: 'two-hour class',
      limit: 0,
      isRecord: true,
      region: 'bench',
      createdByKeyId: keyPair.id,
    });

    backdateRoom(dataDir, room.id, plan.durationMs + 120_000);
    const recorded = await recordClass(server.storage, room, plan, logger, (done) => {
      process.stderr.write(`  recording: ${formatCount(done)} changes\r`);
    });
    process.stderr.write('\n');
    writeLine(
      `  recorded ${formatCount(recorded.changes)} changes (${formatCount(recorded.strokes)} ` +
        `strokes on ${recorded.pages} pages) in ${(recorded.elapsedMs / 1000).toFixed(1)} s`,
    );

    const bytes = storedBytes(dataDir, room.id);
    const total = bytes.reduce((sum, [, , b]) => sum + b, 0);
    writeLine();
    writeLine("  Stored (bytes of data, without the database's own overhead):");
    for (const line of formatTable([
      ['    what', 'rows', 'bytes', 'per change'],
      ...bytes.map(([name, rows, b]) => [
        `    ${name}`,
        formatCount(rows),
        formatCount(b),
        (b / recorded.changes).toFixed(1),
      ]),
      ['    all', '', formatCount(total), (total / recorded.changes).toFixed(1)],
    ])) {
      writeLine(line);
    }

    const roomToken = mintToken('room', {
      accessKey: keyPair.accessKey,
      secretAccessKey: keyPair.secretAccessKey,
      role: 'reader',
      uuid: room.uuid,
      lifespan: 0,
    });
    const sdk = new WhiteWebSdk({ serverUrl: server.url, WebSocket });

    const failures: Error[] = [];
    const firstFrames: number[] = [];
    let player: Player | undefined;
    for (let run = 0; run < FIRST_FRAME_RUNS; run += 1) {
      player?.stop();
      const started = performance.now();
      player = await sdk.replayRoom(
        { room: room.uuid, roomToken },
        { onStoppedWithError: (error) => failures.push(error) },
      );
      await untilFirstFrame(player);
      firstFrames.push(performance.now() - started);
    }
    if (!player) throw new Error('no player');

    const random = seededSeeks(7);
    const seeks: number[] = [];
    for (let i = 0; i < SEEKS; i += 1) {
      const target = Math.floor(random() * player.timeDuration);
      const started = performance.now();
      if (!(await player.seekToProgressTime(target))) throw new Error(`seek to ${target} failed`);
      seeks.push(performance.now() - started);
    }
    player.stop();
    seeks.sort((a, b) => a - b);
    if (failures.length > 0) throw failures[0];

    writeLine();
    writeLine(`  Player in Node, over HTTP on 127.0.0.1:`);
    writeLine(
      `    first frame: ${ms(firstFrames[0] ?? NaN)} cold, then ` +
        firstFrames.slice(1).map(ms).join(', '),
    );
    writeLine(
      `    seek to ${SEEKS} random moments: p50 ${ms(percentile(seeks, 50))}, ` +
        `p99 ${ms(percentile(seeks, 99))}, max ${ms(seeks.at(-1) ?? NaN)}`,
    );

    await benchmarkExport(server.storage, room, recorded.endTimestamp);
    await benchmarkExportStall(dataDir, room);
    return true;
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchmarkExport(
  storage: Parameters<typeof boardAt>[0],
  room: Parameters<typeof boardAt>[1],
  at: number,
): Promise<void> {
  let started = performance.now();
  const { board } = await boardAt(storage, room, at);
  const loadMs = performance.now() - started;
  const pages = board.pagePaths();
  const elements = pages.reduce((sum, page) => sum + board.getElements(page).length, 0);
  const rows: string[][] = [['    format', 'per page']];
  for (const format of ['svg', 'png'] as const) {
    started = performance.now();
    for (const page of pages) {
      await exportPage(board, { path: page, width: 1280, height: 720, format, uploadsDir: '' });
    }
    rows.push([`    ${format}`, ms((performance.now() - started) / pages.length)]);
  }
  started = performance.now();
  await exportPdf(board, { width: 1280, height: 720, uploadsDir: '', title: 'bench' });
  rows.push(['    pdf (all pages)', ms((performance.now() - started) / pages.length)]);

  writeLine();
  writeLine(
    `  Export at the end of the class: ${pages.length} pages, ${formatCount(elements)} ` +
      `elements; the whole board read in ${ms(loadMs)}`,
  );
  for (const line of formatTable(rows)) writeLine(line);
  benchmarkCheckpoint(board);
}

/**
 * What a room checkpoint of the board at the end of the class costs the room's event loop: the
 * board written whole, as the first checkpoint after loading writes it, and again after a change
 * to one page, as the next ones do.
 */
function benchmarkCheckpoint(board: Board): void {
  const timed = (write: () => string) => {
    const started = performance.now();
    const bytes = write().length;
    return { ms: performance.now() - started, bytes };
  };
  const everything = timed(() => JSON.stringify(board.toSnapshot({ share: true })));
  const first = timed(() => board.toJson());
  const stroke = board.getElements().findLast((element) => element.type === 'pencil');
  if (stroke) board.apply({ type: 'appendPoints', id: stroke.id, points: [1, 1, 0.5] });
  const next = timed(() => board.toJson());

  writeLine();
  writeLine(`  Room checkpoint of that board (${formatCount(first.bytes)} bytes of JSON):`);
  const rows = [
    ['    written', 'event loop'],
    ['    whole, by JSON.stringify', ms(everything.ms)],
    ['    whole, page by page', ms(first.ms)],
    ['    after a change to one page', ms(next.ms)],
  ];
  for (const line of formatTable(rows)) writeLine(line);
}

/**
 * How long the event loop is held up while the export pool draws the class's current page at the
 * largest size the API allows, reading the board from the database itself: what a room served by
 * the same process waits for its next change meanwhile.
 */
async function benchmarkExportStall(dataDir: string, room: RoomRecord): Promise<void> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
  delay.enable();
  // The monitor counts a stall when its next tick comes late: give it ticks before and after.
  await settle();
  const started = performance.now();
  const output = { format: 'png', width: LARGEST_SIDE, height: LARGEST_SIDE } as const;
  const outcome = await runExport({ dataDir, room, output });
  const took = performance.now() - started;
  await settle();
  delay.disable();
  await closeExportPool();

  writeLine();
  writeLine(
    `  PNG ${LARGEST_SIDE} × ${LARGEST_SIDE} of the current page through the export pool ` +
      `(${outcome.ok ? 'drawn' : outcome.error}): ${ms(took)}; the event loop stalled ` +
      `${ms(delay.max / 1e6)} at most meanwhile`,
  );
}

function seededSeeks(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}
