import { createHmac } from 'node:crypto';
import { mintToken } from '@whiteroom/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESS_KEY,
  SECRET_ACCESS_KEY,
  createRoom,
  request,
  startTestServer,
  type TestServer,
} from './helpers.js';

interface CurrentError {
  message: string;
  error: { code: number; title: string; messages: string[] };
}

/** Rebuilds a token after changing its decoded query, keeping the old signature. */
function tamper(token: string, change: (fields: URLSearchParams) => void): string {
  const prefix = token.slice(0, token.indexOf('_') + 1);
  const fields = new URLSearchParams(
    Buffer.from(token.slice(prefix.length), 'base64url').toString(),
  );
  change(fields);
  return prefix + Buffer.from(fields.toString()).toString('base64url');
}

describe('refusals', () => {
  let server: TestServer;
  let roomUuid: string;
  let otherRoomUuid: string;
  beforeAll(async () => {
    server = await startTestServer();
    roomUuid = await createRoom(server, { name: 'target' });
    otherRoomUuid = await createRoom(server, { name: 'other' });
  });
  afterAll(() => server.close());

  /** Asks for the room with a token; returns the status and the current-API error body. */
  async function getRoomWith(token: string, uuid = roomUuid) {
    const { status, body } = await request(`${server.url}/v5/rooms/${uuid}`, {
      headers: { token },
    });
    return { status, body: body as CurrentError };
  }

  async function roomCount(): Promise<number> {
    const { body } = await request(`${server.url}/v5/rooms?limit=1000`, {
      headers: { token: server.sdkToken() },
    });
    return (body as unknown[]).length;
  }

  describe('tokens', () => {
    it('refuses a request without a token with 401', async () => {
      const { status, body } = await request(`${server.url}/v5/rooms/${roomUuid}`);
      expect(status).toBe(401);
      expect(body).toMatchObject({ error: { code: 209 } });
    });

    it('refuses a token that is not in the format with "invalid format of token"', async () => {
      for (const token of [
        'garbage',
        'NETLESSSDK_',
        'NETLESSSDK_!!!',
        `NETLESSSDK_${Buffer.from('ak=x').toString('base64url')}`,
      ]) {
        const { status, body } = await getRoomWith(token);
        expect(status).toBe(401);
        expect(body.message).toBe('invalid format of token');
        expect(body.error).toEqual({
          code: 201,
          title: 'Bad token',
          messages: ['invalid format of token'],
        });
      }
    });

    it('refuses a tampered signature with "invalid signature of token"', async () => {
      const token = tamper(server.sdkToken(), (fields) => {
        const sig = fields.get('sig') as string;
        fields.set('sig', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1));
      });
      const { status, body } = await getRoomWith(token);
      expect(status).toBe(401);
      expect(body.message).toBe('invalid signature of token');
    });

    it('refuses a token with any signed field changed', async () => {
      const changes: Record<string, (fields: URLSearchParams) => void> = {
        role: (fields) => fields.set('role', '0'),
        nonce: (fields) => fields.set('nonce', 'another-nonce'),
        uuid: (fields) => fields.set('uuid', otherRoomUuid),
        expireAt: (fields) => fields.set('expireAt', String(Date.now() + 10 ** 9)),
        'an added field': (fields) => fields.set('extra', 'x'),
      };
      const original = server.roomToken(roomUuid, 'reader', 60_000);
      for (const [field, change] of Object.entries(changes)) {
        const { status, body } = await getRoomWith(tamper(original, change));
        expect({ field, status, message: body.message }).toEqual({
          field,
          status: 401,
          message: 'invalid signature of token',
        });
      }
    });

    it('refuses an expired token with "expired token"', async () => {
      const token = mintToken('sdk', {
        accessKey: ACCESS_KEY,
        secretAccessKey: SECRET_ACCESS_KEY,
        role: 'admin',
        lifespan: 1000,
        now: Date.now() - 5000,
      });
      const { status, body } = await getRoomWith(token);
      expect(status).toBe(401);
      expect(body.message).toBe('expired token');
    });

    it('refuses a token of an unknown key with "token access team forbidden"', async () => {
      const token = mintToken('sdk', { accessKey: 'nobody', secretAccessKey: 'x', role: 'admin' });
      const { status, body } = await getRoomWith(token);
      expect(status).toBe(403);
      expect(body.message).toBe('token access team forbidden');
    });

    it('refuses a token signed with the wrong secret', async () => {
      const token = mintToken('sdk', {
        accessKey: ACCESS_KEY,
        secretAccessKey: 'wrong',
        role: 'admin',
      });
      const { status, body } = await getRoomWith(token);
      expect(status).toBe(401);
      expect(body.message).toBe('invalid signature of token');
    });

    it('refuses every token of a disabled key pair, and accepts them again once enabled', async () => {
      await server.server.storage.keyPairs.setDisabled(ACCESS_KEY, true);
      try {
        const { status, body } = await getRoomWith(server.sdkToken());
        expect(status).toBe(403);
        expect(body.message).toBe('token access team forbidden');
        const legacy = await request(`${server.url}/room?token=${server.sdkToken()}`, {
          method: 'POST',
          body: { name: 'x' },
        });
        expect(legacy.body).toEqual({ code: 204, msg: 'token access team forbidden' });
      } finally {
        await server.server.storage.keyPairs.setDisabled(ACCESS_KEY, false);
      }
      expect((await getRoomWith(server.sdkToken())).status).toBe(200);
    });

    it('refuses a room token used for another room with "token access room forbidden"', async () => {
      const { status, body } = await getRoomWith(
        server.roomToken(roomUuid, 'admin'),
        otherRoomUuid,
      );
      expect(status).toBe(403);
      expect(body.message).toBe('token access room forbidden');
    });

    it('refuses a room token re-prefixed as an sdkToken as malformed', async () => {
      const roomToken = server.roomToken(roomUuid, 'admin');
      const forged = roomToken.replace('NETLESSROOM_', 'NETLESSSDK_');
      const { status, body } = await request(`${server.url}/v5/rooms`, {
        headers: { token: forged },
      });
      expect(status).toBe(401);
      expect((body as CurrentError).message).toBe('invalid format of token');
    });

    it('refuses a task token used for a room', async () => {
      const token = mintToken('task', {
        accessKey: ACCESS_KEY,
        secretAccessKey: SECRET_ACCESS_KEY,
        role: 'admin',
        uuid: roomUuid,
      });
      const { status, body } = await getRoomWith(token);
      expect(status).toBe(403);
      expect(body.message).toBe('token access room forbidden');
    });

    it('refuses a room token where an sdkToken is needed', async () => {
      const { status, body } = await request(`${server.url}/v5/rooms`, {
        method: 'POST',
        headers: { token: server.roomToken(roomUuid, 'admin') },
        body: {},
      });
      expect(status).toBe(403);
      expect((body as CurrentError).message).toBe('token access team forbidden');
    });

    it('refuses a reader sdkToken creating a room, through both APIs, and creates nothing', async () => {
      const before = await roomCount();
      const current = await request(`${server.url}/v5/rooms`, {
        method: 'POST',
        headers: { token: server.sdkToken('reader') },
        body: { name: 'nope' },
      });
      expect(current.status).toBe(403);
      expect((current.body as CurrentError).message).toBe('token access role2 forbidden');

      const legacy = await request(`${server.url}/room?token=${server.sdkToken('reader')}`, {
        method: 'POST',
        body: { name: 'nope', limit: 100, mode: 'persistent' },
      });
      expect(legacy.status).toBe(403);
      expect(legacy.body).toEqual({ code: 207, msg: 'token access role2 forbidden' });
      expect(await roomCount()).toBe(before);
    });

    it('refuses a writer minting an admin token, and lets it mint writer and reader tokens', async () => {
      const writer = { token: server.sdkToken('writer') };
      const admin = await request(`${server.url}/v5/tokens/rooms/${roomUuid}`, {
        method: 'POST',
        headers: writer,
        body: { lifespan: 0, role: 'admin' },
      });
      expect(admin.status).toBe(403);
      expect((admin.body as CurrentError).message).toBe('token access role1 forbidden');

      for (const role of ['writer', 'reader']) {
        const ok = await request(`${server.url}/v5/tokens/rooms/${roomUuid}`, {
          method: 'POST',
          headers: writer,
          body: { lifespan: 0, role },
        });
        expect(ok.status).toBe(201);
      }
    });

    it('refuses a writer room token banning its room', async () => {
      const { status, body } = await request(`${server.url}/v5/rooms/${roomUuid}`, {
        method: 'PATCH',
        headers: { token: server.roomToken(roomUuid, 'writer') },
        body: { isBan: true },
      });
      expect(status).toBe(403);
      expect((body as CurrentError).message).toBe('token access role1 forbidden');
      expect((await getRoomWith(server.sdkToken())).body).toMatchObject({ isBan: false });
    });

    it('refuses a wrong secret when minting an sdkToken from a key pair', async () => {
      const { status, body } = await request(`${server.url}/v5/tokens/teams`, {
        method: 'POST',
        body: { accessKey: ACCESS_KEY, secretAccessKey: 'wrong', lifespan: 0, role: 'admin' },
      });
      expect(status).toBe(403);
      expect((body as CurrentError).message).toBe('token access team forbidden');
    });

    it('hides the rooms of another app as if they did not exist', async () => {
      const other = await server.server.storage.keyPairs.create({
        accessKey: 'other-app',
        secretAccessKey: 'other-secret',
        teamUUID: 'other-team',
        appUUID: 'other-app-uuid',
      });
      const token = mintToken('sdk', {
        accessKey: other.accessKey,
        secretAccessKey: other.secretAccessKey,
        role: 'admin',
      });
      expect((await getRoomWith(token)).status).toBe(404);
      const list = await request(`${server.url}/v5/rooms`, { headers: { token } });
      expect(list.body).toEqual([]);
    });

    it('accepts a token whose query was written by another generator (order, + for space)', async () => {
      const fields = { ak: ACCESS_KEY, nonce: 'a nonce with spaces', role: '0' };
      const sig = createHmac('sha256', SECRET_ACCESS_KEY)
        .update(JSON.stringify(fields))
        .digest('hex');
      const query = `sig=${sig}&role=0&nonce=a+nonce+with+spaces&ak=${ACCESS_KEY}`;
      const token = `NETLESSSDK_${Buffer.from(query).toString('base64url')}`;
      expect((await getRoomWith(token)).status).toBe(200);
    });
  });

  describe('bad input', () => {
    it('refuses malformed JSON with 400 and creates nothing', async () => {
      const before = await roomCount();
      const { status, body } = await request(`${server.url}/v5/rooms`, {
        method: 'POST',
        headers: { token: server.sdkToken() },
        body: '{"name": "unterminated',
      });
      expect(status).toBe(400);
      expect((body as CurrentError).error.code).toBe(101);
      expect(await roomCount()).toBe(before);
    });

    it('refuses a body whose keys could reach a prototype as invalid content, not as bad JSON', async () => {
      const before = await roomCount();
      for (const text of ['{"__proto__":{"isRecord":true}}', '{"constructor":{"prototype":{}}}']) {
        const { status, body } = await request(`${server.url}/v5/rooms`, {
          method: 'POST',
          headers: { token: server.sdkToken() },
          body: text,
        });
        expect({ text, status }).toEqual({ text, status: 400 });
        expect((body as CurrentError).error.code).toBe(102);
        expect((body as CurrentError).error.messages.join(' ')).toContain('__proto__');
      }
      expect(await roomCount()).toBe(before);
    });

    it('refuses a field of the wrong type with 400 naming the field', async () => {
      const { status, body } = await request(`${server.url}/v5/rooms`, {
        method: 'POST',
        headers: { token: server.sdkToken() },
        body: { limit: 'ten' },
      });
      expect(status).toBe(400);
      expect((body as CurrentError).error.code).toBe(102);
      expect((body as CurrentError).error.messages.join(' ')).toContain('limit');
    });

    it('refuses an unknown field in a current-API body', async () => {
      const { status } = await request(`${server.url}/v5/rooms`, {
        method: 'POST',
        headers: { token: server.sdkToken() },
        body: { mode: 'historied' },
      });
      expect(status).toBe(400);
    });

    it('refuses a negative or too large limit on the list', async () => {
      for (const limit of ['-1', '0', '1001', 'many']) {
        const { status, body } = await request(`${server.url}/v5/rooms?limit=${limit}`, {
          headers: { token: server.sdkToken() },
        });
        expect({ limit, status }).toEqual({ limit, status: 400 });
        expect((body as CurrentError).error.code).toBe(103);
      }
    });

    it('reads query numbers in decimal only, refusing hexadecimal, exponents and spaces', async () => {
      for (const limit of ['0x10', '1e2', '%205', '5%20', '']) {
        const { status, body } = await request(`${server.url}/v5/rooms?limit=${limit}`, {
          headers: { token: server.sdkToken() },
        });
        expect({ limit, status }).toEqual({ limit, status: 400 });
        expect((body as CurrentError).error.messages.join(' ')).toContain('decimal');
      }
      const decimal = await request(`${server.url}/v5/rooms?limit=16`, {
        headers: { token: server.sdkToken() },
      });
      expect(decimal.status).toBe(200);
    });

    it('refuses values of the wrong JSON type instead of converting them', async () => {
      const before = await roomCount();
      for (const body of [{ name: 123 }, { limit: '5' }, { isRecord: 'true' }]) {
        const { status } = await request(`${server.url}/v5/rooms`, {
          method: 'POST',
          headers: { token: server.sdkToken() },
          body,
        });
        expect({ body, status }).toEqual({ body, status: 400 });
      }
      expect(await roomCount()).toBe(before);

      await request(`${server.url}/v5/rooms/${otherRoomUuid}`, {
        method: 'PATCH',
        headers: { token: server.sdkToken() },
        body: { isBan: true },
      });
      const nullBan = await request(`${server.url}/v5/rooms/${otherRoomUuid}`, {
        method: 'PATCH',
        headers: { token: server.sdkToken() },
        body: { isBan: null },
      });
      expect(nullBan.status).toBe(400);
      const legacy = await request(`${server.url}/banRoom?token=${server.sdkToken()}`, {
        method: 'POST',
        body: { ban: 'false', uuid: otherRoomUuid },
      });
      expect(legacy.status).toBe(400);
      expect((await getRoomWith(server.sdkToken(), otherRoomUuid)).body).toMatchObject({
        isBan: true,
      });
      await request(`${server.url}/v5/rooms/${otherRoomUuid}`, {
        method: 'PATCH',
        headers: { token: server.sdkToken() },
        body: { isBan: false },
      });
    });

    it('refuses a legacy offset beyond any list with 400', async () => {
      const { status, body } = await request(
        `${server.url}/room?offset=9223372036854775807&token=${server.sdkToken()}`,
      );
      expect(status).toBe(400);
      expect(body).toMatchObject({ code: 103 });
    });

    it('ignores query parameters it does not know', async () => {
      const { status } = await request(`${server.url}/v5/rooms?limit=5&utm_source=x`, {
        headers: { token: server.sdkToken() },
      });
      expect(status).toBe(200);
    });

    it('refuses a room name with a lone surrogate instead of mangling it', async () => {
      const { status } = await request(`${server.url}/v5/rooms`, {
        method: 'POST',
        headers: { token: server.sdkToken() },
        body: '{"name":"a\\ud800b"}',
      });
      expect(status).toBe(400);
    });

    it('refuses to mint a task token for the uuid of a room', async () => {
      const { status } = await request(`${server.url}/v5/tokens/tasks/${roomUuid}`, {
        method: 'POST',
        headers: { token: server.sdkToken() },
        body: { lifespan: 0, role: 'reader' },
      });
      expect(status).toBe(400);
    });

    it('answers headers over 16 KiB with 431 in the error shape, and logs it', async () => {
      const { status, body } = await request(`${server.url}/v5/rooms`, {
        headers: { token: server.sdkToken(), 'x-padding': 'x'.repeat(20_000) },
      });
      expect(status).toBe(431);
      expect(body).toMatchObject({ error: { code: 116 } });
      const line = server.logs
        .map((text) => JSON.parse(text))
        .findLast((entry) => entry.code === 116);
      expect(line).toMatchObject({ status: 431, msg: 'request refused before routing' });
      expect(JSON.stringify(line)).not.toContain('NETLESSSDK_');
    });

    it('keeps a client request id only when it looks like one', async () => {
      const kept = await request(`${server.url}/healthz`, {
        headers: { 'x-request-id': 'abc-123' },
      });
      expect(kept.headers.get('x-request-id')).toBe('abc-123');
      const replaced = await request(`${server.url}/healthz`, {
        headers: { 'x-request-id': 'NETLESSSDK_leak' },
      });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('refuses a negative member limit', async () => {
      const { status } = await request(`${server.url}/v5/rooms`, {
        method: 'POST',
        headers: { token: server.sdkToken() },
        body: { limit: -1 },
      });
      expect(status).toBe(400);
    });

    it('refuses an unknown legacy mode in the envelope', async () => {
      const { status, body } = await request(`${server.url}/room?token=${server.sdkToken()}`, {
        method: 'POST',
        body: { name: 'x', limit: 100, mode: 'forever' },
      });
      expect(status).toBe(400);
      expect(body).toMatchObject({ code: 102 });
    });

    it('refuses a name longer than 2,048 characters', async () => {
      const { status, body } = await request(`${server.url}/v5/rooms`, {
        method: 'POST',
        headers: { token: server.sdkToken() },
        body: { name: 'x'.repeat(2049) },
      });
      expect(status).toBe(400);
      expect((body as CurrentError).error.messages.join(' ')).toContain('name');
    });

    it('refuses a body over 1 MiB with 413', async () => {
      const before = await roomCount();
      const { status, body } = await request(`${server.url}/v5/rooms`, {
        method: 'POST',
        headers: { token: server.sdkToken() },
        body: { name: 'x'.repeat(1024 * 1024 + 10) },
      });
      expect(status).toBe(413);
      expect((body as CurrentError).error.code).toBe(113);
      expect(await roomCount()).toBe(before);
    });

    it('refuses a body that is not JSON with 415', async () => {
      const { status } = await request(`${server.url}/v5/rooms`, {
        method: 'POST',
        headers: { token: server.sdkToken(), 'content-type': 'text/plain' },
        body: 'name=x',
      });
      expect(status).toBe(415);
    });

    it('refuses a malformed room uuid with 400 and an unknown one with 404', async () => {
      const malformed = await getRoomWith(server.sdkToken(), 'not-a-uuid');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.code).toBe(111);

      const unknown = await getRoomWith(server.sdkToken(), 'f'.repeat(32));
      expect(unknown.status).toBe(404);
      expect(unknown.body.message).toBe('room not found');
    });

    it('refuses a room token for an unknown room with 404', async () => {
      const { status } = await request(`${server.url}/v5/tokens/rooms/${'e'.repeat(32)}`, {
        method: 'POST',
        headers: { token: server.sdkToken() },
        body: { lifespan: 0, role: 'reader' },
      });
      expect(status).toBe(404);
    });

    it('refuses an unknown role and a negative lifespan when minting', async () => {
      for (const body of [
        { lifespan: 0, role: 'owner' },
        { lifespan: -5, role: 'reader' },
        { role: 'reader' },
      ]) {
        const response = await request(`${server.url}/v5/tokens/rooms/${roomUuid}`, {
          method: 'POST',
          headers: { token: server.sdkToken() },
          body,
        });
        expect(response.status).toBe(400);
      }
    });

    it('refuses a bad region header', async () => {
      const { status, body } = await request(`${server.url}/v5/rooms`, {
        method: 'POST',
        headers: { token: server.sdkToken(), region: 'Not A Region!' },
        body: {},
      });
      expect(status).toBe(400);
      expect((body as CurrentError).error.code).toBe(104);
    });

    it('answers an unknown endpoint with 404 in the shape of its API generation', async () => {
      const current = await request(`${server.url}/v5/nothing-here`);
      expect(current.status).toBe(404);
      expect((current.body as CurrentError).error.code).toBe(302);
      const legacy = await request(`${server.url}/nothing-here`);
      expect(legacy.body).toEqual({ code: 302, msg: 'no such endpoint' });
    });

    it('leaves the room intact after every refusal', async () => {
      const { body } = await getRoomWith(server.sdkToken());
      expect(body).toMatchObject({ uuid: roomUuid, name: 'target', isBan: false });
    });
  });

  it('answers an internal failure with 500 and no detail, and logs its cause at error level', async () => {
    const rooms = server.server.storage.rooms as { find: unknown };
    const find = rooms.find;
    rooms.find = () => Promise.reject(new Error('disk on fire'));
    try {
      const { status, body } = await getRoomWith(server.sdkToken());
      expect(status).toBe(500);
      expect(body).toEqual({
        message: 'internal server error',
        error: { code: 500, title: 'Internal error', messages: ['internal server error'] },
      });
    } finally {
      rooms.find = find;
    }
    const failure = server.logs
      .map(
        (line) => JSON.parse(line) as { level: number; status?: number; err?: { message: string } },
      )
      .find((entry) => entry.status === 500);
    expect(failure?.level).toBe(50);
    expect(failure?.err?.message).toBe('disk on fire');
  });

  it('never writes a token or a secret into the log', async () => {
    const secrets = [
      SECRET_ACCESS_KEY,
      'NETLESSSDK_',
      'NETLESSROOM_',
      'NETLESSTASK_',
      'other-secret',
    ];
    expect(server.logs.length).toBeGreaterThan(20);
    for (const line of server.logs) {
      for (const secret of secrets) expect(line).not.toContain(secret);
    }
  });

  it('writes one JSON log line per request with id, method, route, status and time', () => {
    const requests = server.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.msg === 'request');
    expect(requests.length).toBeGreaterThan(20);
    for (const entry of requests) {
      expect(entry).toHaveProperty('reqId');
      expect(entry).toHaveProperty('method');
      expect(entry).toHaveProperty('route');
      expect(entry).toHaveProperty('status');
      expect(entry).toHaveProperty('ms');
    }
    expect(
      requests.some((entry) => entry.route === '/v5/rooms/:uuid' && entry.status === 404),
    ).toBe(true);
  });
});
