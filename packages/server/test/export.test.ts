import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Board } from '@whiteroom/board';
import type { BoardOp, Element } from '@whiteroom/protocol';
import { exportPage, exportPdf } from '../src/export/exporter.js';
import { ExportStore } from '../src/export/files.js';
import { exportFrame } from '../src/export/frame.js';
import { Gate, GateFullError } from '../src/export/gate.js';
import { opaquePng } from '../src/export/opaque-png.js';
import { createRoom, request, startTestServer, type TestServer } from './helpers.js';
import { ProtocolClient, addRectangle } from './realtime-client.js';

const CLI = fileURLToPath(new URL('../bin/whiteroom.js', import.meta.url));

function filledBox(id: string, x: number, y: number, size = 100): Element {
  return {
    id,
    type: 'rectangle',
    x,
    y,
    width: size,
    height: size,
    strokeColor: [0, 0, 0],
    fillColor: [0, 0, 0],
    strokeWidth: 2,
  };
}

function boardWith(elements: Element[], pages: string[] = []): Board {
  const board = new Board();
  const ops: BoardOp[] = [];
  if (pages.length > 0) {
    ops.push({ type: 'putScenes', dir: '/', scenes: pages.map((name) => ({ name })) });
  }
  for (const element of elements) ops.push({ type: 'addElement', scenePath: '/init', element });
  for (const op of ops) {
    const result = board.apply(op);
    if (!result.ok) throw new Error(result.message);
  }
  return board;
}

/** The red channel of a pixel of a decoded PNG: 0 for ink, 255 for the white background. */
function red(png: PNG, x: number, y: number): number {
  return png.data[(Math.round(y) * png.width + Math.round(x)) * 4] as number;
}

/** Where a board point lands in a `width` × `height` export of `elements`. */
function pixelOf(elements: Element[], width: number, height: number, x: number, y: number) {
  const frame = exportFrame(elements, width, height);
  const scale = width / (frame.maxX - frame.minX);
  return { x: (x - frame.minX) * scale, y: (y - frame.minY) * scale };
}

const noUploads = path.join(tmpdir(), 'whiteroom-export-no-uploads');

