import { TokenRole, sdkToken } from 'netless-token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESS_KEY,
  SECRET_ACCESS_KEY,
  request,
  startTestServer,
  type TestServer,
} from './helpers.js';

/** Reads a token's query the way the official browser SDK does, without our library. */
function decodeQuery(token: string): URLSearchParams {
  const body = token.slice(token.indexOf('_') + 1);
  return new URLSearchParams(Buffer.from(body, 'base64url').toString('utf8'));
}

describe('tokens of the public netless-token generator', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('create a room, and the room token Whiteroom returns has a numeric role and the right uuid', async () => {
    const token = sdkToken(ACCESS_KEY, SECRET_ACCESS_KEY, 60 * 60 * 1000, {
      role: TokenRole.Admin,
    });

    const created = await request(`${server.url}/v5/rooms`, {
      method: 'POST',
      headers: { token },
      body: { name: 'from netless-token' },
    });
    expect(created.status).toBe(201);
    const uuid = (created.body as { uuid: string }).uuid;

    const minted = await request(`${server.url}/v5/tokens/rooms/${uuid}`, {
      method: 'POST',
      headers: { token },
      body: { lifespan: 3_600_000, role: 'writer' },
    });
    expect(minted.status).toBe(201);
    const roomToken = minted.body as string;
    expect(roomToken.startsWith('NETLESSROOM_')).toBe(true);

    const fields = decodeQuery(roomToken);
    expect(fields.get('role')).toBe(TokenRole.Writer);
    expect(fields.get('role')).toMatch(/^[0-2]$/);
    expect(fields.get('uuid')).toBe(uuid);
    expect(fields.get('ak')).toBe(ACCESS_KEY);
    expect(Number(fields.get('expireAt'))).toBeGreaterThan(Date.now());
    expect(fields.get('sig')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('work through the legacy API with ?token=', async () => {
    const token = sdkToken(ACCESS_KEY, SECRET_ACCESS_KEY, 0, { role: TokenRole.Writer });
    const { body } = await request(`${server.url}/room?token=${token}`, {
      method: 'POST',
      body: { name: 'legacy', limit: 100, mode: 'persistent' },
    });
    const msg = (body as { msg: { room: { uuid: string }; roomToken: string } }).msg;
    const fields = decodeQuery(msg.roomToken);
    expect(fields.get('uuid')).toBe(msg.room.uuid);
    expect(fields.get('role')).toBe(TokenRole.Writer);
  });

  it('are refused once signed with another secret', async () => {
    const forged = sdkToken(ACCESS_KEY, 'not-the-secret', 0, { role: TokenRole.Admin });
    const { status, body } = await request(`${server.url}/v5/rooms`, {
      headers: { token: forged },
    });
    expect(status).toBe(401);
    expect(body).toMatchObject({ message: 'invalid signature of token' });
  });
});
