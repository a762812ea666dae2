import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Element } from '@whiteroom/protocol';
import { WhiteWebSdk, type Room } from '@whiteroom/sdk';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ReplayTestHook } from '../../src/test-hook.js';
import { REPO_ROOT, TEST_TIMEOUT_MS, WAIT_MS, useBrowserSession } from './harness.js';

const POLL = { timeout: WAIT_MS, interval: 50 };
const SCREENSHOTS = path.join(REPO_ROOT, 'test-artifacts', 'replay');
/** Between the steps of the recording, so that each has a moment of its own. */
const STEP_GAP_MS = 700;
/** How far apart the board and the media may be. */
const SYNC_TOLERANCE_MS = 100;

/** The page's test hook, typed as the replay page sets it. */
type ReplayWindow = Window & { __whiteroom?: ReplayTestHook };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

/** One step of the recording: the board's current page after it, and when its last change was. */
interface Step {
  name: string;
  /** Changes the step made, to find its time in the log. */
  changes: number;
  scenePath: string;
  elements: Element[];
  /** Server time of the step's last change. */
  time: number;
}

interface Recording {
  uuid: string;
  readerToken: string;
  steps: Step[];
  begin: number;
}

/** A short silent WAV: 8 kHz, 16-bit mono, all zeros. */
function silentWav(seconds: number): Buffer {
  const rate = 8_000;
  const data = rate * 2 * seconds;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16); // size of the format chunk
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // one channel
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // bytes per frame
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data, 40);
  return Buffer.concat([header, Buffer.alloc(data)]);
}

/** Serves one file with byte ranges, as media elements ask for them to seek. */
async function serveFile(body: Buffer, type: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    if (request.url !== '/class.wav') {
      response.writeHead(404).end();
      return;
    }
    const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
    response.setHeader('accept-ranges', 'bytes');
    response.setHeader('content-type', type);
    if (!range) {
      response.writeHead(200, { 'content-length': body.length });
      response.end(body);
      return;
    }
    const start = range[1] ? Number(range[1]) : 0;
    const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
    response.writeHead(206, {
      'content-length': end - start + 1,
      'content-range': `bytes ${start}-${end}/${body.length}`,
    });
    response.end(body.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/class.wav`, server };
}

async function createRecordedRoom(
  serverUrl: string,
): Promise<{ uuid: string; writerToken: string; readerToken: string }> {
  const response = await fetch(`${serverUrl}/app/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Replay test', isRecord: true }),
  });
  if (response.status !== 201) {
    throw new Error(`POST /app/rooms answered ${response.status}: ${await response.text()}`);
  }
  const body = (await response.json()) as { uuid: string; writerUrl: string; readerUrl: string };
  const token = (link: string): string => new URL(link, serverUrl).searchParams.get('token') ?? '';
  return {
    uuid: body.uuid,
    writerToken: token(body.writerUrl),
    readerToken: token(body.readerUrl),
  };
}

/**
 * Two people draw in a recorded room through the SDK, one step at a time, a little apart: Ada
 * draws two rectangles (moving her cursor between them), Ben a stroke, Ada adds a page with an
 * ellipse on it, then goes back to the first page and removes her first rectangle.
 */