describe('page export', () => {
  it('draws a PNG of the asked size with ink where the strokes are and background elsewhere', async () => {
    const elements = [filledBox('left', 0, 0), filledBox('right', 400, 0)];
    const board = boardWith(elements);

    const result = await exportPage(board, {
      path: '/init',
      width: 600,
      height: 300,
      format: 'png',
      uploadsDir: noUploads,
    });
    const png = PNG.sync.read(result?.bytes as Buffer);

    expect([png.width, png.height]).toEqual([600, 300]);
    const left = pixelOf(elements, 600, 300, 50, 50);
    const right = pixelOf(elements, 600, 300, 450, 50);
    const between = pixelOf(elements, 600, 300, 250, 50);
    expect(red(png, left.x, left.y)).toBeLessThan(30);
    expect(red(png, right.x, right.y)).toBeLessThan(30);
    expect(red(png, between.x, between.y)).toBe(255);
    expect(red(png, 2, 2)).toBe(255);
    expect(red(png, 597, 297)).toBe(255);
  });

  it('fits the content into the picture with a margin, keeping its proportions', () => {
    const frame = exportFrame([filledBox('a', 0, 0, 100)], 400, 200);
    expect((frame.maxX - frame.minX) / (frame.maxY - frame.minY)).toBeCloseTo(2);
    expect(frame.minY).toBeLessThan(-1);
    expect((frame.minX + frame.maxX) / 2).toBeCloseTo(50);
  });

  it('draws an empty page as a blank picture of the asked size', async () => {
    const result = await exportPage(new Board(), {
      path: '/init',
      width: 320,
      height: 200,
      format: 'png',
      uploadsDir: noUploads,
    });
    const png = PNG.sync.read(result?.bytes as Buffer);
    expect([png.width, png.height]).toEqual([320, 200]);
    expect(png.data.every((value) => value === 255)).toBe(true);
  });

  it('writes an SVG with every element of the page, sized as asked', async () => {
    const board = boardWith([filledBox('one', 0, 0), filledBox('two', 200, 0)]);
    const result = await exportPage(board, {
      path: '/init',
      width: 640,
      height: 360,
      format: 'svg',
      uploadsDir: noUploads,
    });
    const svg = result?.bytes.toString('utf8') ?? '';
    expect(svg).toMatch(/^<svg [^>]*width="640" height="360"/);
    expect(svg).toContain('data-id="one"');
    expect(svg).toContain('data-id="two"');
  });

  it('answers nothing for a page the board does not have', async () => {
    const result = await exportPage(new Board(), {
      path: '/missing',
      width: 10,
      height: 10,
      format: 'svg',
      uploadsDir: noUploads,
    });
    expect(result).toBeUndefined();
  });

  it("embeds this server's uploads as data URLs and leaves other images out", async () => {
    const uploads = mkdtempSync(path.join(tmpdir(), 'whiteroom-uploads-'));
    const room = 'a'.repeat(32);
    const picture = new PNG({ width: 2, height: 2 });
    picture.data.fill(0);
    const bytes = PNG.sync.write(picture);
    const name = `${createHash('sha256').update(bytes).digest('hex')}.png`;
    mkdirSync(path.join(uploads, room));
    writeFileSync(path.join(uploads, room, name), bytes);
    const image = (id: string, src: string, x: number): Element => ({
      id,
      type: 'image',
      x,
      y: 0,
      width: 50,
      height: 50,
      src,
    });
    const board = boardWith([
      image('ours', `http://whiteboard.example/uploads/${room}/${name}`, 0),
      image('theirs', 'https://elsewhere.example/cat.png', 100),
    ]);

    const result = await exportPage(board, {
      path: '/init',
      width: 200,
      height: 100,
      format: 'svg',
      uploadsDir: uploads,
    });
    rmSync(uploads, { recursive: true, force: true });

    const svg = result?.bytes.toString('utf8') ?? '';
    expect(svg).toContain(`href="data:image/png;base64,${bytes.toString('base64')}"`);
    expect(svg).not.toContain('elsewhere.example');
    expect(result?.omittedImages).toEqual(['https://elsewhere.example/cat.png']);
  });

  it('writes a PDF with one page per room page, in page order', async () => {
    const board = boardWith([filledBox('a', 0, 0)], ['second', 'third']);
    const pages: number[] = [];
    const result = await exportPdf(board, {
      width: 1280,
      height: 720,
      uploadsDir: noUploads,
      title: 'test',
      onPage: (done) => pages.push(done),
    });

    const pdf = await PDFDocument.load(result.bytes);
    expect(pdf.getPageCount()).toBe(3);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 960, height: 540 });
    expect(result.pages).toBe(3);
    expect(pages).toEqual([1, 2, 3]);
  });
});

describe('export gate', () => {
  it('runs at most its limit of tasks at once and the rest in turn', async () => {
    const gate = new Gate(2);
    let running = 0;
    let most = 0;
    const task = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
    };
    await Promise.all(Array.from({ length: 6 }, () => gate.run(task)));
    expect(most).toBe(2);
    expect(running).toBe(0);
  });

  it('refuses a task at once when as many wait as it allows, and takes one again later', async () => {
    const gate = new Gate(1, 1);
    let release = () => {};
    const first = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    const second = gate.run(async () => 'second');
    await expect(gate.run(async () => 'third')).rejects.toBeInstanceOf(GateFullError);

    release();
    await first;
    expect(await second).toBe('second');
    expect(await gate.run(async () => 'fourth')).toBe('fourth');
  });

  it('lets a waiting task whose signal aborts leave the queue to the next', async () => {
    const gate = new Gate(1, 1);
    let release = () => {};
    const first = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    const abandon = new AbortController();
    const abandoned = gate.run(async () => 'never', abandon.signal);
    abandon.abort();
    await expect(abandoned).rejects.toThrow();

    const next = gate.run(async () => 'next');
    release();
    await first;
    expect(await next).toBe('next');
  });
});

describe('opaque PNG', () => {
  it('keeps the colours of RGBA pixels and drops their alpha', async () => {
    const rgba = Buffer.from([255, 0, 0, 255, 0, 128, 255, 255, 1, 2, 3, 255, 9, 9, 9, 255]);
    const png = PNG.sync.read(await opaquePng(rgba, 2, 2));
    expect([png.width, png.height]).toEqual([2, 2]);
    expect([...png.data]).toEqual([...rgba]);
  });
});

