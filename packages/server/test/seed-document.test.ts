import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

/**
 * The two requests of the hosted service's room-authentication page, exactly as written there,
 * with only the host changed.
 */
describe('the room-authentication document', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function createRoomAsDocumented(sdkToken: string, viaHeader: boolean) {
    const url = viaHeader ? `${server.url}/room` : `${server.url}/room?token=${sdkToken}`;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (viaHeader) headers.token = sdkToken;
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: '房间名称', limit: 100, mode: 'persistent' }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  async function joinRoomAsDocumented(sdkToken: string, uuid: string, viaHeader: boolean) {
    const url = viaHeader
      ? `${server.url}/room/join?uuid=${uuid}`
      : `${server.url}/room/join?token=${sdkToken}&uuid=${uuid}`;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (viaHeader) headers.token = sdkToken;
    const response = await fetch(url, { method: 'POST', headers });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  for (const viaHeader of [false, true]) {
    const how = viaHeader ? 'the token header' : 'the ?token= query';

    it(`creates a room and returns its room token with ${how}`, async () => {
      const { status, json } = await createRoomAsDocumented(server.sdkToken(), viaHeader);

      expect(status).toBe(200);
      expect(json.code).toBe(200);
      const msg = json.msg as { room: Record<string, unknown>; roomToken: string; code: number };
      expect(msg.code).toBe(201);
      expect(msg.room.uuid).toMatch(/^[0-9a-f]{32}$/);
      expect(msg.room).toMatchObject({ name: '房间名称', limit: 100, mode: 'persistent' });
      expect(msg.roomToken).toMatch(/^NETLESSROOM_/);
    });

    it(`gives a room token for an existing room with ${how}`, async () => {
      const created = await createRoomAsDocumented(server.sdkToken(), viaHeader);
      const uuid = (created.json.msg as { room: { uuid: string } }).room.uuid;

      const { status, json } = await joinRoomAsDocumented(server.sdkToken(), uuid, viaHeader);

      expect(status).toBe(200);
      expect(json.code).toBe(200);
      const msg = json.msg as { roomToken: string; room: { uuid: string } };
      expect(msg.roomToken).toMatch(/^NETLESSROOM_/);
      expect(msg.room.uuid).toBe(uuid);
    });
  }

  it('answers a join without uuid with code 112, "require uuid"', async () => {
    const response = await fetch(`${server.url}/room/join?token=${server.sdkToken()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(await response.json()).toEqual({ code: 112, msg: 'require uuid' });
    expect(response.status).toBe(400);
  });
});
