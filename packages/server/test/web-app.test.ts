import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseToken } from '@whiteroom/token';
import { afterEach, describe, expect, it } from 'vitest';
import { request, startTestServer, type TestServer } from './helpers.js';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('what the server does for the web app', () => {
  let server: TestServer | undefined;
  let webRoot: string | undefined;
  afterEach(async () => {
    await server?.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
    server = undefined;
    webRoot = undefined;
  });

  async function createAppRoom(body: Record<string, unknown> = {}) {
    return request(`${(server as TestServer).url}/app/rooms`, { method: 'POST', body });
  }

  it('creates a room with writer and reader links, without any token from the browser', async () => {
    server = await startTestServer();
    const { status, body } = await createAppRoom({ name: 'Maths', isRecord: true, limit: 4 });

    expect(status).toBe(201);
    const room = body as { uuid: string; writerUrl: string; readerUrl: string };
    expect(room).toMatchObject({ name: 'Maths', isRecord: true, limit: 4 });
    const writer = new URL(room.writerUrl, server.url);
    const reader = new URL(room.readerUrl, server.url);
    expect(writer.pathname).toBe(`/room/${room.uuid}`);
    expect(parseToken(writer.searchParams.get('token') ?? '')?.claims).toMatchObject({
      kind: 'room',
      role: 'writer',
      uuid: room.uuid,
    });
    expect(parseToken(reader.searchParams.get('token') ?? '')?.claims).toMatchObject({
      role: 'reader',
      uuid: room.uuid,
    });
    const seen = await request(`${server.url}/v5/rooms/${room.uuid}`, {
      headers: { token: writer.searchParams.get('token') ?? '' },
    });
    expect(seen.body).toMatchObject({ name: 'Maths', isRecord: true });
  });

  it('refuses to create rooms when the operator turned it off, and says so in its config', async () => {
    server = await startTestServer({ appRooms: false });
    expect((await createAppRoom()).status).toBe(404);
    expect((await request(`${server.url}/app/config`)).body).toEqual({ appRooms: false });
  });

  it('keeps an uploaded image in the data folder and serves it back', async () => {
    server = await startTestServer();
    const room = (await createAppRoom()).body as { uuid: string; writerUrl: string };
    const token = new URL(room.writerUrl, server.url).searchParams.get('token') ?? '';

    const upload = await fetch(`${server.url}/app/rooms/${room.uuid}/images`, {
      method: 'POST',
      headers: { token, 'content-type': 'image/png' },
      body: new Uint8Array(PNG),
    });
    expect(upload.status).toBe(201);
    const { url } = (await upload.json()) as { url: string };
    expect(url).toMatch(new RegExp(`^/uploads/${room.uuid}/[0-9a-f]{64}\\.png$`));

    const served = await fetch(`${server.url}${url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses uploads that are not images, too large, or from a reader', async () => {
    server = await startTestServer();
    const room = (await createAppRoom()).body as {
      uuid: string;
      writerUrl: string;
      readerUrl: string;
    };
    const writer = new URL(room.writerUrl, server.url).searchParams.get('token') ?? '';
    const reader = new URL(room.readerUrl, server.url).searchParams.get('token') ?? '';
    const upload = (token: string, type: string, body: Buffer) =>
      fetch(`${server?.url}/app/rooms/${room.uuid}/images`, {
        method: 'POST',
        headers: { token, 'content-type': type },
        body: new Uint8Array(body),
      });

    expect(
      (await upload(writer, 'image/png', Buffer.from('<svg onload="alert(1)"/>'))).status,
    ).toBe(415);
    expect((await upload(writer, 'image/svg+xml', Buffer.from('<svg/>'))).status).toBe(415);
    expect((await upload(reader, 'image/png', PNG)).status).toBe(403);
    const huge = Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024)]);
    expect((await upload(writer, 'image/png', huge)).status).toBe(413);
    expect(
      (await fetch(`${server.url}/uploads/${room.uuid}/..%2F..%2Fwhiteroom.sqlite`)).status,
    ).toBe(400);
    expect((await fetch(`${server.url}/uploads/${room.uuid}/${'0'.repeat(64)}.png`)).status).toBe(
      404,
    );
  });

  it('serves the built app at / and its index page for room pages', async () => {
    webRoot = mkdtempSync(path.join(tmpdir(), 'whiteroom-web-'));
    mkdirSync(path.join(webRoot, 'assets'));
    writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(path.join(webRoot, 'assets', 'main-abc123.js'), 'export {}');
    server = await startTestServer({ webRoot });

    const home = await fetch(`${server.url}/`);
    expect(await home.text()).toContain('<title>app</title>');
    const roomPage = await fetch(`${server.url}/room/${'a'.repeat(32)}?token=x`);
    expect(roomPage.status).toBe(200);
    expect(await roomPage.text()).toContain('<title>app</title>');
    const asset = await fetch(`${server.url}/assets/main-abc123.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const broken = [
      '/room/not-a-uuid',
      `/replay/${'A'.repeat(32)}`,
      '/room/abc/def',
      `/replay/${'a'.repeat(32)}/extra`,
    ];
    for (const path of broken) {
      const page = await fetch(`${server.url}${path}?token=x`);
      expect(page.status).toBe(404);
      expect(await page.text()).toContain('<title>app</title>');
    }
    expect((await fetch(`${server.url}/v5/rooms/${'a'.repeat(32)}`)).status).toBe(401);
  });
});
