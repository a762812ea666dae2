/**
 * A simulated class, recorded in a historied room through the real room engine and storage, on a
 * simulated clock: a teacher and a few students drawing, everyone's cursor moving, pages turned
 * every few minutes. It yields the same log a real class would, in seconds instead of hours.
 */
import type { BoardOp, ClientMessage, ConnectMessage } from '@whiteroom/protocol';
import { PROTOCOL_VERSION } from '@whiteroom/protocol';
import type { Logger } from '../../logging.js';
import { DEFAULT_REALTIME_LIMITS } from '../../realtime/limits.js';
import { RoomEngine } from '../../realtime/room-engine.js';
import type { Session, Transport } from '../../realtime/session.js';
import type { RoomRecord, Storage } from '../../storage/storage.js';

export interface ClassPlan {
  /** Board changes to record in all. */
  changes: number;
  /** Simulated length of the class, milliseconds. */
  durationMs: number;
  /** Members who draw (the first is the teacher, who also turns the pages). */
  drawers: number;
  /** Members who only watch; their cursors move too. */
  watchers: number;
  /** Minutes between two page turns. */
  minutesPerPage: number;
  seed: number;
}

export const TWO_HOUR_CLASS: ClassPlan = {
  changes: 300_000,
  durationMs: 2 * 3600 * 1000,
  drawers: 4,
  watchers: 20,
  minutesPerPage: 5,
  seed: 20261203,
};

/** The web app sends a stroke's new points every 30 ms. */
const APPEND_EVERY_MS = 30;
/** Drawers' cursors move all the time; watchers' now and then. */
const DRAWER_CURSOR_EVERY_MS = 50;
const WATCHER_CURSOR_EVERY_MS = 1000;

/** A small seeded generator, so that every run records the same class. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const silentTransport: Transport = {
  send: () => undefined,
  close: () => undefined,
  bufferedAmount: 0,
};

function member(uid: string, role: 'writer' | 'reader'): Session {
  return {
    transport: silentTransport,
    clientId: `bench-${uid}`.padEnd(8, '0'),
    uid,
    role,
    payload: { name: uid },
    memberId: 0,
    memberState: {},
    isWritable: role === 'writer',
    lastPresenceAt: 0,
  };
}

const connect = (uid: string): ConnectMessage => ({
  type: 'connect',
  protocolVersion: PROTOCOL_VERSION,
  roomUuid: '0'.repeat(32),
  token: 'checked by the socket layer, not the engine',
  uid,
  isWritable: true,
  clientId: `bench-${uid}`.padEnd(8, '0'),
});

const round2 = (value: number) => Math.round(value * 100) / 100;

interface Stroke {
  id: string;
  endsAt: number;
  nextAppendAt: number;
  x: number;
  y: number;
  heading: number;
}

export interface RecordedClass {
  changes: number;
  strokes: number;
  pages: number;
  beginTimestamp: number;
  endTimestamp: number;
  /** How long recording took, wall-clock milliseconds. */
  elapsedMs: number;
}

/**
 * Plays the plan into the room through a room engine. Changes are written once per simulated
 * second, which stores the same bytes as the engine's per-tick group commit.
 */
