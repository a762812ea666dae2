/**
 * The drawing load: one room, many members, a few of them drawing pencil strokes at a steady rate.
 * Every change's send time is kept by its author's clientId and clientSeq, which the broadcast
 * carries back, so the time to reach every other member is measured without touching the op.
 */
import { randomBytes } from 'node:crypto';
import { joinRoom, type BenchClient } from './client.js';
import { settleLimited } from './limited.js';
import { LatencyRecorder, type LatencySummary } from './stats.js';

/** Appends per stroke before a new one starts; a stroke holds 20,000 points by default. */
const APPENDS_PER_STROKE = 500;
const JOIN_CONCURRENCY = 10;
/** How long to wait, after the last change is sent, for it to reach everyone. */
const DRAIN_MS = 5_000;

export interface DrawingLoadOptions {
  url: string;
  roomUuid: string;
  token: string;
  /** Members in the room, drawers included. */
  clients: number;
  drawers: number;
  /** Changes a second of each drawer. */
  changesPerSecond: number;
  warmUpSeconds: number;
  measureSeconds: number;
  /** Called as the measured window opens and closes, to read the server's counters. */
  onWindowStart?: () => void;
  onWindowEnd?: () => void;
}

export interface DrawingFigures {
  /** Seconds the window actually lasted. */
  seconds: number;
  /** Changes sent in the window, a second. */
  sentPerSecond: number;
  /** Change frames that arrived at members other than their author in the window, a second. */
  deliveredPerSecond: number;
  /** Change frames back to their own author in the window, a second. */
  echoesPerSecond: number;
  /** From send to arrival at each other member, for changes sent in the window. */
  latency: LatencySummary;
  /** Arrivals at other members of changes sent in the window that never came. */
  missing: number;
  /** `reject` and `error` frames received. */
  refused: number;
  /** Connections the server closed during the run. */
  dropped: number;
  /** CPU of this process (the load generator) in the window, as % of one core. */
  generatorCpuPercent: number;
}

interface Drawer {
  client: BenchClient;
  /** Send time (performance.now()) by clientSeq; NaN until sent. */
  sentAt: Float64Array;
  /** Arrivals at other members by clientSeq. */
  arrivals: Uint16Array;
}

/** Joins everyone, draws through a warm-up and the measured window, then waits for stragglers. */
export async function runDrawingLoad(options: DrawingLoadOptions): Promise<DrawingFigures> {
  const { drawers: drawerCount, changesPerSecond } = options;
  const totalSeconds = options.warmUpSeconds + options.measureSeconds;
  const changesPerDrawer = Math.ceil(totalSeconds * changesPerSecond);
  const slotMs = 1000 / (changesPerSecond * drawerCount);
  const others = options.clients - 1;

  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  const inWindow = (time: number) => time >= windowStart && time < windowEnd;
  const latency = new LatencyRecorder(changesPerDrawer * drawerCount * others);
  let delivered = 0;
  let echoes = 0;
  let refused = 0;
  let dropped = 0;
  const drawersById = new Map<string, Drawer>();

  const receive = (ownId: string) => (text: string, arrivedAt: number) => {
    const change = readChange(text);
    if (change === 'refused') refused += 1;
    if (typeof change !== 'object') return;
    const drawer = drawersById.get(change.clientId);
    if (!drawer) return;
    if (change.clientId === ownId) {
      if (inWindow(arrivedAt)) echoes += 1;
      return;
    }
    const arrivals = drawer.arrivals[change.clientSeq];
    if (arrivals === undefined) return;
    drawer.arrivals[change.clientSeq] = arrivals + 1;
    if (inWindow(arrivedAt)) delivered += 1;
    const sentAt = drawer.sentAt[change.clientSeq] ?? Number.NaN;
    if (inWindow(sentAt)) latency.record(arrivedAt - sentAt);
  };

  const run = randomBytes(4).toString('hex');
  const identities = Array.from({ length: options.clients }, (_, i) => ({
    clientId: `bench-${run}-${i < drawerCount ? 'd' : 'w'}${i}`,
    drawing: i < drawerCount,
  }));
  const joined = await settleLimited(identities, JOIN_CONCURRENCY, ({ clientId, drawing }) =>
    joinRoom({
      url: options.url,
      roomUuid: options.roomUuid,
      token: options.token,
      uid: clientId,
      clientId,
      isWritable: drawing,
      onMessage: receive(clientId),
      onDropped: () => (dropped += 1),
    }),
  );
  const clients = joined.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  try {
    const refusal = joined.find((result) => result.status === 'rejected');
    if (refusal) throw new Error(`a member could not join: ${String(refusal.reason)}`);

    const drawers = clients.slice(0, drawerCount).map((client): Drawer => {
      const drawer = {
        client,
        sentAt: new Float64Array(changesPerDrawer + 1).fill(Number.NaN),
        arrivals: new Uint16Array(changesPerDrawer + 1),
      };
      drawersById.set(client.clientId, drawer);
      return drawer;
    });

    let cpuAtStart = process.cpuUsage();
    const started = performance.now() + 20;
    const openWindow = setTimeout(
      () => {
        cpuAtStart = process.cpuUsage();
        options.onWindowStart?.();
        windowStart = performance.now();
      },
      started + options.warmUpSeconds * 1000 - performance.now(),
    );
    let cpuInWindow = { user: 0, system: 0 };
    let closeWindow: NodeJS.Timeout | undefined;
    const windowClosed = new Promise<void>((resolve) => {
      closeWindow = setTimeout(
        () => {
          windowEnd = performance.now();
          options.onWindowEnd?.();
          cpuInWindow = process.cpuUsage(cpuAtStart);
          resolve();
        },
        started + totalSeconds * 1000 - performance.now(),
      );
    });

    try {
      await sendOnSchedule(started, slotMs, changesPerDrawer * drawerCount, (slot) => {
        const drawer = drawers[slot % drawerCount];
        if (drawer) draw(drawer, Math.floor(slot / drawerCount) + 1);
      });
      await windowClosed;
      await waitForArrivals(drawers, others, inWindow);
    } finally {
      clearTimeout(openWindow);
      clearTimeout(closeWindow);
    }

    const seconds = (windowEnd - windowStart) / 1000;
    let sent = 0;
    let missing = 0;
    for (const drawer of drawers) {
      drawer.sentAt.forEach((sentAt, clientSeq) => {
        if (!inWindow(sentAt)) return;
        sent += 1;
        missing += others - (drawer.arrivals[clientSeq] ?? 0);
      });
    }
    return {
      seconds,
      sentPerSecond: sent / seconds,
      deliveredPerSecond: delivered / seconds,
      echoesPerSecond: echoes / seconds,
      latency: latency.summarise(),
      missing,
      refused,
      dropped,
      generatorCpuPercent: (cpuInWindow.user + cpuInWindow.system) / 1e4 / seconds,
    };
  } finally {
    for (const client of clients) client.terminate();
  }
}

