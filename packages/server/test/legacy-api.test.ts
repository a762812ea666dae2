import { parseToken } from '@whiteroom/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, request, startTestServer, type TestServer } from './helpers.js';

interface LegacyRoomBody {
  id: number;
  uuid: string;
  name: string;
  limit: number;
  mode: string;
  isBan: boolean;
}

describe('the legacy API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const withToken = (path: string) =>
    `${server.url}${path}${path.includes('?') ? '&' : '?'}token=${server.sdkToken()}`;

  it('creates a room with the documented envelope and room fields', async () => {
    const { status, body } = await request(withToken('/room'), {
      method: 'POST',
      body: { name: 'legacy', limit: 0, mode: 'historied' },
    });

    expect(status).toBe(200);
    const envelope = body as {
      code: number;
      msg: { room: Record<string, unknown>; roomToken: string; code: number };
    };
    expect(envelope.code).toBe(200);
    expect(envelope.msg.code).toBe(201);
    for (const field of [
      'id',
      'uuid',
      'name',
      'limit',
      'mode',
      'teamId',
      'adminId',
      'region',
      'template',
      'createdAt',
      'updatedAt',
    ]) {
      expect(envelope.msg.room).toHaveProperty(field);
    }
    expect(envelope.msg.room.mode).toBe('historied');
    expect(typeof envelope.msg.room.id).toBe('number');
    expect(parseToken(envelope.msg.roomToken)?.claims).toMatchObject({
      kind: 'room',
      role: 'admin',
      uuid: envelope.msg.room.uuid,
    });
  });

  it('defaults mode to persistent and ignores fields it does not know', async () => {
    const { body } = await request(withToken('/room'), {
      method: 'POST',
      body: { name: 'defaults', limit: 2, somethingOld: true },
    });
    expect((body as { msg: { room: LegacyRoomBody } }).msg.room).toMatchObject({
      mode: 'persistent',
      limit: 2,
    });
  });

  it('gives a room token through the GET /room/{uuid}/roomtoken alias', async () => {
    const uuid = await createRoom(server);
    const { status, body } = await request(withToken(`/room/${uuid}/roomtoken`));
    expect(status).toBe(200);
    const msg = (body as { code: number; msg: { roomToken: string } }).msg;
    expect(parseToken(msg.roomToken)?.claims.uuid).toBe(uuid);
  });

  it('lists rooms with an offset counted from 1', async () => {
    const uuids: string[] = [];
    for (let i = 0; i < 3; i++) uuids.push(await createRoom(server, { name: `page ${i}` }));
    const everything = await request(withToken('/room?limit=1000'));
    const all = (everything.body as { code: number; msg: LegacyRoomBody[] }).msg;
    const position = all.findIndex((room) => room.uuid === uuids[0]) + 1;

    const { status, body } = await request(withToken(`/room?offset=${position + 1}&limit=2`));
    expect(status).toBe(200);
    expect((body as { msg: LegacyRoomBody[] }).msg.map((room) => room.uuid)).toEqual(
      uuids.slice(1, 3),
    );
  });

  it('gets one room by ?uuid=', async () => {
    const uuid = await createRoom(server, { name: 'one' });
    const { status, body } = await request(withToken(`/room/id?uuid=${uuid}`));
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: 200, msg: { room: { uuid, name: 'one' } } });
  });

  it('bans and un-bans a room with POST /banRoom', async () => {
    const uuid = await createRoom(server);
    const banned = await request(withToken('/banRoom'), {
      method: 'POST',
      body: { ban: true, uuid },
    });
    expect(banned.body).toMatchObject({ code: 200, msg: { room: { uuid, isBan: true } } });

    const current = await request(`${server.url}/v5/rooms/${uuid}`, {
      headers: { token: server.sdkToken() },
    });
    expect(current.body).toMatchObject({ isBan: true });

    const unbanned = await request(withToken('/banRoom'), {
      method: 'POST',
      body: { ban: false, uuid },
    });
    expect(unbanned.body).toMatchObject({ code: 200, msg: { room: { isBan: false } } });
  });

  it('answers errors in the { code, msg } envelope', async () => {
    const { status, body } = await request(`${server.url}/room/id?uuid=${'0'.repeat(32)}`, {
      headers: { token: server.sdkToken() },
    });
    expect(status).toBe(404);
    expect(body).toEqual({ code: 301, msg: 'room not found' });
  });
});
