import { parseToken } from '@whiteroom/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESS_KEY,
  SECRET_ACCESS_KEY,
  createRoom,
  request,
  startTestServer,
  type TestServer,
} from './helpers.js';

interface RoomBody {
  uuid: string;
  teamUUID: string;
  appUUID: string;
  name: string;
  isRecord: boolean;
  isBan: boolean;
  limit: number;
  createdAt: string;
}

describe('the current (/v5) API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const admin = () => ({ token: server.sdkToken('admin') });

  it('creates a room with 201 and the room resource', async () => {
    const { status, body } = await request(`${server.url}/v5/rooms`, {
      method: 'POST',
      headers: admin(),
      body: { name: 'Algebra 101', isRecord: true, limit: 5 },
    });

    expect(status).toBe(201);
    const room = body as RoomBody;
    expect(Object.keys(room).sort()).toEqual(
      ['appUUID', 'createdAt', 'isBan', 'isRecord', 'limit', 'name', 'teamUUID', 'uuid'].sort(),
    );
    expect(room).toMatchObject({ name: 'Algebra 101', isRecord: true, isBan: false, limit: 5 });
    expect(room.uuid).toMatch(/^[0-9a-f]{32}$/);
    expect(new Date(room.createdAt).toISOString()).toBe(room.createdAt);
  });

  it('creates a room with defaults when there is no body', async () => {
    const { status, body } = await request(`${server.url}/v5/rooms`, {
      method: 'POST',
      headers: admin(),
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ name: '', isRecord: false, isBan: false, limit: 0 });
  });

  it('keeps a 2,048-character name of any script intact', async () => {
    const name = '白板🧑‍🏫é'.repeat(256).slice(0, 2048);
    const uuid = await createRoom(server, { name });
    const { body } = await request(`${server.url}/v5/rooms/${uuid}`, { headers: admin() });
    expect((body as RoomBody).name).toBe(name);
  });

  it("gets a room with 200 by sdkToken and by that room's reader token", async () => {
    const uuid = await createRoom(server, { name: 'get me' });

    const bySdk = await request(`${server.url}/v5/rooms/${uuid}`, { headers: admin() });
    const byRoom = await request(`${server.url}/v5/rooms/${uuid}`, {
      headers: { token: server.roomToken(uuid, 'reader') },
    });

    expect(bySdk.status).toBe(200);
    expect(bySdk.body).toMatchObject({ uuid, name: 'get me' });
    expect(byRoom.status).toBe(200);
    expect(byRoom.body).toEqual(bySdk.body);
  });

  it('lists rooms in creation order, from beginUUID, up to limit', async () => {
    const uuids: string[] = [];
    for (let i = 0; i < 4; i++) uuids.push(await createRoom(server, { name: `list ${i}` }));

    const all = await request(`${server.url}/v5/rooms?limit=1000`, { headers: admin() });
    expect(all.status).toBe(200);
    const listed = (all.body as RoomBody[]).map((room) => room.uuid);
    expect(listed.slice(-4)).toEqual(uuids);

    const page = await request(`${server.url}/v5/rooms?beginUUID=${uuids[1]}&limit=2`, {
      headers: admin(),
    });
    expect((page.body as RoomBody[]).map((room) => room.uuid)).toEqual(uuids.slice(1, 3));
  });

  it('bans and un-bans a room with PATCH, answering 201 and the room', async () => {
    const uuid = await createRoom(server);

    const banned = await request(`${server.url}/v5/rooms/${uuid}`, {
      method: 'PATCH',
      headers: admin(),
      body: { isBan: true },
    });
    expect(banned.status).toBe(201);
    expect(banned.body).toMatchObject({ uuid, isBan: true });

    const byAdminRoomToken = await request(`${server.url}/v5/rooms/${uuid}`, {
      method: 'PATCH',
      headers: { token: server.roomToken(uuid, 'admin') },
      body: { isBan: false },
    });
    expect(byAdminRoomToken.status).toBe(201);
    expect(byAdminRoomToken.body).toMatchObject({ uuid, isBan: false });
  });

  it('mints an sdkToken from the key pair as a bare JSON string with 201', async () => {
    const response = await fetch(`${server.url}/v5/tokens/teams`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        accessKey: ACCESS_KEY,
        secretAccessKey: SECRET_ACCESS_KEY,
        lifespan: 60_000,
        role: 'writer',
      }),
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const token = (await response.json()) as string;
    expect(typeof token).toBe('string');
    const claims = parseToken(token)?.claims;
    expect(claims).toMatchObject({ kind: 'sdk', role: 'writer', accessKey: ACCESS_KEY });
    expect(claims?.expireAt).toBeGreaterThan(Date.now());

    const usable = await request(`${server.url}/v5/rooms`, {
      method: 'POST',
      headers: { token },
      body: {},
    });
    expect(usable.status).toBe(201);
  });

  it('mints a room token for a room as a bare JSON string with 201', async () => {
    const uuid = await createRoom(server);
    const response = await fetch(`${server.url}/v5/tokens/rooms/${uuid}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin() },
      body: JSON.stringify({ lifespan: 0, role: 'reader' }),
    });

    expect(response.status).toBe(201);
    const token = (await response.json()) as string;
    expect(parseToken(token)?.claims).toMatchObject({ kind: 'room', role: 'reader', uuid });
    expect(parseToken(token)?.claims.expireAt).toBeUndefined();
  });

  it('mints a task token as a bare JSON string with 201', async () => {
    const taskUuid = '2fa00900000000000000000000000001';
    const response = await fetch(`${server.url}/v5/tokens/tasks/${taskUuid}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin() },
      body: JSON.stringify({ lifespan: 1000, role: 'writer' }),
    });

    expect(response.status).toBe(201);
    const token = (await response.json()) as string;
    expect(parseToken(token)?.claims).toMatchObject({
      kind: 'task',
      role: 'writer',
      uuid: taskUuid,
    });
  });

  it('shows a room created through the legacy API, and the other way round', async () => {
    const legacy = await request(`${server.url}/room`, {
      method: 'POST',
      headers: admin(),
      body: { name: 'made legacy', limit: 3, mode: 'historied' },
    });
    const legacyUuid = (legacy.body as { msg: { room: { uuid: string } } }).msg.room.uuid;
    const seenCurrent = await request(`${server.url}/v5/rooms/${legacyUuid}`, { headers: admin() });
    expect(seenCurrent.body).toMatchObject({ name: 'made legacy', limit: 3, isRecord: true });

    const currentUuid = await createRoom(server, { name: 'made current', isRecord: false });
    const seenLegacy = await request(`${server.url}/room/id?uuid=${currentUuid}`, {
      headers: admin(),
    });
    expect(seenLegacy.body).toMatchObject({
      code: 200,
      msg: { room: { uuid: currentUuid, name: 'made current', mode: 'persistent' } },
    });
  });

  it('tags every answer with a request id', async () => {
    const { headers } = await request(`${server.url}/healthz`);
    expect(headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
