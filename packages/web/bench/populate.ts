/** Fills a room's page with strokes through the SDK, the way a busy class's board fills up. */
import type { Color } from '@whiteroom/protocol';
import { WhiteWebSdk } from '@whiteroom/sdk';
import WebSocket from 'ws';

/** Where the strokes are spread, in board units. */
export const AREA = { width: 4000, height: 3000 };

/** No red: the end-to-end measurement looks for a red stroke on this page. */
const COLORS: Color[] = [
  [30, 30, 30],
  [134, 142, 150],
  [25, 113, 194],
  [47, 158, 68],
  [112, 72, 232],
];
const WIDTHS = [2, 4, 4, 8];
/** Changes sent before waiting for the server to acknowledge some. */
const IN_FLIGHT = 400;

/** A small seeded generator (mulberry32), so that every run draws the same page. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** A hand-drawn-looking stroke of 20 to 60 points: a walk that turns a little at each step. */
function strokePoints(random: () => number): number[] {
  const count = 20 + Math.floor(random() * 41);
  const points = [0, 0, 0.5];
  let x = 0;
  let y = 0;
  let angle = random() * Math.PI * 2;
  for (let i = 1; i < count; i++) {
    angle += (random() - 0.5) * 0.8;
    const step = 3 + random() * 6;
    x += Math.cos(angle) * step;
    y += Math.sin(angle) * step;
    points.push(round2(x), round2(y), 0.5);
  }
  return points;
}

export interface Filled {
  strokes: number;
  points: number;
  ms: number;
}

/** Adds `count` strokes to the room's current page, keeping a bounded number unacknowledged. */
export async function fillRoom(
  serverUrl: string,
  writerLink: string,
  count: number,
  seed: number,
): Promise<Filled> {
  const link = new URL(writerLink, serverUrl);
  const uuid = link.pathname.split('/').pop() ?? '';
  const roomToken = link.searchParams.get('token') ?? '';
  const sdk = new WhiteWebSdk({ serverUrl, WebSocket });
  const room = await sdk.joinRoom({ uuid, roomToken, uid: 'web-bench-filler' });

  const random = seededRandom(seed);
  const started = performance.now();
  let points = 0;
  const settle = async (limit: number): Promise<void> => {
    while (room.pendingChangeCount > limit) await new Promise((resolve) => setTimeout(resolve, 2));
  };
  for (let i = 0; i < count; i++) {
    const stroke = strokePoints(random);
    points += stroke.length / 3;
    room.addElement({
      type: 'pencil',
      x: round2(random() * AREA.width),
      y: round2(random() * AREA.height),
      strokeColor: COLORS[Math.floor(random() * COLORS.length)] as Color,
      strokeWidth: WIDTHS[Math.floor(random() * WIDTHS.length)] as number,
      points: stroke,
    });
    if (i % 100 === 99) await settle(IN_FLIGHT);
  }
  await settle(0);
  const ms = performance.now() - started;
  await room.disconnect();
  return { strokes: count, points, ms };
}
