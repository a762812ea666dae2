import type { Element, ImageElement } from '@whiteroom/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  TEST_TIMEOUT_MS,
  WAIT_MS,
  clipAround,
  createRoom,
  darkNear,
  darkPixels,
  distanceToPolyline,
  drag,
  elementsOf,
  encodePng,
  pixelAt,
  screenPixels,
  toScreen,
  useBrowserSession,
  wave,
  type Point,
} from './harness.js';

const POLL = { timeout: WAIT_MS, interval: 100 };

/** The ids and types of a board, bottom to top: enough to tell whose changes are on it. */
function summary(elements: readonly Element[]): string[] {
  return elements.map((element) => `${element.type}:${element.id}`);
}

function pointCount(element: Element | undefined): number {
  return element?.type === 'pencil' ? element.points.length / 3 : 0;
}

function closeTo(color: readonly number[], expected: readonly number[], tolerance = 40): boolean {
  return expected.every((value, i) => Math.abs((color[i] ?? 0) - value) <= tolerance);
}

async function drawRectangle(page: Page, from: Point, to: Point): Promise<void> {
  await page.getByTestId('tool-rectangle').click();
  const middle = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  await drag(page, [from, middle, to]);
}

describe('two people in a room, in the browser', { timeout: TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();

  async function twoWriters(): Promise<{ a: Page; b: Page; uuid: string; readerUrl: string }> {
    const { server, pages } = session;
    const room = await createRoom(server.url);
    const a = await pages.open('A', server.url, room.writerUrl);
    const b = await pages.open('B', server.url, room.writerUrl);
    return { a, b, uuid: room.uuid, readerUrl: room.readerUrl };
  }

  it('shows a stroke drawn with the mouse on one page on the other, in its board and in its pixels', async () => {
    const { a, b } = await twoWriters();
    const path = wave({ x: -200, y: 0 }, 400, 40);
    const onB = await toScreen(b, path);
    const strokeClip = clipAround(onB, 24);
    const control = {
      x: strokeClip.x,
      y: strokeClip.y + strokeClip.height + 30,
      width: strokeClip.width,
      height: 60,
    };
    expect(darkPixels(await screenPixels(b, strokeClip))).toEqual([]);

    await drag(a, path);
    // A's cursor, which B shows with A's name, goes somewhere away from the stroke.
    const [away] = await toScreen(a, [{ x: 0, y: 230 }]);
    await a.mouse.move(away?.x ?? 0, away?.y ?? 0);

    const drawn = await elementsOf(a);
    expect(drawn).toHaveLength(1);
    expect(drawn[0]).toMatchObject({ type: 'pencil', strokeColor: [30, 30, 30] });
    expect(pointCount(drawn[0])).toBeGreaterThanOrEqual(30);
    await expect.poll(() => elementsOf(b), POLL).toEqual(drawn);

    await expect
      .poll(async () => {
        const pixels = await screenPixels(b, strokeClip);
        return {
          inked: onB.filter((point) => darkNear(pixels, point, 3)).length,
          stray: darkPixels(pixels).filter((point) => distanceToPolyline(point, onB) > 6).length,
        };
      }, POLL)
      .toEqual({ inked: onB.length, stray: 0 });
    expect(darkPixels(await screenPixels(b, control))).toEqual([]);
  });

  it('shows a rectangle, a text and a change of page made on one page on the other', async () => {
    const { a, b } = await twoWriters();

    await drawRectangle(a, { x: -250, y: -120 }, { x: -90, y: -20 });
    const [rectangle] = await elementsOf(a);
    expect(rectangle).toMatchObject({
      type: 'rectangle',
      x: -250,
      y: -120,
      width: 160,
      height: 100,
    });
    await expect.poll(() => elementsOf(b), POLL).toEqual([rectangle]);

    await a.getByTestId('tool-text').click();
    const [at] = await toScreen(a, [{ x: 40, y: -100 }]);
    await a.mouse.click(at?.x ?? 0, at?.y ?? 0);
    await a.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'text-editor',
    );
    await a.keyboard.type('Hello from A');
    // Escape (or Ctrl+Enter) ends the editing; Enter alone starts a new line.
    await a.keyboard.press('Escape');
    const board = await elementsOf(a);
    expect(board[1]).toMatchObject({ type: 'text', text: 'Hello from A', x: 40, y: -100 });
    await expect.poll(() => elementsOf(b), POLL).toEqual(board);

    await a.getByTestId('page-add').click();
    await b.waitForFunction(() => window.__whiteroom?.room.state.sceneState.index === 1);
    const added = await a.evaluate(() => window.__whiteroom?.room.state.sceneState.scenePath);
    expect(await b.evaluate(() => window.__whiteroom?.room.state.sceneState.scenePath)).toBe(added);
    expect(await b.getByTestId('page-indicator').textContent()).toBe('2 / 2');
    expect(await elementsOf(b)).toEqual([]);

    await a.getByTestId('page-indicator').click();
    await a.locator('[data-testid=page-item][data-path="/init"] .page-name').click();
    await b.waitForFunction(() => window.__whiteroom?.room.state.sceneState.scenePath === '/init');
    expect(await b.getByTestId('page-indicator').textContent()).toBe('1 / 2');
    expect(await elementsOf(b)).toEqual(board);
  });

  it("undoes only the undoer's own last change", async () => {
    const { a, b } = await twoWriters();
    await drawRectangle(a, { x: -250, y: -120 }, { x: -90, y: -20 });
    await expect.poll(async () => (await elementsOf(b)).length, POLL).toBe(1);

    await drag(b, wave({ x: -200, y: 60 }, 300, 30));
    await expect.poll(async () => (await elementsOf(a)).length, POLL).toBe(2);
    // A's change comes after B's, so the room's last change is not B's.
    await drawRectangle(a, { x: 60, y: -120 }, { x: 200, y: -40 });
    const before = await elementsOf(a);
    expect(before.map((element) => element.type)).toEqual(['rectangle', 'pencil', 'rectangle']);
    await expect.poll(async () => summary(await elementsOf(b)), POLL).toEqual(summary(before));

    await b.keyboard.press('Control+z');

    const expected = summary([before[0], before[2]] as Element[]);
    await expect.poll(async () => summary(await elementsOf(b)), POLL).toEqual(expected);
    await expect.poll(async () => summary(await elementsOf(a)), POLL).toEqual(expected);
  });

  it('shows a reader everything and lets them draw nothing', async () => {
    const { server, pages } = session;
    const room = await createRoom(server.url);
    const a = await pages.open('A', server.url, room.writerUrl);
    await drag(a, wave({ x: -200, y: 0 }, 400, 40));
    await drawRectangle(a, { x: -250, y: -120 }, { x: -90, y: -20 });
    const before = await elementsOf(a);
    expect(before).toHaveLength(2);

    const reader = await pages.open('Reader', server.url, room.readerUrl);
    expect(await reader.evaluate(() => window.__whiteroom?.room.role)).toBe('reader');
    await expect.poll(() => elementsOf(reader), POLL).toEqual(before);
    expect(await reader.getByTestId('banner-read-only').isVisible()).toBe(true);
    for (const tool of ['pencil', 'eraser', 'rectangle', 'text', 'selector']) {
      expect(await reader.getByTestId(`tool-${tool}`).isVisible(), tool).toBe(false);
    }
    expect(await reader.getByTestId('tool-hand').isVisible()).toBe(true);
    expect(await reader.getByTestId('action-undo').isVisible()).toBe(false);

    const forced = await reader.evaluate(() => {
      try {
        window.__whiteroom?.room.addElement({
          type: 'pencil',
          x: 0,
          y: 0,
          strokeColor: [0, 0, 0],
          strokeWidth: 4,
          points: [0, 0, 0.5, 40, 40, 0.5],
        });
        return 'accepted';
      } catch (error) {
        return (error as { code?: unknown }).code;
      }
    });
    expect(forced).toBe('readOnly');
    // The pencil's shortcut and a drag over the board draw nothing either: the hand pans.
    await reader.keyboard.press('p');
    await drag(reader, wave({ x: -150, y: 150 }, 300, 20));
    expect(await reader.getByTestId('tool-hand').getAttribute('aria-pressed')).toBe('true');
    expect(await elementsOf(reader)).toEqual(before);
    expect(await reader.evaluate(() => window.__whiteroom?.room.pendingChangeCount)).toBe(0);

    // A change of A's that reaches the reader after all that: A's board holds nothing else.
    await a.evaluate(() =>
      window.__whiteroom?.room.addElement({
        id: 'marker',
        type: 'ellipse',
        x: 100,
        y: 100,
        width: 40,
        height: 40,
        strokeColor: [0, 0, 0],
        strokeWidth: 2,
      }),
    );
    const after = [...summary(before), 'ellipse:marker'];
    await expect.poll(async () => summary(await elementsOf(reader)), POLL).toEqual(after);
    expect(summary(await elementsOf(a))).toEqual(after);
  });

  it('shows an uploaded image on both pages', async () => {
    const { a, b, uuid } = await twoWriters();
    const red = [200, 30, 30] as const;
    const blue = [30, 30, 200] as const;
    const png = encodePng(64, 64, (x) => (x < 32 ? red : blue));

    await a.getByTestId('action-image').click();
    const [chooser] = await Promise.all([
      a.waitForEvent('filechooser'),
      a.getByTestId('image-upload').click(),
    ]);
    await chooser.setFiles({ name: 'halves.png', mimeType: 'image/png', buffer: png });

    await expect.poll(async () => (await elementsOf(a)).length, POLL).toBe(1);
    const [image] = (await elementsOf(a)) as ImageElement[];
    expect(image).toMatchObject({ type: 'image', width: 64, height: 64 });
    expect(image?.src).toMatch(new RegExp(`^/uploads/${uuid}/[0-9a-f]{64}\\.png$`));
    const served = await fetch(`${session.server.url}${image?.src}`);
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
    await expect.poll(() => elementsOf(b), POLL).toEqual([image]);

    const { x = 0, y = 0 } = image ?? {};
    for (const page of [a, b]) {
      const [left, right] = await toScreen(page, [
        { x: x + 16, y: y + 32 },
        { x: x + 48, y: y + 32 },
      ]);
      const clip = clipAround([left, right] as Point[], 12);
      await expect
        .poll(async () => {
          const pixels = await screenPixels(page, clip);
          return [
            closeTo(pixelAt(pixels, left?.x ?? 0, left?.y ?? 0), red),
            closeTo(pixelAt(pixels, right?.x ?? 0, right?.y ?? 0), blue),
          ];
        }, POLL)
        .toEqual([true, true]);
    }
  });
});
