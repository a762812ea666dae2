import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveRoom } from './live-server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The program under "A complete example" in docs/sdk.md, exactly as the page shows it. */
function exampleFromDocs(): string {
  const page = readFileSync(path.join(repoRoot, 'docs/sdk.md'), 'utf8');
  const section = page.slice(page.indexOf('## A complete example'));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error('docs/sdk.md has no example program');
  return match[1];
}

describe('the example program of docs/sdk.md', () => {
  let live: LiveRoom;
  beforeAll(async () => {
    live = new LiveRoom();
    await live.start();
  });
  afterAll(() => live.close());

  it('runs as written against a server and draws what it says', async () => {
    // Saved at the root of the repository, as the page says, so that its imports resolve.
    const file = path.join(repoRoot, `example-${process.pid}.mjs`);
    writeFileSync(file, exampleFromDocs());
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [file], {
        env: { ...process.env, WHITEROOM_URL: live.url, WHITEROOM_SDK_TOKEN: live.sdkToken },
        timeout: 20_000,
      });
      expect(stdout).toMatch(/^rectangle \S+/m);
      expect(stdout).toMatch(/^pencil \S+ 21 points$/m);
      expect(stdout).toContain('phase after disconnect: disconnected');
    } finally {
      rmSync(file, { force: true });
    }
  });
});