describe('exported files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'whiteroom-exports-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses and deletes a file older than its lifetime', async () => {
    let now = Date.now();
    const store = new ExportStore(dir, 1000, () => now);
    const name = await store.save(Buffer.from('%PDF'), 'pdf');
    expect(await store.open(name)).toMatchObject({ contentType: 'application/pdf', size: 4 });

    now += 5000;
    expect(await store.open(name)).toBeUndefined();
    await store.sweep();
    expect(() => readFileSync(path.join(dir, name))).toThrow();
  });

  it('names files with 128 random bits', async () => {
    const store = new ExportStore(dir);
    const names = await Promise.all([
      store.save(Buffer.from('a'), 'png'),
      store.save(Buffer.from('b'), 'png'),
    ]);
    expect(names[0]).toMatch(/^[0-9a-f]{32}\.png$/);
    expect(names[0]).not.toBe(names[1]);
  });
});

describe('export over REST', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  /** Draws rectangles into a room through the room protocol, waiting until each is written. */
  async function draw(room: string, ids: string[], x = 10, page = '/init'): Promise<void> {
    const client = new ProtocolClient({
      url: server.url,
      roomUuid: room,
      token: server.roomToken(room, 'writer'),
      uid: 'drawer',
    });
    await client.welcomed();
    for (const [index, id] of ids.entries()) {
      client.change(addRectangle(id, x + index * 150, page));
    }
    await client.until((c) => c.changes().length === ids.length);
    client.close();
  }

  const post = (room: string, endpoint: string, body: unknown, token = server.sdkToken()) =>
    request(`${server.url}/v5/rooms/${room}/${endpoint}`, {
      method: 'POST',
      headers: { token },
      body,
    });

  it('answers 201 with a URL that serves the PNG with its content type', async () => {
    const room = await createRoom(server);
    await draw(room, ['r1']);

    const { status, body } = await post(room, 'screenshots', { width: 400, height: 300 });
    expect(status).toBe(201);
    const file = body as { url: string; path: string; contentType: string; width: number };
    expect(file).toMatchObject({ contentType: 'image/png', width: 400, height: 300 });
    expect(file.path).toMatch(/^\/v5\/exports\/[0-9a-f]{32}\.png$/);
    expect(file.url).toBe(`${server.url}${file.path}`);

    const served = await fetch(file.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await served.arrayBuffer()));
    expect([png.width, png.height]).toEqual([400, 300]);
    expect(png.data.some((value, i) => i % 4 === 0 && value < 30)).toBe(true);
  });

  it('serves an SVG screenshot as image/svg+xml', async () => {
    const room = await createRoom(server);
    await draw(room, ['r1']);
    const { status, body } = await post(room, 'screenshots', {
      width: 200,
      height: 100,
      format: 'svg',
    });
    expect(status).toBe(201);
    const served = await fetch((body as { url: string }).url);
    expect(served.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await served.text()).toContain('data-id="r1"');
  });

  it('answers a PDF of every page with its page count', async () => {
    const room = await createRoom(server);
    await request(`${server.url}/v5/rooms/${room}/scenes`, {
      method: 'POST',
      headers: { token: server.sdkToken() },
      body: { path: '/', scenes: [{ name: 'two' }] },
    });
    const { status, body } = await post(room, 'pdf', {});
    expect(status).toBe(201);
    expect(body).toMatchObject({ contentType: 'application/pdf', pages: 2 });

    const served = await fetch((body as { url: string }).url);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    const pdf = await PDFDocument.load(await served.arrayBuffer());
    expect(pdf.getPageCount()).toBe(2);
  });

  it("refuses a reader's token", async () => {
    const room = await createRoom(server);
    const { status, body } = await post(
      room,
      'screenshots',
      { width: 10, height: 10 },
      server.roomToken(room, 'reader'),
    );
    expect(status).toBe(403);
    expect(body).toMatchObject({ error: { code: 207 } });
  });

  it('answers 404 sceneNotFound for an unknown page', async () => {
    const room = await createRoom(server);
    const { status, body } = await post(room, 'screenshots', {
      width: 10,
      height: 10,
      path: '/nowhere',
    });
    expect(status).toBe(404);
    expect(body).toMatchObject({ error: { code: 304 } });
  });

  it('refuses a size outside the schema', async () => {
    const room = await createRoom(server);
    const { status } = await post(room, 'screenshots', { width: 0, height: 10 });
    expect(status).toBe(400);
  });

  it('refuses a moment of a persistent room with roomNotRecorded', async () => {
    const room = await createRoom(server);
    const { status, body } = await post(room, 'screenshots', {
      width: 10,
      height: 10,
      at: Date.now(),
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: 117 } });
  });

  it('refuses a moment before a recorded room was created with timeOutOfRange', async () => {
    const room = await createRoom(server, { isRecord: true });
    const { status, body } = await post(room, 'screenshots', { width: 10, height: 10, at: 1000 });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: 118 } });
  });

  it('exports a recorded room as it was at an earlier moment', async () => {
    const room = await createRoom(server, { isRecord: true });
    await draw(room, ['first']);
    const moment = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await draw(room, ['second'], 600);

    const then = await post(room, 'screenshots', {
      width: 200,
      height: 100,
      format: 'svg',
      at: moment,
    });
    const now = await post(room, 'screenshots', { width: 200, height: 100, format: 'svg' });
    const svgThen = await (await fetch((then.body as { url: string }).url)).text();
    const svgNow = await (await fetch((now.body as { url: string }).url)).text();

    expect(svgThen).toContain('data-id="first"');
    expect(svgThen).not.toContain('data-id="second"');
    expect(svgNow).toContain('data-id="second"');
  });

  it('exports any page of a recorded room as it was at a moment', async () => {
    const room = await createRoom(server, { isRecord: true });
    await request(`${server.url}/v5/rooms/${room}/scenes`, {
      method: 'POST',
      headers: { token: server.sdkToken() },
      body: { path: '/', scenes: [{ name: 'two' }] },
    });
    await draw(room, ['on-init']);
    await draw(room, ['on-two'], 10, '/two');
    const moment = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await draw(room, ['later'], 200, '/two');

    const svgOf = async (path: string) => {
      const body = { width: 200, height: 100, format: 'svg', at: moment, path };
      const { body: file } = await post(room, 'screenshots', body);
      return (await fetch((file as { url: string }).url)).text();
    };
    const two = await svgOf('/two');
    expect(two).toContain('data-id="on-two"');
    expect(two).not.toContain('data-id="later"');
    expect(two).not.toContain('data-id="on-init"');
    expect(await svgOf('/init')).toContain('data-id="on-init"');
  });

  it('refuses a JSON null body to the PDF endpoint as the screenshot endpoint does', async () => {
    const room = await createRoom(server);
    for (const endpoint of ['pdf', 'screenshots']) {
      const { status, body } = await post(room, endpoint, 'null');
      expect(status).toBe(400);
      expect(body).toMatchObject({ error: { code: 102 } });
    }
    const { status } = await post(room, 'pdf', undefined);
    expect(status).toBe(201);
  });

  it('answers 404 for an export that does not exist, whatever its name looks like', async () => {
    for (const name of [`${'0'.repeat(32)}.png`, 'not-an-export', `${'0'.repeat(32)}.exe`]) {
      const { status, body } = await request(`${server.url}/v5/exports/${name}`);
      expect({ name, status }).toEqual({ name, status: 404 });
      expect(body).toMatchObject({ error: { code: 305 } });
    }
  });
});

