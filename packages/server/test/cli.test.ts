import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TokenRole, sdkToken as netlessSdkToken } from 'netless-token';
import { parseToken } from '@whiteroom/token';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from './helpers.js';

const CLI = fileURLToPath(new URL('../bin/whiteroom.js', import.meta.url));

interface Started {
  child: ChildProcess;
  url: string;
  banner: string;
  stdout: () => string;
  exited: Promise<number | null>;
}

/** Starts `whiteroom serve` as a user would and waits for its banner. */
async function serve(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [CLI, 'serve', '--host', '127.0.0.1', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(stderr);
      if (match && stderr.includes('\n\n', match.index + 1)) resolve(match[1] as string);
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { child, url, banner: stderr, stdout: () => stdout, exited };
}

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the whiteroom command', () => {
  let dataDir: string;
  let running: Started | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'whiteroom-cli-'));
  });
  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    running = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a key pair on first start and prints the access key, the secret file, an admin sdkToken and the URLs', async () => {
    running = await serve(['--port', '0', '--data', dataDir]);

    expect(statSync(path.join(dataDir, 'whiteroom.sqlite')).mode & 0o777).toBe(0o600);
    const secretFile = path.join(dataDir, 'access-key.json');
    const keys = JSON.parse(readFileSync(secretFile, 'utf8')) as Record<string, string>;
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(running.banner).toContain(keys.accessKey);
    expect(running.banner).toContain(secretFile);
    expect(running.banner).not.toContain(keys.secretAccessKey);
    expect(running.banner).toContain(`${running.url}/docs`);
    expect(running.banner).toContain(`${running.url}/v5/rooms`);

    const sdkToken = /NETLESSSDK_[A-Za-z0-9_-]+/.exec(running.banner)?.[0] as string;
    expect(parseToken(sdkToken)?.claims).toMatchObject({
      role: 'admin',
      accessKey: keys.accessKey,
    });
    const health = await request(`${running.url}/healthz`);
    expect(health.status).toBe(200);
    const created = await request(`${running.url}/v5/rooms`, {
      method: 'POST',
      headers: { token: sdkToken },
      body: { name: 'from the banner' },
    });
    expect(created.status).toBe(201);
    expect(running.stdout()).not.toContain('NETLESS');
  });

  it('provisions the key pair of WHITEROOM_ACCESS_KEY and takes every option from WHITEROOM_* variables', async () => {
    running = await serve([], {
      WHITEROOM_PORT: '0',
      WHITEROOM_DATA: dataDir,
      WHITEROOM_ACCESS_KEY: 'business-ak',
      WHITEROOM_SECRET_ACCESS_KEY: 'business-sk',
      WHITEROOM_REGION: 'us-sv',
    });
    const token = netlessSdkToken('business-ak', 'business-sk', 0, { role: TokenRole.Admin });
    const created = await request(`${running.url}/room?token=${token}`, {
      method: 'POST',
      body: { name: 'kept keys', limit: 100, mode: 'persistent' },
    });
    expect(created.body).toMatchObject({ code: 200, msg: { room: { region: 'us-sv' } } });
    expect(running.banner).not.toContain('business-sk');
  });

  it('finishes a request in flight on SIGTERM, closes cleanly and keeps everything on restart', async () => {
    running = await serve(['--port', '0', '--data', dataDir]);
    const sdkToken = /NETLESSSDK_[A-Za-z0-9_-]+/.exec(running.banner)?.[0] as string;
    const { port } = new URL(running.url);

    // A room creation whose body arrives in two halves, with the signal in between.
    const body = JSON.stringify({ name: 'in flight during shutdown' });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v5/rooms',
          headers: {
            token: sdkToken,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        running?.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 200);
      }, 100);
    });

    const { status, text } = await answer;
    expect(status).toBe(201);
    const uuid = (JSON.parse(text) as { uuid: string }).uuid;
    expect(await running.exited).toBe(0);
    expect(running.stdout()).toContain('"msg":"stopped"');

    running = await serve(['--port', '0', '--data', dataDir]);
    expect(running.banner).not.toContain('A key pair was created');
    const room = await request(`${running.url}/v5/rooms/${uuid}`, { headers: { token: sdkToken } });
    expect(room.body).toMatchObject({ uuid, name: 'in flight during shutdown' });
  });

  it('manages key pairs: create, list, disable and enable, seen at once by a running server', async () => {
    running = await serve(['--port', '0', '--data', dataDir]);

    const created = cli(['keys', 'create', '--data', dataDir]);
    expect(created.status).toBe(0);
    const pair = JSON.parse(created.stdout) as Record<string, string>;
    expect(Object.keys(pair).sort()).toEqual([
      'accessKey',
      'appUUID',
      'secretAccessKey',
      'teamUUID',
    ]);

    const listed = cli(['keys', 'list', '--data', dataDir, '--json']);
    const pairs = JSON.parse(listed.stdout) as { accessKey: string; disabled: boolean }[];
    expect(pairs.map((entry) => entry.accessKey)).toContain(pair.accessKey);
    expect(listed.stdout).not.toContain(pair.secretAccessKey as string);

    const token = cli([
      'token',
      'sdk',
      '--role',
      'writer',
      '--data',
      dataDir,
      '--access-key',
      pair.accessKey as string,
    ]).stdout.trim();
    const before = await request(`${running.url}/v5/rooms`, { headers: { token } });
    expect(before.status).toBe(200);

    expect(cli(['keys', 'disable', pair.accessKey as string, '--data', dataDir]).status).toBe(0);
    const refused = await request(`${running.url}/v5/rooms`, { headers: { token } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ message: 'token access team forbidden' });

    expect(cli(['keys', 'enable', pair.accessKey as string, '--data', dataDir]).status).toBe(0);
    expect((await request(`${running.url}/v5/rooms`, { headers: { token } })).status).toBe(200);

    const unknown = cli(['keys', 'disable', 'no-such-key', '--data', dataDir]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('no key pair');
    expect(unknown.stderr).not.toContain('Usage:');

    const nowhere = path.join(dataDir, 'typo');
    const missing = cli(['keys', 'list', '--data', nowhere]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('no Whiteroom data');
    expect(existsSync(nowhere)).toBe(false);
  });

  it('refuses a public URL that is not an http or https address before starting', () => {
    const refused = [
      'ftp://board.example.com',
      'board.example.com',
      'https://x.example/?a=1',
      'https://x.example/?',
      'https://x.example/#',
      'https://user:secret@x.example',
    ];
    for (const url of refused) {
      const result = cli(['serve', '--public-url', url, '--data', dataDir]);
      expect({ url, status: result.status }).toEqual({ url, status: 1 });
      expect(result.stderr).toContain('public URL');
    }
  });

  it('mints sdk, room and task tokens with the chosen role, lifespan and uuid', () => {
    cli(['keys', 'create', '--data', dataDir]);
    const uuid = 'd07bcaf0a17911ea9d7e23232cddf42d';

    const sdk = cli(['token', 'sdk', '--role', 'reader', '--data', dataDir]);
    expect(parseToken(sdk.stdout.trim())?.claims).toMatchObject({ kind: 'sdk', role: 'reader' });

    const room = cli([
      'token',
      'room',
      '--role',
      'writer',
      '--uuid',
      uuid,
      '--lifespan',
      '60000',
      '--data',
      dataDir,
    ]);
    const claims = parseToken(room.stdout.trim())?.claims;
    expect(claims).toMatchObject({ kind: 'room', role: 'writer', uuid });
    expect(claims?.expireAt).toBeGreaterThan(Date.now());

    const task = cli(['token', 'task', '--role', 'admin', '--uuid', uuid, '--data', dataDir]);
    expect(parseToken(task.stdout.trim())?.claims).toMatchObject({ kind: 'task', uuid });

    const noUuid = cli(['token', 'room', '--role', 'writer', '--data', dataDir]);
    expect(noUuid.status).not.toBe(0);
    expect(noUuid.stderr).toContain('--uuid');

    const badRole = cli(['token', 'sdk', '--role', 'owner', '--data', dataDir]);
    expect(badRole.status).not.toBe(0);
  });
});
