import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  TEST_TIMEOUT_MS,
  WAIT_MS,
  createRoom,
  drag,
  elementsOf,
  useBrowserSession,
  wave,
} from './harness.js';

const POLL = { timeout: WAIT_MS, interval: 100 };

function connectionBanner(page: Page): Promise<{ phase?: string; shown: boolean }> {
  return page.evaluate(() => {
    const banner = document.querySelector<HTMLElement>('[data-testid=banner-connection]');
    return { phase: banner?.dataset.phase, shown: banner !== null && !banner.hidden };
  });
}

describe('a server restart, in the browser', { timeout: TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();

  it('shows both pages reconnecting, then the board as it was, and drawing goes on', async () => {
    const { server, pages } = session;
    const room = await createRoom(server.url);
    const a = await pages.open('A', server.url, room.writerUrl);
    const b = await pages.open('B', server.url, room.writerUrl);
    await drag(a, wave({ x: -200, y: -60 }, 400, 40));
    const before = await elementsOf(a);
    expect(before).toHaveLength(1);
    await expect.poll(() => elementsOf(b), POLL).toEqual(before);

    await server.stop();
    for (const page of [a, b]) {
      await expect
        .poll(() => connectionBanner(page), POLL)
        .toEqual({ phase: 'reconnecting', shown: true });
    }

    await server.start();
    for (const page of [a, b]) {
      await expect
        .poll(() => connectionBanner(page), POLL)
        .toEqual({ phase: 'connected', shown: false });
      expect(await elementsOf(page)).toEqual(before);
    }

    await drag(a, wave({ x: -200, y: 80 }, 400, 40));
    const after = await elementsOf(a);
    expect(after).toHaveLength(2);
    expect(after[0]).toEqual(before[0]);
    await expect.poll(() => elementsOf(b), POLL).toEqual(after);
  });
});