describe('export queue', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ exports: { running: 1, waiting: 0 } });
  });
  afterAll(() => server.close());

  it('gives the place of an export whose client went away to the next one', async () => {
    const queued = await startTestServer({ exports: { running: 1, waiting: 1 } });
    try {
      const room = await createRoom(queued);
      const screenshot = (size: number, signal?: AbortSignal) =>
        fetch(`${queued.url}/v5/rooms/${room}/screenshots`, {
          method: 'POST',
          headers: { token: queued.sdkToken(), 'content-type': 'application/json' },
          body: JSON.stringify({ width: size, height: size }),
          ...(signal && { signal }),
        });
      // The first takes the one place for a second or more; the second waits, then gives up.
      const running = screenshot(8192);
      const leaving = new AbortController();
      const abandoned = screenshot(8192, leaving.signal).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 150));
      leaving.abort();
      await abandoned;
      await new Promise((resolve) => setTimeout(resolve, 50));

      const next = await screenshot(10);
      expect(next.status).toBe(201);
      expect((await running).status).toBe(201);
      expect(queued.logs.some((line) => line.includes('export abandoned'))).toBe(true);
    } finally {
      await queued.close();
    }
  });

  it('links exported files at the public URL when the server is given one', async () => {
    const behindProxy = await startTestServer({ publicUrl: 'https://board.example.com' });
    try {
      const room = await createRoom(behindProxy);
      const { status, body } = await request(`${behindProxy.url}/v5/rooms/${room}/screenshots`, {
        method: 'POST',
        headers: { token: behindProxy.sdkToken(), host: 'elsewhere.example' },
        body: { width: 10, height: 10, format: 'svg' },
      });
      expect(status).toBe(201);
      const file = body as { url: string; path: string };
      expect(file.url).toBe(`https://board.example.com${file.path}`);
    } finally {
      await behindProxy.close();
    }
  });

  it('refuses an export with 503, code 504 and Retry-After while the queue is full', async () => {
    const room = await createRoom(server);
    // Each of these takes the one place for a second or more; they arrive within milliseconds.
    const answers = await Promise.all(
      Array.from({ length: 3 }, () =>
        request(`${server.url}/v5/rooms/${room}/screenshots`, {
          method: 'POST',
          headers: { token: server.sdkToken() },
          body: { width: 8192, height: 8192 },
        }),
      ),
    );
    const refused = answers.filter((answer) => answer.status === 503);
    expect(answers.some((answer) => answer.status === 201)).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.body).toMatchObject({ error: { code: 504 } });
      expect(answer.headers.get('retry-after')).toBe('10');
    }
  });
});

