import type { BoardSnapshot } from '@whiteroom/board';

interface Entry {
  board: BoardSnapshot;
  size: number;
}

/**
 * The boards of recently used keyframes, decoded, so that seeking back and forth in a recording
 * reads and parses each keyframe once. Bounded by the stored size of what it holds; the least
 * recently used go first. Entries are never changed: a Board built from one copies it.
 */
export class KeyframeCache {
  private readonly entries = new Map<string, Entry>();
  private size = 0;

  constructor(private readonly maxSize: number) {}

  get(roomId: number, seq: number): BoardSnapshot | undefined {
    const key = `${roomId}:${seq}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // A Map iterates in insertion order: re-inserting marks the entry as the newest.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.board;
  }

  /** Keeps a board; `size` is its stored length, a stand-in for the memory it takes. */
  set(roomId: number, seq: number, board: BoardSnapshot, size: number): void {
    if (size > this.maxSize) return;
    const key = `${roomId}:${seq}`;
    const old = this.entries.get(key);
    if (old) {
      this.size -= old.size;
      this.entries.delete(key);
    }
    this.entries.set(key, { board, size });
    this.size += size;
    for (const [oldest, entry] of this.entries) {
      if (this.size <= this.maxSize) break;
      this.entries.delete(oldest);
      this.size -= entry.size;
    }
  }
}
