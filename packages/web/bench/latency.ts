/**
 * From pointer-up on one page to the stroke painted on another. Both pages run in one browser on
 * one machine; their clocks (`performance.timeOrigin + performance.now()`) are compared with this
 * process's and the difference taken off.
 */
import type { CDPSession, Page } from 'playwright-core';
import { startCpuProfile, type CostLine } from './profile.js';
import { frames } from './setup.js';

export interface LatencySample {
  /** Pointer-up on A to the frame on B whose content canvas shows the stroke's end. */
  total: number;
  /** Pointer-up on A to the last board change B's room applied before that frame. */
  arrival: number;
}

/** The app's red (`color-red`), which the big page's strokes never use. */
const RED = [224, 49, 49];

/** Strokes per page: a grid of 6 × 5 cells, each taking two strokes one above the other. */
export const MAX_STROKES = 60;

/** Where a stroke starts: a cell of a grid clear of the panels around the board (CSS pixels). */
function strokeStart(index: number): { x: number; y: number } {
  const column = index % 6;
  const row = Math.floor(index / 6) % 5;
  const lower = Math.floor(index / 30) % 2;
  return { x: 270 + column * 125, y: 130 + row * 100 + lower * 50 };
}

const now = (): number => performance.timeOrigin + performance.now();

/** How far a page's clock is ahead of this process's, from the closest of a few round trips. */
async function clockOffset(page: Page): Promise<number> {
  let best = { spread: Infinity, offset: 0 };
  for (let i = 0; i < 15; i++) {
    const sent = now();
    const there = await page.evaluate(() => performance.timeOrigin + performance.now());
    const back = now();
    if (back - sent < best.spread) {
      best = { spread: back - sent, offset: there - (sent + back) / 2 };
    }
  }
  return best.offset;
}

/** Records A's pointer-ups with the time the browser gave the event. */
async function watchPointerUps(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (window.__pointerUpAt !== undefined) return;
    const surface = document.querySelector('[data-testid=overlay-canvas]');
    surface?.addEventListener(
      'pointerup',
      (event) => {
        window.__pointerUpAt = performance.timeOrigin + event.timeStamp;
      },
      { capture: true },
    );
  });
}

/**
 * Watches a spot of B's content canvas after every frame (in a task posted from the frame's
 * animation callback, so after the app drew) until it shows red ink.
 */
async function watchForInk(page: Page, at: { x: number; y: number }): Promise<void> {
  await page.evaluate((spot) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=content-canvas]');
    const ctx = canvas?.getContext('2d');
    const hook = window.__whiteroom;
    if (!canvas || !ctx || !hook) throw new Error('no board to watch');
    const probe: { paintedAt?: number; lastChangeAt?: number } = {};
    window.__paint = probe;
    const stopListening = hook.room.on('boardChanged', () => {
      probe.lastChangeAt = performance.timeOrigin + performance.now();
    });
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const x = Math.round(spot.x * ratio) - 2;
    const y = Math.round(spot.y * ratio) - 2;
    const inked = (): boolean => {
      const data = ctx.getImageData(x, y, 5, 5).data;
      for (let i = 0; i < data.length; i += 4) {
        const red =
          (data[i] ?? 0) > 150 && (data[i + 1] ?? 255) < 110 && (data[i + 2] ?? 255) < 110;
        if (red && (data[i + 3] ?? 0) > 128) return true;
      }
      return false;
    };
    if (inked()) throw new Error('the spot to watch is red already');
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      if (inked()) {
        probe.paintedAt = performance.timeOrigin + performance.now();
        stopListening();
      } else {
        requestAnimationFrame(() => channel.port2.postMessage(null));
      }
    };
    requestAnimationFrame(() => channel.port2.postMessage(null));
  }, at);
}