async function record(serverUrl: string): Promise<Recording> {
  const { uuid, writerToken, readerToken } = await createRecordedRoom(serverUrl);
  const sdk = new WhiteWebSdk({ serverUrl, WebSocket });
  const join = (name: string): Promise<Room> =>
    sdk.joinRoom({ uuid, roomToken: writerToken, uid: name.toLowerCase(), userPayload: { name } });
  const ada = await join('Ada');
  const ben = await join('Ben');
  const rooms = [ada, ben];

  const steps: Omit<Step, 'time'>[] = [];
  const step = async (name: string, changes: number, act: () => void): Promise<void> => {
    await sleep(STEP_GAP_MS);
    act();
    await until(`${name} is acknowledged and seen by both`, () =>
      rooms.every(
        (room) =>
          room.pendingChangeCount === 0 &&
          JSON.stringify(room.getSnapshot()) === JSON.stringify(ada.getSnapshot()),
      ),
    );
    steps.push({
      name,
      changes,
      scenePath: ada.state.sceneState.scenePath,
      elements: ada.getElements(),
    });
  };

  await step('first rectangle', 1, () => {
    ada.addElement({
      id: 'rect-1',
      type: 'rectangle',
      x: -300,
      y: -150,
      width: 200,
      height: 120,
      strokeColor: [30, 30, 30],
      strokeWidth: 4,
    });
  });
  ada.updatePresence({ cursor: { x: 40, y: 60 } });
  await step('second rectangle', 1, () => {
    ada.addElement({
      id: 'rect-2',
      type: 'rectangle',
      x: 100,
      y: -150,
      width: 200,
      height: 120,
      strokeColor: [30, 30, 30],
      strokeWidth: 4,
    });
  });
  await step("Ben's stroke", 1, () => {
    ben.addElement({
      id: 'stroke-3',
      type: 'pencil',
      x: 0,
      y: 0,
      strokeColor: [30, 30, 30],
      strokeWidth: 4,
      points: [-250, 100, 0.5, -100, 160, 0.5, 50, 90, 0.5, 250, 150, 0.5],
    });
  });
  await step('a second page with an ellipse', 3, () => {
    ada.putScenes('/', [{ name: 'second' }]);
    ada.setScenePath('/second');
    ada.addElement(
      {
        id: 'ellipse-4',
        type: 'ellipse',
        x: -100,
        y: -80,
        width: 200,
        height: 160,
        strokeColor: [30, 30, 30],
        strokeWidth: 4,
      },
      '/second',
    );
  });
  await step('back to the first page, without the first rectangle', 2, () => {
    ada.setScenePath('/init');
    ada.removeElements(['rect-1']);
  });
  await Promise.all(rooms.map((room) => room.disconnect()));

  // The times of the steps are the server's, read back from the log.
  const summary = (await (
    await fetch(`${serverUrl}/v5/rooms/${uuid}/history`, { headers: { token: readerToken } })
  ).json()) as { beginTimestamp: number; endTimestamp: number };
  const log = (await (
    await fetch(
      `${serverUrl}/v5/rooms/${uuid}/history/changes?afterSeq=0&until=${summary.endTimestamp}`,
      { headers: { token: readerToken } },
    )
  ).json()) as { changes: { seq: number; time: number }[] };
  let seen = 0;
  const timed = steps.map((each) => {
    seen += each.changes;
    const last = log.changes[seen - 1];
    if (!last) throw new Error(`the log has ${log.changes.length} changes, fewer than ${seen}`);
    return { ...each, time: last.time };
  });
  expect(log.changes).toHaveLength(seen);
  return { uuid, readerToken, steps: timed, begin: summary.beginTimestamp };
}

function ids(elements: readonly Element[]): string[] {
  return elements.map((element) => element.id);
}

/** What the replay page shows, read in one go so that its parts belong to the same moment. */
interface Shown {
  phase: string;
  progress: number;
  mediaMs: number | undefined;
  mediaPaused: boolean | undefined;
  scenePath: string;
  elements: Element[];
}

function shown(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const hook = (window as ReplayWindow).__whiteroom;
    if (!hook) throw new Error('the replay page has no test hook');
    return {
      phase: hook.player.phase,
      progress: hook.player.progressTime,
      mediaMs: hook.media ? hook.media.currentTime * 1000 : undefined,
      mediaPaused: hook.media?.paused,
      scenePath: hook.player.state.sceneState.scenePath,
      elements: hook.getElements(),
    };
  });
}