/**
 * Calls `send` for slots 0 to `slots - 1`, slot `k` at `started + k * slotMs`. A late timer sends
 * the slots it missed at once, so the rate holds on average however busy this process is.
 */
function sendOnSchedule(
  started: number,
  slotMs: number,
  slots: number,
  send: (slot: number) => void,
): Promise<void> {
  return new Promise((resolve) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < slots && started + next * slotMs <= now) send(next++);
      if (next >= slots) resolve();
      else setTimeout(tick, Math.max(0, started + next * slotMs - performance.now()));
    };
    tick();
  });
}

/** Sends a drawer's change number `clientSeq`: a new stroke now and then, points otherwise. */
function draw(drawer: Drawer, clientSeq: number): void {
  const stroke = Math.floor((clientSeq - 1) / APPENDS_PER_STROKE);
  const id = `${drawer.client.clientId}-${stroke}`;
  const step = (clientSeq - 1) % APPENDS_PER_STROKE;
  const op =
    step === 0
      ? {
          type: 'addElement',
          scenePath: '/init',
          element: {
            id,
            type: 'pencil',
            x: 0,
            y: 0,
            points: [0, 0, 0.5],
            strokeColor: [0, 0, 0],
            strokeWidth: 2,
          },
        }
      : { type: 'appendPoints', id, points: [step * 2, step, 0.5, step * 2 + 1, step + 1, 0.5] };
  const frame = JSON.stringify({ type: 'change', clientSeq, op });
  drawer.sentAt[clientSeq] = performance.now();
  drawer.client.send(frame);
}

/** Waits until every change sent in the window has reached every other member, or gives up. */
async function waitForArrivals(
  drawers: readonly Drawer[],
  others: number,
  inWindow: (time: number) => boolean,
): Promise<void> {
  const deadline = performance.now() + DRAIN_MS;
  const complete = () =>
    drawers.every((drawer) =>
      drawer.sentAt.every(
        (sentAt, clientSeq) => !inWindow(sentAt) || drawer.arrivals[clientSeq] === others,
      ),
    );
  while (!complete() && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The author and number of a `change` frame, `'refused'` for a `reject` or `error` frame, and
 * undefined for anything else. Both servers write `type` first, so most frames are told apart
 * without parsing them.
 */
function readChange(text: string): { clientId: string; clientSeq: number } | 'refused' | undefined {
  if (text.startsWith('{"type":"reject"') || text.startsWith('{"type":"error"')) return 'refused';
  if (!text.startsWith('{"type":"change"')) return undefined;
  const message: unknown = JSON.parse(text);
  if (typeof message !== 'object' || message === null || !('change' in message)) return undefined;
  const change: unknown = message.change;
  if (typeof change !== 'object' || change === null) return undefined;
  if (!('clientId' in change) || typeof change.clientId !== 'string') return undefined;
  if (!('clientSeq' in change) || typeof change.clientSeq !== 'number') return undefined;
  return { clientId: change.clientId, clientSeq: change.clientSeq };
}