describe('whiteroom export', () => {
  let server: TestServer;
  let room: string;
  let out: string;
  beforeAll(async () => {
    server = await startTestServer();
    room = await createRoom(server);
    const client = new ProtocolClient({
      url: server.url,
      roomUuid: room,
      token: server.roomToken(room, 'writer'),
      uid: 'drawer',
    });
    await client.welcomed();
    client.change(addRectangle('r1'));
    await client.until((c) => c.changes().length === 1);
    client.close();
    await server.close({ keepData: true });
    out = mkdtempSync(path.join(tmpdir(), 'whiteroom-export-out-'));
  });
  afterAll(() => {
    rmSync(server.dataDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  const cli = (args: string[]) =>
    spawnSync(process.execPath, [CLI, 'export', ...args, '--data', server.dataDir], {
      encoding: 'utf8',
    });

  it('writes a PNG of the current page and exits 0', () => {
    const file = path.join(out, 'room.png');
    const result = cli([room, '--out', file, '--width', '300', '--height', '200']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(file);
    const png = PNG.sync.read(readFileSync(file));
    expect([png.width, png.height]).toEqual([300, 200]);
  });

  it('writes a PDF of every page', async () => {
    const file = path.join(out, 'room.pdf');
    const result = cli([room, '--format', 'pdf', '--out', file]);
    expect(result.status).toBe(0);
    expect((await PDFDocument.load(readFileSync(file))).getPageCount()).toBe(1);
  });

  it('exits non-zero with a sentence for an unknown room', () => {
    const result = cli(['f'.repeat(32), '--out', path.join(out, 'none.png')]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`no room ${'f'.repeat(32)}`);
  });

  it('says a malformed room uuid is malformed rather than unknown', () => {
    const result = cli(['../../x', '--out', path.join(out, 'none.png')]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('whiteroom: a room uuid is 32 lower-case hexadecimal');
  });

  it('says in a sentence why the file cannot be written', () => {
    const intoFolder = cli([room, '--out', out]);
    expect(intoFolder.status).not.toBe(0);
    expect(intoFolder.stderr).toContain(`whiteroom: cannot write ${out}: it is a folder`);
    const nowhere = path.join(out, 'missing', 'room.png');
    const missing = cli([room, '--out', nowhere]);
    expect(missing.stderr).toContain(`the folder ${path.dirname(nowhere)} does not exist`);
  });

  it('refuses a picture larger than the largest with the command name first', () => {
    const result = cli([room, '--width', '99999']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/^whiteroom: a png export is at most 8192 pixels/);
  });

  it('exits non-zero for an unknown page', () => {
    const result = cli([room, '--page', '/nowhere', '--out', path.join(out, 'none.png')]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('no page /nowhere');
  });
});