/** Moves the timeline as a pointer would: sets its value and lets it say so. */
async function moveTimeline(page: Page, progressTime: number): Promise<void> {
  await page.getByTestId('replay-timeline').evaluate((input, value) => {
    (input as HTMLInputElement).value = String(value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, progressTime);
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

describe('the replay page, in the browser', { timeout: TEST_TIMEOUT_MS * 2 }, () => {
  const session = useBrowserSession();
  let recording: Recording;
  let media: { url: string; server: Server };

  beforeAll(async () => {
    recording = await record(session.server.url);
    const lastStep = recording.steps.at(-1) as Step;
    const seconds = Math.ceil((lastStep.time - recording.begin) / 1000) + 3;
    media = await serveFile(silentWav(seconds), 'audio/wav');
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    // When the recording failed there is no media server, and nothing to wait for.
    if (media) await new Promise((resolve) => media.server.close(resolve));
  });

  /** Opens the replay as a reader would and waits for the first frame. */
  async function openReplay(
    name: string,
    extra: Record<string, string> = {},
    prepare?: (page: Page) => Promise<unknown>,
  ): Promise<Page> {
    const { browser, server } = session;
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await prepare?.(page);
    const query = new URLSearchParams({ token: recording.readerToken, ...extra });
    await page.goto(`${server.url}/replay/${recording.uuid}?${query.toString()}`);
    await page.waitForFunction(() => {
      const hook = (window as ReplayWindow).__whiteroom;
      return hook?.player.phase === 'pause' && hook.camera.width > 0;
    });
    closers.push(async () => {
      await context.close();
      expect(errors, `uncaught errors in ${name}`).toEqual([]);
    });
    return page;
  }
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers.splice(0)) await close();
  });

  /** The step whose board the replay shows at a progress time. */
  function stepAt(progressTime: number): Step | undefined {
    const moment = recording.begin + progressTime;
    return recording.steps.filter((step) => step.time <= moment).at(-1);
  }

  it('plays the recording: the elements appear in the order they were drawn', async () => {
    const page = await openReplay('play');
    const { steps } = recording;
    expect(await page.getByTestId('replay-time').textContent()).toMatch(/^0:00 \/ 0:0\d$/);
    expect(await page.getByTestId('replay-phase').getAttribute('data-phase')).toBe('pause');
    expect(await page.getByTestId('replay-page').textContent()).toBe('Page 1 / 1');

    // Every board the page shows while it plays, in order. The page and the elements are read
    // once the player has reported both (the board changes before the page it is on is told).
    await page.evaluate(() => {
      const hook = (window as ReplayWindow).__whiteroom;
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      const look = (): void =>
        queueMicrotask(() => {
          if (!hook) return;
          const path = hook.player.state.sceneState.scenePath;
          const board = `${path}:${hook
            .getElements()
            .map((element) => element.id)
            .join(',')}`;
          if (seen.at(-1) !== board) seen.push(board);
        });
      hook?.player.on('boardChanged', look);
      hook?.player.on('stateChanged', look);
    });
    await page.getByTestId('replay-speed').selectOption('2');
    await page.getByTestId('replay-play').click();
    expect(await page.getByTestId('replay-play').getAttribute('aria-label')).toBe('Pause');

    await page.waitForFunction(
      () => (window as ReplayWindow).__whiteroom?.player.phase === 'ended',
    );
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    const expected = steps.map((step) => `${step.scenePath}:${ids(step.elements).join(',')}`);
    // Each step's board is seen, in order; between them only boards on the way (a page switch).
    const order = expected.map((board) => seen.indexOf(board));
    expect(
      order.every((index) => index >= 0),
      `${JSON.stringify(seen)}`,
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const last = steps.at(-1) as Step;
    const end = await shown(page);
    expect(end.elements).toEqual(last.elements);
    expect(await page.getByTestId('replay-phase').textContent()).toContain('end of the recording');
    await screenshot(page, 'replay-ended');
  });

  it('shows the recorded cursors with their names, and the page switched to', async () => {
    const page = await openReplay('cursors');
    const [, second, , onSecondPage] = recording.steps as [Step, Step, Step, Step];
    await moveTimeline(page, second.time - recording.begin);
    await expect
      .poll(() => page.evaluate(() => (window as ReplayWindow).__whiteroom?.cursors()), POLL)
      .toContainEqual({ name: 'Ada', x: 40, y: 60 });
    await screenshot(page, 'replay-cursor');

    await moveTimeline(page, onSecondPage.time - recording.begin);
    await expect.poll(async () => (await shown(page)).scenePath, POLL).toBe('/second');
    expect(await page.getByTestId('replay-page').textContent()).toBe('Page 2 / 2');
    expect((await shown(page)).elements).toEqual(onSecondPage.elements);
  });

  it('pauses: the position stops where it was', async () => {
    const page = await openReplay('pause');
    await page.getByTestId('replay-play').click();
    await expect.poll(async () => (await shown(page)).progress, POLL).toBeGreaterThan(800);
    await page.getByTestId('replay-play').click();
    const paused = await shown(page);
    expect(paused.phase).toBe('pause');
    await sleep(600);
    const later = await shown(page);
    expect(later.progress).toBe(paused.progress);
    expect(later.elements).toEqual(paused.elements);
    expect(await page.getByTestId('replay-play').getAttribute('aria-label')).toBe('Play');
  });

  it('seeks with the timeline, back and forward, to the board of each moment', async () => {
    const page = await openReplay('seek');
    const { steps, begin } = recording;
    // Forward to each step, then back through them: the board is the step's each time.
    const order = [...steps.keys(), ...[...steps.keys()].reverse(), 2, 0, 4];
    for (const index of order) {
      const step = steps[index] as Step;
      await moveTimeline(page, step.time - begin);
      await expect
        .poll(async () => {
          const now = await shown(page);
          return { scenePath: now.scenePath, ids: ids(now.elements) };
        }, POLL)
        .toEqual({ scenePath: step.scenePath, ids: ids(step.elements) });
      expect((await shown(page)).elements).toEqual(step.elements);
    }

    // Just before the first change, the board is empty.
    await moveTimeline(page, (steps[0] as Step).time - begin - 1);
    await expect.poll(async () => (await shown(page)).elements, POLL).toEqual([]);

    // The keyboard moves the timeline too: End, then Home.
    await page.getByTestId('replay-timeline').focus();
    await page.keyboard.press('End');
    const last = steps.at(-1) as Step;
    await expect
      .poll(async () => ids((await shown(page)).elements), POLL)
      .toEqual(ids(last.elements));
    await page.keyboard.press('Home');
    await expect.poll(async () => (await shown(page)).progress, POLL).toBe(0);
    // The space bar plays and pauses, also from the timeline.
    await page.keyboard.press(' ');
    await expect.poll(async () => (await shown(page)).phase, POLL).toBe('playing');
    await page.keyboard.press(' ');
    await expect.poll(async () => (await shown(page)).phase, POLL).toBe('pause');
    await page.getByTestId('replay-timeline').evaluate((input) => input.blur());
    await page.getByTestId('replay-timeline').evaluate((input, value) => {
      (input as HTMLInputElement).value = String(value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, 0);
    expect(stepAt(0)).toBeUndefined();
    await expect
      .poll(async () => {
        const now = await shown(page);
        return { progress: now.progress, elements: now.elements };
      }, POLL)
      .toEqual({ progress: 0, elements: [] });
    await screenshot(page, 'replay-start');

    // A pointer on the timeline gives fractions of a millisecond; a seek back with one loads the
    // board at that moment like any other.
    const middle = steps[2] as Step;
    await moveTimeline(page, last.time - begin);
    await moveTimeline(page, middle.time - begin + 0.5);
    await expect
      .poll(async () => ids((await shown(page)).elements), POLL)
      .toEqual(ids(middle.elements));
    expect((await shown(page)).phase).toBe('pause');
  });

  it('says it is loading when a paused seek waits for its data, and shows the moment after', async () => {
    // The first frame needs only a state; after it, every fetch is held back.
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holdBack = async (route: Route): Promise<void> => {
      await released;
      await route.continue();
    };
    const page = await openReplay('slow-seek', {}, (page) =>
      page.route('**/history/changes**', holdBack),
    );
    await page.route('**/history/state**', holdBack);
    const last = recording.steps.at(-1) as Step;
    await moveTimeline(page, last.time - recording.begin);

    const banner = page.getByTestId('replay-phase');
    await expect
      .poll(() => banner.textContent(), POLL)
      .toBe('Loading this moment of the recording…');
    expect(await banner.isVisible()).toBe(true);
    expect((await shown(page)).phase).toBe('pause');

    release();
    await expect
      .poll(async () => ids((await shown(page)).elements), POLL)
      .toEqual(ids(last.elements));
    await expect.poll(() => banner.isVisible(), POLL).toBe(false);
  });

  it('shows the date and time of the moment shown', async () => {
    const page = await openReplay('date');
    const step = recording.steps[1] as Step;
    await moveTimeline(page, step.time - recording.begin);
    await expect
      .poll(() => page.getByTestId('replay-date').getAttribute('datetime'), POLL)
      .toBe(new Date(step.time).toISOString());
    expect(await page.getByTestId('replay-date').textContent()).not.toBe('');
  });

  it('keeps the board within 100 ms of the media through play, pause, seek and speed', async () => {
    const page = await openReplay('media', { media: media.url });
    const mediaElement = page.getByTestId('replay-media');
    expect(await mediaElement.evaluate((element) => element.tagName)).toBe('AUDIO');
    await page.waitForFunction(
      () => ((window as ReplayWindow).__whiteroom?.media?.readyState ?? 0) >= 1,
    );

    const inStep = async (): Promise<Shown> => {
      const now = await shown(page);
      expect(now.mediaMs).toBeDefined();
      expect(Math.abs(now.progress - (now.mediaMs ?? 0))).toBeLessThanOrEqual(SYNC_TOLERANCE_MS);
      return now;
    };

    await page.getByTestId('replay-play').click();
    await expect.poll(async () => (await shown(page)).mediaMs ?? 0, POLL).toBeGreaterThan(1_000);
    for (let i = 0; i < 5; i++) {
      await inStep();
      await sleep(100);
    }

    await page.getByTestId('replay-play').click();
    // The media pauses at once; the player at its `pause` event, a task later.
    await expect
      .poll(async () => {
        const now = await shown(page);
        return { mediaPaused: now.mediaPaused, phase: now.phase };
      }, POLL)
      .toEqual({ mediaPaused: true, phase: 'pause' });
    await inStep();

    // Seeking the media itself moves the board: back, then forward, paused.
    for (const step of [recording.steps[0], recording.steps[3]] as Step[]) {
      const seconds = (step.time - recording.begin + 50) / 1000;
      await page.evaluate((to) => {
        const hook = (window as ReplayWindow).__whiteroom;
        if (hook?.media) hook.media.currentTime = to;
      }, seconds);
      await expect
        .poll(async () => Math.abs((await shown(page)).progress - seconds * 1000), POLL)
        .toBeLessThanOrEqual(SYNC_TOLERANCE_MS);
      await expect
        .poll(async () => ids((await shown(page)).elements), POLL)
        .toEqual(ids(step.elements));
      await inStep();
    }

    // Seeking while it plays, at twice the speed.
    await page.getByTestId('replay-speed').selectOption('2');
    expect(
      await mediaElement.evaluate((element) => (element as HTMLMediaElement).playbackRate),
    ).toBe(2);
    await page.getByTestId('replay-play').click();
    await page.evaluate(() => {
      const hook = (window as ReplayWindow).__whiteroom;
      if (hook?.media) hook.media.currentTime = 0.5;
    });
    await expect.poll(async () => (await shown(page)).phase, POLL).toBe('playing');
    await sleep(300);
    for (let i = 0; i < 5; i++) {
      const now = await inStep();
      expect(now.mediaPaused).toBe(false);
      await sleep(100);
    }
    expect(
      await page.evaluate(() => (window as ReplayWindow).__whiteroom?.player.playbackSpeed),
    ).toBe(2);
    await screenshot(page, 'replay-media');
  });

  it('pauses the media while the board buffers, then resumes it in step', async () => {
    const { browser, server } = session;
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    closers.push(() => context.close());
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    // The changes after the first frame are held back until the test lets them through.
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/history/changes**', async (route) => {
      await released;
      await route.continue();
    });
    const query = new URLSearchParams({ token: recording.readerToken, media: media.url });
    await page.goto(`${server.url}/replay/${recording.uuid}?${query.toString()}`);
    await page.waitForFunction(() => {
      const hook = (window as ReplayWindow).__whiteroom;
      return hook?.player.phase === 'pause' && (hook.media?.readyState ?? 0) >= 1;
    });

    await page.getByTestId('replay-play').click();
    await expect.poll(async () => (await shown(page)).phase, POLL).toBe('buffering');
    expect(await page.getByTestId('replay-phase').textContent()).toContain('Loading more');
    await expect.poll(async () => (await shown(page)).mediaPaused, POLL).toBe(true);
    const held = await shown(page);
    await sleep(500);
    expect((await shown(page)).mediaMs).toBe(held.mediaMs);
    expect(await page.getByTestId('replay-play').getAttribute('aria-label')).toBe('Pause');
    await screenshot(page, 'replay-buffering');

    release();
    await expect.poll(async () => (await shown(page)).phase, POLL).toBe('playing');
    await expect.poll(async () => (await shown(page)).mediaPaused, POLL).toBe(false);
    await sleep(400);
    for (let i = 0; i < 5; i++) {
      const now = await shown(page);
      expect(Math.abs(now.progress - (now.mediaMs ?? 0))).toBeLessThanOrEqual(SYNC_TOLERANCE_MS);
      expect(now.mediaMs ?? 0).toBeGreaterThan(held.mediaMs ?? 0);
      await sleep(100);
    }
  });

  it('shows video media beside the board, as the clock too', async () => {
    const page = await openReplay('video', { media: media.url, mediaType: 'video/x-wav' });
    const video = page.getByTestId('replay-media');
    expect(await video.evaluate((element) => element.tagName)).toBe('VIDEO');
    expect(await video.isVisible()).toBe(true);
    await page.waitForFunction(
      () => ((window as ReplayWindow).__whiteroom?.media?.readyState ?? 0) >= 1,
    );
    await page.getByTestId('replay-play').click();
    await expect.poll(async () => (await shown(page)).mediaMs ?? 0, POLL).toBeGreaterThan(500);
    const now = await shown(page);
    expect(Math.abs(now.progress - (now.mediaMs ?? 0))).toBeLessThanOrEqual(SYNC_TOLERANCE_MS);
    await screenshot(page, 'replay-video');
  });

  it('plays the board on its own clock when the media cannot be played, and says so', async () => {
    const page = await openReplay('missing media', { media: media.url.replace('class', 'none') });
    await expect.poll(() => page.getByTestId('replay-note').isVisible(), POLL).toBe(true);
    expect(await page.getByTestId('replay-note').textContent()).toContain('cannot be played');
    expect(await page.getByTestId('replay-media').isVisible()).toBe(false);

    await page.getByTestId('replay-play').click();
    await expect.poll(async () => (await shown(page)).progress, POLL).toBeGreaterThan(500);
    expect((await shown(page)).phase).toBe('playing');
  });

  it('offers the replay from the room page of a recorded room', async () => {
    const { server, pages } = session;
    const room = await createRecordedRoom(server.url);
    const page = await pages.open(
      'Writer',
      server.url,
      `/room/${room.uuid}?token=${room.writerToken}`,
    );
    await page.getByTestId('share-button').click();
    const link = page.getByTestId('share-replay-open');
    await link.waitFor();
    await screenshot(page, 'room-share-replay');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toBe(`/replay/${room.uuid}?token=${encodeURIComponent(room.writerToken)}`);
  });

  it('says why a room that is not recorded cannot be replayed', async () => {
    const { browser, server } = session;
    const response = await fetch(`${server.url}/app/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Not recorded', isRecord: false }),
    });
    const body = (await response.json()) as { uuid: string; readerUrl: string };
    const token = new URL(body.readerUrl, server.url).searchParams.get('token') ?? '';
    const context = await browser.newContext();
    closers.push(() => context.close());
    const page = await context.newPage();
    await page.goto(`${server.url}/replay/${body.uuid}?token=${token}`);
    await expect(page.getByTestId('replay-problem').textContent()).resolves.toContain(
      'not recorded',
    );
  });

  it('says a replay link with a malformed room id is broken', async () => {
    const { browser, server } = session;
    const context = await browser.newContext();
    closers.push(() => context.close());
    const page = await context.newPage();
    const answer = await page.goto(`${server.url}/replay/${recording.uuid.slice(0, 20)}?token=x`);
    expect(answer?.status()).toBe(404);
    await expect(page.getByRole('heading').textContent()).resolves.toBe('This link is broken');
  });
});