export async function recordClass(
  storage: Storage,
  room: RoomRecord,
  plan: ClassPlan,
  logger: Logger,
  onProgress?: (done: number) => void,
): Promise<RecordedClass> {
  const random = seeded(plan.seed);
  // The class ended a moment ago: a recording is replayed after it happened.
  // On a whole second, so that cursors move on their own multiples of it.
  const begin = Math.floor((Date.now() - plan.durationMs - 60_000) / 1000) * 1000;
  let clock = begin;
  const engine = await RoomEngine.load({
    roomId: room.id,
    roomUuid: room.uuid,
    isRecord: true,
    memberLimit: 0,
    log: storage.roomLogs,
    limits: DEFAULT_REALTIME_LIMITS,
    logger,
    now: () => clock,
  });

  const drawers = Array.from({ length: plan.drawers }, (_, i) => member(`drawer-${i}`, 'writer'));
  const watchers = Array.from({ length: plan.watchers }, (_, i) =>
    member(`watcher-${i}`, 'reader'),
  );
  for (const session of [...drawers, ...watchers]) {
    await engine.join(session, connect(session.uid));
  }
  const clientSeqs = new Map<Session, number>();
  let changes = 0;
  let strokes = 0;
  let pages = 1;
  let page = '/init';
  const propose = (session: Session, op: BoardOp) => {
    const clientSeq = (clientSeqs.get(session) ?? 0) + 1;
    clientSeqs.set(session, clientSeq);
    engine.handle(session, { type: 'change', clientSeq, op } satisfies ClientMessage);
    changes += 1;
  };

  // Each drawer alternates between a stroke and a pause; the pause is sized so that the plan's
  // change count is reached at about the end of the class.
  const active = new Map<Session, Stroke>();
  const idleUntil = new Map<Session, number>();
  const changesPerStroke = 1 + 1500 / APPEND_EVERY_MS;
  const strokesPerDrawer = plan.changes / changesPerStroke / plan.drawers;
  const meanPauseMs = plan.durationMs / strokesPerDrawer - 1500;
  const pageEveryMs = plan.minutesPerPage * 60_000;
  let nextPageAt = begin + pageEveryMs;
  let nextFlushAt = begin + 1000;
  let reported = 0;
  const started = performance.now();

  for (let tick = begin; changes < plan.changes; tick += 10) {
    clock = tick;
    if (tick >= nextPageAt) {
      const teacher = drawers[0] as Session;
      pages += 1;
      page = `/page-${pages}`;
      propose(teacher, { type: 'putScenes', dir: '/', scenes: [{ name: `page-${pages}` }] });
      propose(teacher, { type: 'setScenePath', path: page });
      nextPageAt += pageEveryMs;
    }

    for (const drawer of drawers) {
      const stroke = active.get(drawer);
      if (!stroke) {
        if (tick < (idleUntil.get(drawer) ?? begin)) continue;
        strokes += 1;
        const started: Stroke = {
          id: `s${strokes}`,
          endsAt: tick + 500 + random() * 2000,
          nextAppendAt: tick + APPEND_EVERY_MS,
          x: 0,
          y: 0,
          heading: random() * Math.PI * 2,
        };
        active.set(drawer, started);
        propose(drawer, {
          type: 'addElement',
          scenePath: page,
          element: {
            id: started.id,
            type: 'pencil',
            x: round2(random() * 1600 - 800),
            y: round2(random() * 900 - 450),
            strokeColor: [0, 0, 0],
            strokeWidth: 4,
            points: [0, 0, 0.5],
          },
        });
        continue;
      }
      if (tick < stroke.nextAppendAt) continue;
      stroke.nextAppendAt += APPEND_EVERY_MS;
      const points: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        stroke.heading += (random() - 0.5) * 0.6;
        stroke.x = round2(stroke.x + Math.cos(stroke.heading) * 4);
        stroke.y = round2(stroke.y + Math.sin(stroke.heading) * 4);
        points.push(stroke.x, stroke.y, round2(0.3 + random() * 0.4));
      }
      propose(drawer, { type: 'appendPoints', id: stroke.id, points });
      if (tick >= stroke.endsAt) {
        active.delete(drawer);
        idleUntil.set(drawer, tick + random() * 2 * Math.max(meanPauseMs, 0));
      }
    }

    const moveCursor = (session: Session) =>
      engine.handle(session, {
        type: 'presence',
        cursor: { x: round2(random() * 1600 - 800), y: round2(random() * 900 - 450) },
        scenePath: page,
      });
    if (tick % DRAWER_CURSOR_EVERY_MS === 0) drawers.forEach(moveCursor);
    if (tick % WATCHER_CURSOR_EVERY_MS === 0) watchers.forEach(moveCursor);

    if (tick >= nextFlushAt) {
      nextFlushAt += 1000;
      await engine.settle();
      if (onProgress && changes - reported >= 5000) {
        reported = changes;
        onProgress(changes);
      }
    }
  }

  await engine.settle();
  for (const session of [...drawers, ...watchers]) engine.leave(session);
  await engine.settle();
  await engine.checkpoint();
  return {
    changes,
    strokes,
    pages,
    beginTimestamp: begin,
    endTimestamp: clock,
    elapsedMs: performance.now() - started,
  };
}
