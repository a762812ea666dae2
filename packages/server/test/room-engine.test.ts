import { describe, expect, it } from 'vitest';
import {
  CLOSE_CODES,
  PROTOCOL_VERSION,
  type BoardOp,
  type ConnectMessage,
} from '@whiteroom/protocol';
import { createLogger } from '../src/logging.js';
import { DEFAULT_REALTIME_LIMITS } from '../src/realtime/limits.js';
import { RoomEngine } from '../src/realtime/room-engine.js';
import type { Session, Transport } from '../src/realtime/session.js';
import type {
  CheckpointToSave,
  RoomCheckpoint,
  RoomLogStore,
  StoredChange,
} from '../src/storage/storage.js';
import { addRectangle } from './realtime-client.js';

/** A room log in memory whose writes complete only when the test says so. */
class ManualLog implements RoomLogStore {
  readonly changes: StoredChange[] = [];
  readonly checkpoints: { checkpoint: RoomCheckpoint; foldLog: boolean }[] = [];
  private readonly writes: { changes: readonly StoredChange[]; done: (error?: Error) => void }[] =
    [];
  autoComplete = false;

  append(_roomId: number, changes: readonly StoredChange[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        if (error) return reject(error);
        this.changes.push(...structuredClone(changes));
        resolve();
      };
      if (this.autoComplete) done();
      else this.writes.push({ changes, done });
    });
  }

  /** Completes every write waiting so far (or fails them). */
  complete(error?: Error): number {
    const writes = this.writes.splice(0);
    for (const write of writes) write.done(error);
    return writes.length;
  }

  async changesAfter(_roomId: number, afterSeq: number): Promise<StoredChange[]> {
    return this.changes.filter((change) => change.seq > afterSeq);
  }

  async latestCheckpoint(): Promise<RoomCheckpoint | undefined> {
    // As a database does, a fresh copy the caller may keep.
    return structuredClone(this.checkpoints.at(-1)?.checkpoint);
  }

  async saveCheckpoint(_roomId: number, saved: CheckpointToSave, foldLog: boolean) {
    const checkpoint = { seq: saved.seq, time: saved.time, state: JSON.parse(saved.stateJson) };
    this.checkpoints.push({ checkpoint, foldLog });
    if (foldLog)
      this.changes.splice(0, this.changes.findIndex((c) => c.seq > checkpoint.seq) >>> 0);
    return saved.stateJson.length;
  }

  // The replay side of the store is tested against SQLite (history.test.ts).
  async seqAt(): Promise<number> {
    return 0;
  }

  async timeOf(): Promise<undefined> {
    return undefined;
  }

  async structureKeyframeAtOrBefore(): Promise<undefined> {
    return undefined;
  }

  async pageKeyframeAtOrBefore(): Promise<undefined> {
    return undefined;
  }

  async scopedChanges(): Promise<[]> {
    return [];
  }

  async presenceBetween(): Promise<[]> {
    return [];
  }

  async membersAt(): Promise<[]> {
    return [];
  }

  async recordingBounds() {
    return { begin: undefined, end: undefined, firstSeq: 0, lastSeq: 0, lastMemberId: 0 };
  }
}