/** A short red stroke with the mouse; the pointer is released away from its last position. */
async function drawStroke(cdp: CDPSession, start: { x: number; y: number }): Promise<void> {
  const mouse = (
    type: 'mouseMoved' | 'mousePressed' | 'mouseReleased',
    x: number,
    y: number,
    buttons: number,
  ) =>
    cdp.send('Input.dispatchMouseEvent', {
      type,
      x,
      y,
      button: type === 'mouseMoved' ? 'none' : 'left',
      buttons,
      clickCount: type === 'mouseMoved' ? 0 : 1,
    });
  await mouse('mouseMoved', start.x, start.y, 0);
  await mouse('mousePressed', start.x, start.y, 1);
  for (let i = 1; i <= 8; i++) {
    await mouse('mouseMoved', start.x + i * 10, start.y + Math.round(Math.sin(i) * 6), 1);
    await new Promise((resolve) => setTimeout(resolve, 8));
  }
  // The end point is made by the pointer-up itself, so it reaches B only after it.
  await mouse('mouseReleased', start.x + 80, start.y + 30, 0);
}

/** Board units of a point of A's screen, through A's camera. */
function toBoard(page: Page, point: { x: number; y: number }): Promise<{ x: number; y: number }> {
  return page.evaluate(({ x, y }) => {
    const camera = window.__whiteroom?.camera;
    if (!camera) throw new Error('no camera');
    return {
      x: (x - camera.width / 2) / camera.scale + camera.centerX,
      y: (y - camera.height / 2) / camera.scale + camera.centerY,
    };
  }, point);
}

/** Draws strokes `first` to `first + count - 1` of the grid on A, each timed until B shows it. */
export async function measureLatency(
  a: Page,
  b: Page,
  first: number,
  count: number,
): Promise<{ samples: LatencySample[]; skew: number }> {
  if (first + count > MAX_STROKES) throw new Error(`at most ${MAX_STROKES} strokes a page`);
  const skew = (await clockOffset(b)) - (await clockOffset(a));
  await a.getByTestId('tool-pencil').click();
  await a.getByTestId('color-red').click();
  await watchPointerUps(a);
  const cdp = await a.context().newCDPSession(a);

  const samples: LatencySample[] = [];
  for (let i = first; i < first + count; i++) {
    const start = strokeStart(i);
    const end = await toBoard(a, { x: start.x + 80, y: start.y + 30 });
    const onB = await b.evaluate(({ x, y }) => window.__whiteroom?.boardToScreen(x, y), end);
    if (!onB) throw new Error('page B has no board');
    await watchForInk(b, onB);
    await a.evaluate(() => (window.__pointerUpAt = NaN));
    await drawStroke(cdp, start);
    await b.waitForFunction(() => window.__paint?.paintedAt !== undefined, undefined, {
      timeout: 30_000,
    });
    const upAt = await a.evaluate(() => window.__pointerUpAt ?? NaN);
    if (Number.isNaN(upAt)) throw new Error('page A saw no pointer-up');
    const probe = await b.evaluate(() => window.__paint);
    samples.push({
      total: (probe?.paintedAt ?? NaN) - skew - upAt,
      arrival: (probe?.lastChangeAt ?? NaN) - skew - upAt,
    });
    await frames(b, 2);
  }
  await cdp.detach();
  return { samples, skew };
}

/** Times a few more strokes under CPU profiles of both pages. */
export async function profileLatency(
  a: Page,
  b: Page,
  first: number,
  count: number,
): Promise<{ sender: CostLine[]; receiver: CostLine[] }> {
  const senderProfile = await startCpuProfile(a);
  const receiverProfile = await startCpuProfile(b);
  await measureLatency(a, b, first, count);
  return { sender: await senderProfile.stop(), receiver: await receiverProfile.stop() };
}

/** Takes A's red strokes off the page and waits until B shows the page without them. */
export async function removeRedStrokes(a: Page, b: Page): Promise<void> {
  const left = await a.evaluate((red) => {
    const room = window.__whiteroom?.room;
    if (!room) throw new Error('no room');
    const drawn = room
      .getElements()
      .filter(
        (element) =>
          element.type === 'pencil' && element.strokeColor.every((value, i) => value === red[i]),
      )
      .map((element) => element.id);
    room.removeElements(drawn);
    return room.getElements().length;
  }, RED);
  await b.waitForFunction(
    (count) => window.__whiteroom?.room.getElements().length === count,
    left,
    {
      polling: 250,
      timeout: 60_000,
    },
  );
  await frames(b, 10);
}
