/** The benchmark's server, browser, rooms and pages. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, startServer, type RunningServer } from '@whiteroom/server';
import { chromium, type Browser, type Page } from 'playwright-core';
import './page-globals.js';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const VIEWPORT = { width: 1280, height: 720 };

function webAppRoot(): string {
  const require = createRequire(import.meta.url);
  const dist = path.join(path.dirname(require.resolve('@whiteroom/web/package.json')), 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`The web app is not built (${dist} has no index.html): run \`npm run build\`.`);
  }
  return dist;
}

export interface BenchServer {
  server: RunningServer;
  close(): Promise<void>;
}

/**
 * A server over a fresh data folder with the per-connection rate limits raised, so that one SDK
 * connection can fill a page with thousands of strokes in seconds.
 */
export async function startBenchServer(): Promise<BenchServer> {
  const webRoot = webAppRoot();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'whiteroom-web-bench-'));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    accessKey: 'web-bench-access-key',
    secretAccessKey: 'web-bench-secret-access-key',
    logger: createLogger('silent'),
    appRooms: true,
    webRoot,
    realtime: { changesPerSecond: 100_000, bytesPerSecond: 256 * 1024 * 1024 },
  });
  return {
    server,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install chromium).`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface RoomLinks {
  uuid: string;
  writerUrl: string;
  readerUrl: string;
}

export async function createRoom(serverUrl: string): Promise<RoomLinks> {
  const response = await fetch(`${serverUrl}/app/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Web app benchmark' }),
  });
  if (response.status !== 201) throw new Error(`POST /app/rooms answered ${response.status}`);
  return (await response.json()) as RoomLinks;
}

/**
 * Opens a room link in a browser context of its own and waits until the board shows `elements`
 * elements (the page is loaded and drawn).
 */
export async function openRoom(
  browser: Browser,
  serverUrl: string,
  link: string,
  name: string,
  elements: number,
): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  const url = new URL(link, serverUrl);
  url.searchParams.set('name', name);
  await page.goto(url.toString());
  await page.waitForFunction(
    (count) =>
      window.__whiteroom?.room.phase === 'connected' &&
      window.__whiteroom.camera.width > 0 &&
      window.__whiteroom.room.getElements().length === count,
    elements,
    { polling: 250 },
  );
  return page;
}

/** Resolves after the page has produced `count` more animation frames. */
export function frames(page: Page, count: number): Promise<void> {
  return page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        let left = n;
        const step = (): void => {
          left -= 1;
          if (left <= 0) resolve();
          else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    count,
  );
}
