import type { PlayerPhase } from '@whiteroom/sdk';
import { describe, expect, it } from 'vitest';
import { MediaSync, type SyncedMedia, type SyncedPlayer } from '../src/replay/media-sync.js';
import { PlayerTransport, SeekQueue } from '../src/replay/transport.js';

/**
 * A media element as far as the sync sees it. Like the DOM's, its events are queued, not
 * dispatched on the spot: `flush()` delivers them, so that a test decides when they arrive.
 */
class FakeMedia implements SyncedMedia {
  paused = true;
  playbackRate = 1;
  duration = Number.NaN;
  refusePlay = false;
  private time = 0;
  private readonly queue: string[] = [];
  private readonly listeners = new Map<string, Set<() => void>>();

  get currentTime(): number {
    return this.time;
  }

  set currentTime(seconds: number) {
    this.time = seconds;
    this.queue.push('seeking', 'seeked');
  }

  play(): Promise<void> {
    if (this.refusePlay) return Promise.reject(new Error('play() needs a click first'));
    if (this.paused) {
      this.paused = false;
      this.queue.push('play', 'playing');
    }
    return Promise.resolve();
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.queue.push('pause');
  }

  /** Time passes: a playing media moves on at its rate. */
  advance(seconds: number): void {
    if (!this.paused) this.time += seconds * this.playbackRate;
  }

  emit(type: string): void {
    this.queue.push(type);
  }

  flush(): void {
    while (this.queue.length > 0) {
      const type = this.queue.shift() as string;
      for (const listener of [...(this.listeners.get(type) ?? [])]) listener();
    }
  }

  addEventListener(type: string, listener: () => void): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  get listenerCount(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }
}

/** A player that records what it is asked; seeks stay under way until `finishSeek()`. */
class FakePlayer implements SyncedPlayer {
  phase: PlayerPhase = 'pause';
  playbackSpeed = 1;
  progressTime = 0;
  timeDuration = 60_000;
  clock: (() => number) | undefined;
  readonly calls: string[] = [];
  readonly seeks: number[] = [];
  private pendingSeeks: (() => void)[] = [];

  play(): void {
    this.calls.push('play');
    this.phase = 'playing';
  }

  pause(): void {
    this.calls.push('pause');
    this.phase = 'pause';
  }

  seekToProgressTime(progressTime: number): Promise<void> {
    this.seeks.push(progressTime);
    return new Promise((resolve) => this.pendingSeeks.push(resolve));
  }