/** A transport that keeps what is sent, parsed. */
class MemoryTransport implements Transport {
  readonly sent: Record<string, unknown>[] = [];
  closed?: { code: number; reason: string };
  bufferedAmount = 0;
  send(text: string): void {
    this.sent.push(JSON.parse(text) as Record<string, unknown>);
  }
  close(code: number, reason: string): void {
    this.closed = { code, reason };
  }
  of(type: string) {
    return this.sent.filter((message) => message.type === type);
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function session(
  uid: string,
  options: Partial<Session> = {},
): Session & { transport: MemoryTransport } {
  return {
    transport: new MemoryTransport(),
    clientId: `client-${uid}`,
    uid,
    role: 'writer',
    payload: null,
    memberId: 0,
    memberState: {},
    isWritable: true,
    lastPresenceAt: 0,
    ...options,
  } as Session & { transport: MemoryTransport };
}

const connect = (lastSeq?: number): ConnectMessage => ({
  type: 'connect',
  protocolVersion: PROTOCOL_VERSION,
  roomUuid: 'a'.repeat(32),
  token: 'unused here',
  uid: 'unused',
  isWritable: true,
  clientId: 'unused-client',
  ...(lastSeq === undefined ? {} : { lastSeq }),
});

async function engineWith(
  log: RoomLogStore,
  options: { isRecord?: boolean; limit?: number; now?: () => number } = {},
) {
  return RoomEngine.load({
    roomId: 1,
    roomUuid: 'a'.repeat(32),
    isRecord: options.isRecord ?? false,
    memberLimit: options.limit ?? 0,
    log,
    limits: { ...DEFAULT_REALTIME_LIMITS, checkpointEvery: 5 },
    logger: createLogger('silent'),
    now: options.now ?? (() => 1_000),
  });
}

describe('the room engine', () => {
  it('sends a change to nobody until it is written, then to everyone with the server time', async () => {
    const log = new ManualLog();
    let clock = 5_000;
    const engine = await engineWith(log, { now: () => clock });
    const alice = session('alice');
    const bob = session('bob');
    log.autoComplete = true;
    await engine.join(alice, connect());
    await engine.join(bob, connect());
    log.autoComplete = false;

    clock = 7_000;
    engine.handle(alice, { type: 'change', clientSeq: 1, op: addRectangle('r1') as never });
    await tick();
    expect(bob.transport.of('change')).toHaveLength(0);
    expect(alice.transport.of('change')).toHaveLength(0);

    expect(log.complete()).toBe(1);
    await tick();
    expect(bob.transport.of('change')[0]).toMatchObject({
      change: { seq: 1, time: 7_000, uid: 'alice' },
    });
    expect(alice.transport.of('change')[0]).toMatchObject({ change: { clientSeq: 1 } });
  });

  it('writes the changes of one turn of the event loop in one batch', async () => {
    const log = new ManualLog();
    const engine = await engineWith(log, { isRecord: true });
    const alice = session('alice');
    log.autoComplete = true;
    await engine.join(alice, connect());
    log.autoComplete = false;

    for (let i = 1; i <= 10; i++) {
      engine.handle(alice, { type: 'change', clientSeq: i, op: addRectangle(`r${i}`) as never });
    }
    await tick();
    expect(log.complete()).toBe(1);
    await tick();
    expect(log.changes.map((change) => change.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('drops every member with going-away when a write fails, having sent nothing', async () => {
    const log = new ManualLog();
    const engine = await engineWith(log);
    const alice = session('alice');
    log.autoComplete = true;
    await engine.join(alice, connect());
    log.autoComplete = false;

    engine.handle(alice, { type: 'change', clientSeq: 1, op: addRectangle('r1') as never });
    await tick();
    log.complete(new Error('disk full'));
    await tick();
    await tick();
    expect(alice.transport.of('change')).toHaveLength(0);
    expect(alice.transport.closed?.code).toBe(CLOSE_CODES.goingAway);
  });

  it('rebuilds the board and the resend record from its checkpoint and the changes after it', async () => {
    const log = new ManualLog();
    log.autoComplete = true;
    const first = await engineWith(log);
    const alice = session('alice');
    await first.join(alice, connect());
    for (let i = 1; i <= 7; i++) {
      first.handle(alice, { type: 'change', clientSeq: i, op: addRectangle(`r${i}`) as never });
    }
    await first.settle();
    expect(log.checkpoints).toHaveLength(1);
    expect(log.checkpoints[0]?.foldLog).toBe(true);

    const second = await engineWith(log);
    expect(second.board.getElements().map((element) => element.id)).toEqual([
      'r1',
      'r2',
      'r3',
      'r4',
      'r5',
      'r6',
      'r7',
    ]);
    const back = session('alice');
    await second.join(back, connect());
    expect(back.transport.of('welcome')[0]).toMatchObject({ lastClientSeq: 7 });
    second.handle(back, { type: 'change', clientSeq: 6, op: addRectangle('r6') as never });
    // The ack names the client's latest applied change, which includes the one resent.
    expect(back.transport.of('ack')[0]).toEqual({ type: 'ack', clientSeq: 6, seq: 7 });
  });

  it('keeps the whole log of a historied room at checkpoints', async () => {
    const log = new ManualLog();
    log.autoComplete = true;
    const engine = await engineWith(log, { isRecord: true });
    const alice = session('alice');
    await engine.join(alice, connect());
    for (let i = 1; i <= 6; i++) {
      engine.handle(alice, { type: 'change', clientSeq: i, op: addRectangle(`r${i}`) as never });
    }
    await engine.settle();
    expect(log.checkpoints[0]?.foldLog).toBe(false);
    expect(log.changes).toHaveLength(6);
  });

  it('forwards presence at most once every 16 ms of its clock', async () => {
    const log = new ManualLog();
    log.autoComplete = true;
    let clock = 0;
    const engine = await engineWith(log, { now: () => clock });
    const alice = session('alice');
    const bob = session('bob');
    await engine.join(alice, connect());
    await engine.join(bob, connect());

    for (let step = 0; step < 10; step++) {
      clock = 100 + step * 5;
      engine.handle(alice, { type: 'presence', cursor: { x: step, y: 0 } });
    }
    expect(bob.transport.of('presence').map((m) => (m.cursor as { x: number }).x)).toEqual([
      0, 4, 8,
    ]);
  });

  it('sends a returning client only the changes it missed', async () => {
    const log = new ManualLog();
    log.autoComplete = true;
    const engine = await engineWith(log);
    const alice = session('alice');
    await engine.join(alice, connect());
    for (let i = 1; i <= 3; i++) {
      engine.handle(alice, { type: 'change', clientSeq: i, op: addRectangle(`r${i}`) as never });
    }
    await engine.settle();

    const bob = session('bob');
    await engine.join(bob, connect(1));
    const welcome = bob.transport.of('welcome')[0] as {
      snapshot?: unknown;
      changes: { seq: number }[];
    };
    expect(welcome.snapshot).toBeUndefined();
    expect(welcome.changes.map((change) => change.seq)).toEqual([2, 3]);
  });

  it('refuses a writer over the limit but seats an observer', async () => {
    const log = new ManualLog();
    log.autoComplete = true;
    const engine = await engineWith(log, { limit: 1 });
    expect(await engine.join(session('a'), connect())).toBeUndefined();
    expect(await engine.join(session('b'), connect())).toEqual({
      code: CLOSE_CODES.roomFull,
      reason: 'roomFull',
    });
    expect(await engine.join(session('c', { isWritable: false }), connect())).toBeUndefined();
  });
  it('checkpoints a large board only once the changes since add up to a quarter of it', async () => {
    const log = new ManualLog();
    log.autoComplete = true;
    const engine = await engineWith(log);
    const alice = session('alice');
    await engine.join(alice, connect());
    // Five changes make a checkpoint of a board made large by its global state.
    const big = 'x'.repeat(40_000);
    let clientSeq = 0;
    const change = (op: BoardOp) =>
      engine.handle(alice, { type: 'change', clientSeq: ++clientSeq, op });
    change({ type: 'setGlobalState', patch: { big } });
    for (let i = 0; i < 4; i += 1) change(addRectangle(`a${i}`) as BoardOp);
    await engine.settle();
    expect(log.checkpoints).toHaveLength(1);

    // Five small changes are far from a quarter of 40 KB: no checkpoint yet.
    for (let i = 0; i < 5; i += 1) change(addRectangle(`b${i}`) as BoardOp);
    await engine.settle();
    expect(log.checkpoints).toHaveLength(1);

    // Once the changes since add up to a quarter of it, the next one is written.
    change({ type: 'setGlobalState', patch: { more: 'y'.repeat(10_000) } });
    await engine.settle();
    expect(log.checkpoints).toHaveLength(2);
  });
});
