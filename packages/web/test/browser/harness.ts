/**
 * What the browser tests share: a real server over a fresh data folder serving the built app,
 * Debian's Chromium driven by playwright-core, rooms, pages, mouse gestures in board units,
 * pixels read back from screenshots, and screenshots kept when a test fails.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import type { Element } from '@whiteroom/protocol';
import { createLogger, startServer, type RunningServer } from '@whiteroom/server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
// The test hook's type, and with it the `window.__whiteroom` declaration.
import type {} from '../../src/test-hook.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const WEB_DIST = path.join(REPO_ROOT, 'packages', 'web', 'dist');
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'browser');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long any single wait on a page may take; the tests themselves get 60 s. */
export const WAIT_MS = 20_000;
export const TEST_TIMEOUT_MS = 60_000;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests drive Debian's Chromium at ${CHROMIUM}, which is missing: ` +
        'install it with `apt-get install chromium` (CI does so in .ci/run).',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface AppServer {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server and keeps its data folder, for `start` to serve it again. */
  stop(): Promise<void>;
  /** Starts a stopped server again on the same port over the same data folder. */
  start(): Promise<void>;
  /** Stops it and deletes the data folder. */
  close(): Promise<void>;
}

/** A Whiteroom on 127.0.0.1 over a fresh data folder, serving the built web app at `/`. */
export async function startAppServer(): Promise<AppServer> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(
      `The web app is not built (${WEB_DIST}/index.html is missing): run \`npm run build\` ` +
        'at the repository root, then the browser tests again.',
    );
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'whiteroom-browser-'));
  const start = (port: number): Promise<RunningServer> =>
    startServer({
      port,
      host: '127.0.0.1',
      dataDir,
      accessKey: 'browser-test-access-key',
      secretAccessKey: 'browser-test-secret-access-key',
      logger: createLogger('silent'),
      appRooms: true,
      webRoot: WEB_DIST,
    });

  let running: RunningServer | undefined = await start(0);
  const port = running.port;
  return {
    url: running.url,
    port,
    dataDir,
    stop: async () => {
      await running?.close();
      running = undefined;
    },
    start: async () => {
      running ??= await start(port);
    },
    close: async () => {
      await running?.close();
      running = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RoomLinks {
  uuid: string;
  writerUrl: string;
  readerUrl: string;
}

/** A room made the way the home page makes one. */
export async function createRoom(serverUrl: string): Promise<RoomLinks> {
  const response = await fetch(`${serverUrl}/app/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Browser test' }),
  });
  if (response.status !== 201) {
    throw new Error(`POST /app/rooms answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as RoomLinks;
}

/**
 * The pages a test opened, by name, so that they can be photographed when it fails and closed
 * after it; uncaught errors of the app are collected on the way.
 */
export class Pages {
  private readonly opened: { name: string; page: Page; context: BrowserContext }[] = [];
  readonly pageErrors: string[] = [];

  constructor(private readonly browser: Browser) {}

  /**
   * Opens a room link (writer or reader) in a browser context of its own, as a separate person,
   * and waits until the board is joined and sized.
   */
  async open(name: string, serverUrl: string, link: string): Promise<Page> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.on('pageerror', (error) => this.pageErrors.push(`${name}: ${error.message}`));
    this.opened.push({ name, page, context });

    const url = new URL(link, serverUrl);
    url.searchParams.set('name', name);
    await page.goto(url.toString());
    await page.waitForFunction(
      () => window.__whiteroom?.room.phase === 'connected' && window.__whiteroom.camera.width > 0,
    );
    return page;
  }

  /** Full-page screenshots of every page, as `<test>-<page>.png` in test-artifacts/browser. */
  async saveScreenshots(testName: string): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const base = testName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    for (const { name, page } of this.opened) {
      const file = path.join(ARTIFACTS, `${base}-${name.toLowerCase()}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    }
  }

  async closeAll(): Promise<void> {
    for (const { context } of this.opened.splice(0)) await context.close();
    this.pageErrors.length = 0;
  }
}

export function elementsOf(page: Page): Promise<Element[]> {
  return page.evaluate(() => window.__whiteroom?.getElements() ?? []);
}

/** A position: board units or page pixels, as each function says. */
export interface Point {
  x: number;
  y: number;
}

/** Board units to the page's CSS pixels, through the app's own camera. */
export function toScreen(page: Page, points: readonly Point[]): Promise<Point[]> {
  return page.evaluate(
    (list) => list.map(({ x, y }) => window.__whiteroom?.boardToScreen(x, y) ?? { x: 0, y: 0 }),
    points,
  );
}

/** Presses the mouse at the first point (board units), moves through the others, releases. */
export async function drag(page: Page, points: readonly Point[]): Promise<void> {
  const screen = await toScreen(page, points);
  const [first, ...rest] = screen;
  if (!first) return;
  await page.mouse.move(first.x, first.y);
  await page.mouse.down();
  for (const point of rest) await page.mouse.move(point.x, point.y);
  await page.mouse.up();
}

/** A wavy line across the board: what a hand draws, in `count` points. */
export function wave(from: Point, length: number, height: number, count = 40): Point[] {
  return Array.from({ length: count }, (_, i) => ({
    x: from.x + (length * i) / (count - 1),
    y: from.y + Math.round(Math.sin((i / (count - 1)) * Math.PI * 3) * height),
  }));
}

/** A screenshot's pixels, RGBA, row by row. */
export interface Pixels {
  /** Where the picture was taken, in the page's CSS pixels. */
  left: number;
  top: number;
  width: number;
  height: number;
  data: number[];
}

export interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * What the page shows in a rectangle: a real screenshot, decoded by the browser itself (no PNG
 * decoder here). The viewport's device pixel ratio is 1, so a pixel is a CSS pixel.
 */
export async function screenPixels(page: Page, clip: Clip): Promise<Pixels> {
  const rounded = {
    x: Math.max(0, Math.floor(clip.x)),
    y: Math.max(0, Math.floor(clip.y)),
    width: Math.ceil(clip.width),
    height: Math.ceil(clip.height),
  };
  const png = await page.screenshot({ clip: rounded });
  const decoded = await page.evaluate(async (bytes) => {
    const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)]));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D context to decode a screenshot');
    ctx.drawImage(bitmap, 0, 0);
    const image = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: image.width, height: image.height, data: Array.from(image.data) };
  }, Array.from(png));
  return { left: rounded.x, top: rounded.y, ...decoded };
}

export function pixelAt(pixels: Pixels, x: number, y: number): [number, number, number] {
  const column = Math.round(x - pixels.left);
  const row = Math.round(y - pixels.top);
  if (column < 0 || row < 0 || column >= pixels.width || row >= pixels.height)
    return [255, 255, 255];
  const i = (row * pixels.width + column) * 4;
  return [pixels.data[i] ?? 255, pixels.data[i + 1] ?? 255, pixels.data[i + 2] ?? 255];
}

/** Ink: the default black of the app is (30, 30, 30); the board and its dots are far lighter. */
export function isDark([r, g, b]: readonly number[]): boolean {
  return Math.max(r ?? 255, g ?? 255, b ?? 255) < 100;
}

/** Page positions (CSS pixels) of every dark pixel in a screenshot. */
export function darkPixels(pixels: Pixels): Point[] {
  const found: Point[] = [];
  for (let row = 0; row < pixels.height; row++) {
    for (let column = 0; column < pixels.width; column++) {
      const x = pixels.left + column;
      const y = pixels.top + row;
      if (isDark(pixelAt(pixels, x, y))) found.push({ x, y });
    }
  }
  return found;
}

/** Whether a dark pixel lies within `radius` of a page position. */
export function darkNear(pixels: Pixels, at: Point, radius: number): boolean {
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      if (isDark(pixelAt(pixels, at.x + dx, at.y + dy))) return true;
    }
  }
  return false;
}

/** The distance from a point to a polyline. */
export function distanceToPolyline(point: Point, line: readonly Point[]): number {
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] as Point;
    const b = line[i] as Point;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length2 = dx * dx + dy * dy;
    const t =
      length2 === 0
        ? 0
        : Math.max(0, Math.min(1, ((point.x - a.x) * dx + (point.y - a.y) * dy) / length2));
    best = Math.min(best, Math.hypot(point.x - (a.x + t * dx), point.y - (a.y + t * dy)));
  }
  return best;
}

/** The rectangle around page positions, grown by `margin`. */
export function clipAround(points: readonly Point[], margin: number): Clip {
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const left = Math.min(...xs) - margin;
  const top = Math.min(...ys) - margin;
  return {
    x: left,
    y: top,
    width: Math.max(...xs) + margin - left,
    height: Math.max(...ys) + margin - top,
  };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGB PNG of `width` by `height`, each pixel's colour given by `color(x, y)`. */
export function encodePng(
  width: number,
  height: number,
  color: (x: number, y: number) => readonly [number, number, number],
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // depth 8, RGB, deflate, no filter method, not interlaced
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const start = y * (1 + width * 3);
    rows[start] = 0; // filter: none
    for (let x = 0; x < width; x++) rows.set(color(x, y), start + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** What a test file's tests use: one browser, one server, and the pages of the current test. */
export interface BrowserSession {
  readonly browser: Browser;
  readonly server: AppServer;
  readonly pages: Pages;
}

/**
 * Launches the browser and starts the server before the file's tests, keeps screenshots of the
 * pages of a test that failed, closes its pages after it, and stops everything at the end.
 */
export function useBrowserSession(): BrowserSession {
  let state: { browser: Browser; server: AppServer; pages: Pages } | undefined;
  const get = (): { browser: Browser; server: AppServer; pages: Pages } => {
    if (!state) throw new Error('the browser session is used before it started');
    return state;
  };

  beforeAll(async () => {
    const server = await startAppServer();
    const browser = await launchBrowser().catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
    state = { browser, server, pages: new Pages(browser) };
  }, TEST_TIMEOUT_MS);

  afterEach(async (context) => {
    if (!state) return;
    if (context.task.result?.state === 'fail') await state.pages.saveScreenshots(context.task.name);
    const errors = [...state.pages.pageErrors];
    await state.pages.closeAll();
    expect(errors, 'uncaught errors in the app').toEqual([]);
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await state?.browser.close();
    await state?.server.close();
    state = undefined;
  }, TEST_TIMEOUT_MS);

  return {
    get browser() {
      return get().browser;
    },
    get server() {
      return get().server;
    },
    get pages() {
      return get().pages;
    },
  };
}
