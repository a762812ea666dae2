/**
 * Many rooms of idle members: what each open connection costs the server in memory. Members join
 * and then say nothing, as most members of a class do most of the time.
 */
import { randomBytes } from 'node:crypto';
import { joinRoom, type BenchClient } from './client.js';
import { settleLimited } from './limited.js';
import type { HeapProbe, MemoryFigures } from './heap-probe.js';

/** Lets the server finish what the joins started (flushes, timers) before its memory is read. */
const SETTLE_MS = 1_000;

export interface IdleRoomsOptions {
  url: string;
  token: string;
  /** Reads the server's memory. */
  probe: HeapProbe;
  roomUuids: readonly string[];
  clientsPerRoom: number;
  joinConcurrency: number;
}

export interface IdleFigures {
  connections: number;
  failedJoins: number;
  /** The first reason a join failed, if one did. */
  firstFailure?: string;
  joinSeconds: number;
  /** The server's memory before anyone joined and once everyone had, both after a full GC. */
  before: MemoryFigures;
  after: MemoryFigures;
  /** Connections the server closed after they had joined. */
  dropped: number;
}

export async function runIdleRooms(options: IdleRoomsOptions): Promise<IdleFigures> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const before = await options.probe.measure();

  const run = randomBytes(4).toString('hex');
  const members = options.roomUuids.flatMap((roomUuid, room) =>
    Array.from({ length: options.clientsPerRoom }, (_, i) => ({
      roomUuid,
      clientId: `idle-${run}-${room}-${i}`,
    })),
  );
  let dropped = 0;
  const started = performance.now();
  const joined = await settleLimited(members, options.joinConcurrency, (member) =>
    joinRoom({
      url: options.url,
      roomUuid: member.roomUuid,
      token: options.token,
      uid: member.clientId,
      clientId: member.clientId,
      isWritable: true,
      onDropped: () => (dropped += 1),
    }),
  );
  const joinSeconds = (performance.now() - started) / 1000;
  const clients: BenchClient[] = [];
  let firstFailure: string | undefined;
  for (const result of joined) {
    if (result.status === 'fulfilled') clients.push(result.value);
    else firstFailure ??= String(result.reason);
  }

  try {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return {
      connections: clients.length,
      failedJoins: members.length - clients.length,
      ...(firstFailure === undefined ? {} : { firstFailure }),
      joinSeconds,
      before,
      after: await options.probe.measure(),
      dropped,
    };
  } finally {
    for (const client of clients) client.terminate();
  }
}
