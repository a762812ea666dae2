import { randomUUID } from 'node:crypto';
import type { LegacyRoom, Room } from '@whiteroom/protocol';
import type { RoomRecord } from './storage/storage.js';

/** Room uuids are 32 lower-case hex characters, like the hosted service's. */
export function newRoomUuid(): string {
  return randomUUID().replace(/-/g, '');
}

/** A room as the current API shows it. */
export function presentRoom(room: RoomRecord): Room {
  return {
    uuid: room.uuid,
    teamUUID: room.teamUUID,
    appUUID: room.appUUID,
    name: room.name,
    isRecord: room.isRecord,
    isBan: room.isBan,
    limit: room.limit,
    createdAt: room.createdAt,
  };
}

/**
 * A room as the legacy API shows it. `teamId` is the number of the room's app, `adminId` the number
 * of the key pair that created it. `template` and `hare` existed on the hosted service with no
 * documented meaning; they are sent empty so that clients reading them find a string.
 */
export function presentLegacyRoom(room: RoomRecord): LegacyRoom {
  return {
    id: room.id,
    uuid: room.uuid,
    name: room.name,
    limit: room.limit,
    mode: room.isRecord ? 'historied' : 'persistent',
    teamId: room.appId,
    adminId: room.createdByKeyId,
    region: room.region,
    template: '',
    isBan: room.isBan,
    hare: '{}',
    createdAt: room.createdAt,
    updatedAt: room.updatedAt,
  };
}
