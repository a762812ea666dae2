/**
 * Frame times while panning: a requestAnimationFrame loop in the page records when each frame
 * starts, and when the main thread is done with it, while the mouse drags the board with the
 * hand tool in circles.
 */
import type { CDPSession, Page } from 'playwright-core';
import { startCpuProfile, startTrace, type CostLine } from './profile.js';
import type { FrameProbe } from './page-globals.js';
import { percentile } from './stats.js';

/** A frame at 60 Hz; a frame that took longer dropped the ones it covered. */
export const FRAME_MS = 1000 / 60;
/** The drag: a circle of this radius (CSS pixels), once per period. */
const RADIUS = 250;
const PERIOD_MS = 2000;
/** How often the mouse reports a position (250 Hz, an ordinary mouse). */
const MOVE_EVERY_MS = 4;

export interface PanResult {
  frames: number;
  /** Between the starts of consecutive frames: 16.7 ms when none is dropped. */
  interval: { p50: number; p95: number; p99: number; max: number };
  /** Frames at 60 Hz that were not produced. */
  dropped: number;
  /** From a frame's start until its main-thread work (scripts, style, paint, commit) is done. */
  work: { p50: number; p95: number };
  /** Share of the wall time the page's main thread ran tasks, and scripts within them. */
  taskShare: number;
  scriptShare: number;
  /** Frames in which the content layer drew the page afresh, or moved its last picture. */
  redraws: number;
  moves: number;
}

/** Drags the board with the hand tool in circles for `seconds`. */
async function pan(page: Page, seconds: number): Promise<number> {
  await page.getByTestId('tool-hand').click();
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  const start = { x: size.width / 2, y: size.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const began = performance.now();
  for (let next = began; performance.now() - began < seconds * 1000; next += MOVE_EVERY_MS) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const angle = ((performance.now() - began) / PERIOD_MS) * Math.PI * 2;
    await page.mouse.move(
      start.x + RADIUS * Math.cos(angle) - RADIUS,
      start.y + RADIUS * Math.sin(angle),
    );
  }
  await page.mouse.up();
  return (performance.now() - began) / 1000;
}

async function metrics(cdp: CDPSession): Promise<Map<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return new Map(list.map((metric) => [metric.name, metric.value]));
}

/** Pans for `seconds` and reports the frame times meanwhile. */
export async function measurePan(page: Page, seconds: number): Promise<PanResult> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.evaluate(() => {
    const probe: FrameProbe = {
      recording: true,
      starts: [],
      ends: [],
      clears: 0,
      moves: 0,
      stop: () => undefined,
    };
    window.__frames = probe;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => probe.ends.push(performance.now());
    const record = (now: number): void => {
      if (!probe.recording) return;
      probe.starts.push(now);
      channel.port2.postMessage(null);
      requestAnimationFrame(record);
    };
    requestAnimationFrame(record);

    // The content layer clears its canvas for either; a move draws the last picture back.
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=content-canvas]');
    const ctx = canvas?.getContext('2d');
    if (!ctx) throw new Error('no content canvas');
    const { clearRect, drawImage } = ctx;
    ctx.clearRect = (...args: Parameters<typeof clearRect>) => {
      probe.clears += 1;
      clearRect.apply(ctx, args);
    };
    ctx.drawImage = ((...args: unknown[]) => {
      if (args[0] instanceof HTMLCanvasElement) probe.moves += 1;
      Reflect.apply(drawImage, ctx, args);
    }) as typeof drawImage;
    probe.stop = () => {
      probe.recording = false;
      ctx.clearRect = clearRect;
      ctx.drawImage = drawImage;
    };
  });
  const before = await metrics(cdp);
  const wall = await pan(page, seconds);
  const after = await metrics(cdp);
  const { starts, ends, clears, moves } = await page.evaluate(() => {
    const probe = window.__frames;
    if (!probe) throw new Error('the frame probe is gone');
    probe.stop();
    return { starts: probe.starts, ends: probe.ends, clears: probe.clears, moves: probe.moves };
  });
  await cdp.detach();

  const intervals = starts.slice(1).map((start, i) => start - (starts[i] as number));
  const work = ends.map((end, i) => end - (starts[i] as number));
  const share = (name: string): number => ((after.get(name) ?? 0) - (before.get(name) ?? 0)) / wall;
  return {
    frames: starts.length,
    interval: {
      p50: percentile(intervals, 0.5),
      p95: percentile(intervals, 0.95),
      p99: percentile(intervals, 0.99),
      max: Math.max(...intervals),
    },
    dropped: intervals.reduce((sum, gap) => sum + Math.max(0, Math.round(gap / FRAME_MS) - 1), 0),
    work: { p50: percentile(work, 0.5), p95: percentile(work, 0.95) },
    taskShare: share('TaskDuration'),
    scriptShare: share('ScriptDuration'),
    redraws: clears - moves,
    moves,
  };
}

/**
 * Pans twice more, once under a CPU profile (the app's top functions) and once under a trace
 * (the rendering threads' work); one at a time, since the profiler slows the page.
 */
export async function profilePan(
  page: Page,
  seconds: number,
): Promise<{ functions: CostLine[]; threads: CostLine[] }> {
  const profile = await startCpuProfile(page);
  await pan(page, seconds);
  const functions = await profile.stop();
  const trace = await startTrace(page);
  await pan(page, seconds);
  return { functions, threads: await trace.stop() };
}
