import type { Logger } from '../logging.js';
import type { RoomRecord, Storage } from '../storage/storage.js';
import { CLOSE_CODES } from '@whiteroom/protocol';
import type { RealtimeLimits } from './limits.js';
import { RoomEngine } from './room-engine.js';

/**
 * The live rooms of this server. A room is loaded when its first member joins (or a REST call acts
 * on it) and unloaded, after a checkpoint, when nobody is left.
 */
export class RoomHub {
  private readonly engines = new Map<string, Promise<RoomEngine>>();
  private closed = false;

  constructor(
    private readonly storage: Storage,
    readonly limits: RealtimeLimits,
    private readonly logger: Logger,
  ) {}

  /** The live engine of a room, loading it if needed. */
  engineFor(room: RoomRecord): Promise<RoomEngine> {
    if (this.closed) return Promise.reject(new Error('the room server is shutting down'));
    let engine = this.engines.get(room.uuid);
    if (!engine) {
      engine = RoomEngine.load({
        roomId: room.id,
        roomUuid: room.uuid,
        isRecord: room.isRecord,
        memberLimit: room.limit,
        log: this.storage.roomLogs,
        limits: this.limits,
        logger: this.logger.child({ room: room.uuid }),
        onIdle: () => void this.unloadIfIdle(room.uuid),
        // The next join loads the room again from what was written.
        onFailed: () => {
          if (this.engines.get(room.uuid) === engine) this.engines.delete(room.uuid);
        },
      });
      this.engines.set(room.uuid, engine);
      engine.catch(() => this.engines.delete(room.uuid));
    }
    return engine;
  }

  /** Runs `action` on a room's engine, unloading the room afterwards if nobody is in it. */
  async withEngine<T>(room: RoomRecord, action: (engine: RoomEngine) => Promise<T>): Promise<T> {
    const engine = await this.engineFor(room);
    try {
      return await action(engine);
    } finally {
      if (engine.memberCount === 0) await this.unloadIfIdle(room.uuid);
    }
  }

  private async unloadIfIdle(uuid: string): Promise<void> {
    const pending = this.engines.get(uuid);
    if (!pending) return;
    const engine = await pending;
    if (engine.memberCount > 0) return;
    await engine.settle();
    await engine.checkpoint();
    if (engine.memberCount === 0 && this.engines.get(uuid) === pending) this.engines.delete(uuid);
  }

  /** A ban removes everyone at once; joins are refused while it lasts (checked on join). */
  roomBanned(uuid: string): void {
    void this.engines
      .get(uuid)
      ?.then((engine) => engine.closeAll(CLOSE_CODES.roomBanned, 'roomBan'));
  }

  get liveRooms(): number {
    return this.engines.size;
  }

  /** Writes every room and tells every client to come back later (1001). */
  async shutdown(): Promise<void> {
    this.closed = true;
    const engines = await Promise.allSettled(this.engines.values());
    for (const result of engines) {
      if (result.status === 'fulfilled') await result.value.shutdown();
    }
    this.engines.clear();
  }
}
