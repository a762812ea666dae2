import { CLOSE_CODES, PROTOCOL_VERSION, type ConnectMessage } from '@whiteroom/protocol';
import { authenticate, requireRoomAccess, type Caller } from '../auth.js';
import { ApiError } from '../http/api-error.js';
import type { RoomRecord, Storage } from '../storage/storage.js';

export type Admission =
  { ok: true; caller: Caller; room: RoomRecord } | { ok: false; code: number; reason: string };

const TOKEN_REFUSALS = new Set([
  'tokenMissing',
  'tokenInvalidFormat',
  'tokenExpired',
  'tokenInvalidSignature',
]);

/**
 * Decides whether a `connect` may join: the protocol version, then the token as the REST API
 * checks it (an expired token cannot join, though members already in stay), then the room and its
 * ban. The member limit is the room engine's to check.
 */
export async function admit(storage: Storage, connect: ConnectMessage): Promise<Admission> {
  if (connect.protocolVersion !== PROTOCOL_VERSION) {
    return {
      ok: false,
      code: CLOSE_CODES.unsupportedVersion,
      reason: `protocol version ${connect.protocolVersion} is not supported; this server speaks ${PROTOCOL_VERSION}`,
    };
  }

  let caller: Caller;
  try {
    caller = await authenticate(storage, connect.token);
    requireRoomAccess(caller, connect.roomUuid, 'reader');
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const code = TOKEN_REFUSALS.has(error.errorName) ? CLOSE_CODES.badToken : CLOSE_CODES.forbidden;
    return { ok: false, code, reason: error.message };
  }

  const room = await storage.rooms.find(caller.keyPair.appId, connect.roomUuid);
  if (!room) return { ok: false, code: CLOSE_CODES.roomNotFound, reason: 'room not found' };
  if (room.isBan) return { ok: false, code: CLOSE_CODES.roomBanned, reason: 'roomBan' };
  return { ok: true, caller, room };
}