  async finishSeek(): Promise<void> {
    this.pendingSeeks.shift()?.();
    // Lets the queue's `finally` run.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }

  setClockSource(source: (() => number) | undefined): void {
    this.clock = source;
  }
}

function setUp(): { media: FakeMedia; player: FakePlayer; sync: MediaSync; errors: unknown[] } {
  const media = new FakeMedia();
  const player = new FakePlayer();
  const errors: unknown[] = [];
  const sync = new MediaSync(media, player, { report: (error) => errors.push(error) });
  return { media, player, sync, errors };
}

/** The player's phase changes, and the page tells the sync, as it does on `phaseChanged`. */
function phase(player: FakePlayer, sync: MediaSync, next: PlayerPhase): void {
  player.phase = next;
  sync.playerPhaseChanged(next);
}

describe('MediaSync', () => {
  it("makes the media's position the player's clock, in milliseconds", () => {
    const { media, player } = setUp();
    expect(player.clock?.()).toBe(0);
    media.currentTime = 12.5;
    expect(player.clock?.()).toBe(12_500);
  });

  it('plays and pauses the player when the media plays and pauses', () => {
    const { media, player, sync } = setUp();
    void media.play();
    media.flush();
    expect(player.calls).toEqual(['play']);
    expect(sync.playing).toBe(true);

    media.pause();
    media.flush();
    expect(player.calls).toEqual(['play', 'pause']);
    expect(sync.playing).toBe(false);
  });

  it('pauses the media while the board buffers and resumes it when the board is back', () => {
    const { media, player, sync } = setUp();
    sync.play();
    media.flush();
    media.advance(2);

    phase(player, sync, 'buffering');
    expect(media.paused).toBe(true);
    expect(sync.holding).toBe(true);
    expect(sync.playing).toBe(true);
    media.flush();
    media.advance(3);
    expect(player.clock?.()).toBe(2_000);
    expect(player.calls).toEqual(['play']);

    phase(player, sync, 'playing');
    expect(media.paused).toBe(false);
    expect(sync.holding).toBe(false);
    media.flush();
    expect(player.phase).toBe('playing');
  });

  it('keeps the player playing when the pause made for buffering arrives after the board is back', () => {
    const { media, player, sync } = setUp();
    sync.play();
    media.flush();

    phase(player, sync, 'buffering');
    phase(player, sync, 'playing');
    media.flush();
    expect(media.paused).toBe(false);
    expect(player.calls).toEqual(['play', 'play']);
    expect(player.phase).toBe('playing');
  });

  it('resumes the media after a hold whose play event a second hold overtook', () => {
    const { media, player, sync } = setUp();
    sync.play();
    media.flush();

    // Two seeks in quick succession: hold, resume, hold again, before any event arrives.
    phase(player, sync, 'buffering');
    phase(player, sync, 'playing');
    phase(player, sync, 'buffering');
    media.flush();
    phase(player, sync, 'playing');
    media.flush();
    expect(media.paused).toBe(false);
    expect(player.phase).toBe('playing');
    expect(sync.holding).toBe(false);
  });

  it('holds the media while the board loads the state at a seek', () => {
    const { media, player, sync } = setUp();
    sync.play();
    media.flush();
    phase(player, sync, 'waitingFirstFrame');
    expect(media.paused).toBe(true);
    phase(player, sync, 'playing');
    expect(media.paused).toBe(false);
  });

  it('stays paused when paused while the board buffers', () => {
    const { media, player, sync } = setUp();
    sync.play();
    media.flush();
    phase(player, sync, 'buffering');
    media.flush();

    sync.pause();
    expect(player.calls).toEqual(['play', 'pause']);
    expect(sync.playing).toBe(false);
    phase(player, sync, 'pause');
    media.flush();
    expect(media.paused).toBe(true);
  });

  it('does not let the media start while the board is buffering', () => {
    const { media, player, sync } = setUp();
    player.play = () => {
      player.calls.push('play');
      player.phase = 'buffering';
    };
    void media.play();
    media.flush();
    expect(media.paused).toBe(true);
    expect(sync.holding).toBe(true);
    media.flush();
    expect(player.calls).toEqual(['play']);

    phase(player, sync, 'playing');
    expect(media.paused).toBe(false);
  });

  it('pauses the media when the player stops for good', () => {
    const { media, player, sync } = setUp();
    sync.play();
    media.flush();
    phase(player, sync, 'stop');
    expect(media.paused).toBe(true);
    expect(sync.playing).toBe(false);
  });

  it('passes a seek of the media to the player once', () => {
    const { media, player } = setUp();
    media.currentTime = 30;
    media.flush();
    expect(player.seeks).toEqual([30_000]);
  });

  it('runs one seek at a time and then only the latest', async () => {
    const { media, player } = setUp();
    for (const seconds of [5, 6, 7, 8]) {
      media.currentTime = seconds;
      media.flush();
    }
    expect(player.seeks).toEqual([5_000]);
    await player.finishSeek();
    expect(player.seeks).toEqual([5_000, 8_000]);
    await player.finishSeek();
    expect(player.seeks).toEqual([5_000, 8_000]);
  });

  it('plays the player again when a seek left it paused while the media plays', async () => {
    const { media, player, sync } = setUp();
    sync.play();
    media.flush();
    // The board's recording ended before the media's.
    player.phase = 'ended';
    sync.seek(10_000);
    media.flush();
    player.phase = 'pause';
    await player.finishSeek();
    expect(player.calls).toEqual(['play', 'play']);
    expect(player.phase).toBe('playing');
  });

  it('gives the position and the length of the media, at least those of the board', () => {
    const { media, sync } = setUp();
    media.currentTime = 75;
    expect(sync.position).toBe(75_000);
    expect(sync.duration).toBe(60_000);
    media.duration = 90;
    expect(sync.duration).toBe(90_000);
  });

  it("passes the media's speed to the player, within what the player takes", () => {
    const { media, player, sync } = setUp();
    sync.setSpeed(2);
    expect(media.playbackRate).toBe(2);
    media.emit('ratechange');
    media.flush();
    expect(player.playbackSpeed).toBe(2);

    media.playbackRate = 8;
    media.emit('ratechange');
    media.flush();
    expect(player.playbackSpeed).toBe(4);
  });

  it("moves the media when the page's controls are used", () => {
    const { media, player, sync } = setUp();
    sync.seek(61_500);
    expect(media.currentTime).toBe(61.5);
    sync.play();
    expect(media.paused).toBe(false);
    sync.pause();
    expect(media.paused).toBe(true);
    media.flush();
    expect(player.seeks).toEqual([61_500]);
    // The play was over before its event came: the player is left paused, as the media is.
    expect(player.calls).toEqual(['pause']);
    expect(player.phase).toBe('pause');
  });

  it('says when the media waits for its own data', () => {
    const { media, sync } = setUp();
    const changes: boolean[] = [];
    const watched = new MediaSync(media, new FakePlayer(), {
      report: () => undefined,
      onChange: () => changes.push(watched.waiting),
    });
    sync.play();
    media.flush();
    media.emit('waiting');
    media.flush();
    expect(watched.waiting).toBe(true);
    media.emit('playing');
    media.flush();
    expect(watched.waiting).toBe(false);
    expect(changes).toContain(true);
  });

  it('reports a play the browser refused', async () => {
    const { media, sync, errors } = setUp();
    media.refusePlay = true;
    sync.play();
    await Promise.resolve();
    await Promise.resolve();
    expect(errors).toHaveLength(1);
  });

  it('gives the player its own clock back and stops listening when detached', () => {
    const { media, player, sync } = setUp();
    sync.detach();
    expect(player.clock).toBeUndefined();
    expect(media.listenerCount).toBe(0);
  });
});

describe('PlayerTransport', () => {
  it('acts on the player, with speeds kept within range', () => {
    const player = new FakePlayer();
    const transport = new PlayerTransport(player, () => undefined);
    transport.play();
    expect(transport.playing).toBe(true);
    transport.pause();
    expect(transport.playing).toBe(false);
    transport.setSpeed(0.25);
    expect(player.playbackSpeed).toBe(0.5);
    transport.seek(4_000);
    expect(player.seeks).toEqual([4_000]);
  });
});

describe('SeekQueue', () => {
  it('reports a failed seek and goes on with the next', async () => {
    const errors: unknown[] = [];
    const targets: number[] = [];
    const queue = new SeekQueue(
      async (target) => {
        targets.push(target);
        if (target === 1) throw new Error('the state could not be fetched');
      },
      (error) => errors.push(error),
    );
    queue.seek(1);
    queue.seek(2);
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(targets).toEqual([1, 2]);
    expect(errors).toHaveLength(1);
    expect(queue.busy).toBe(false);
  });
});

describe('SeekQueue busy state', () => {
  it('tells once when seeks begin and once when the last of them is done', async () => {
    const busyStates: boolean[] = [];
    const pending: (() => void)[] = [];
    const queue: SeekQueue = new SeekQueue(
      () => new Promise<void>((resolve) => pending.push(resolve)),
      () => undefined,
      () => busyStates.push(queue.busy),
    );
    queue.seek(1);
    queue.seek(2);
    queue.seek(3);
    expect(busyStates).toEqual([true]);

    pending.shift()?.();
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(busyStates).toEqual([true]);
    expect(queue.busy).toBe(true);

    pending.shift()?.();
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(busyStates).toEqual([true, false]);
  });
});
