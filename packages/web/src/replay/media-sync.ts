import type { PlayerPhase } from '@whiteroom/sdk';
import { clampSpeed } from './time.js';
import { SeekQueue, type ControlledPlayer, type Transport } from './transport.js';

/** What of an `<audio>` or `<video>` element the sync uses (times in seconds, as the DOM has them). */
export interface SyncedMedia {
  currentTime: number;
  /** Seconds; NaN until known, Infinity for a stream. */
  readonly duration: number;
  readonly paused: boolean;
  playbackRate: number;
  play(): Promise<void>;
  pause(): void;
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export interface SyncedPlayer extends ControlledPlayer {
  /** The player follows `source()` (milliseconds) instead of its own clock; undefined ends that. */
  setClockSource(source: (() => number) | undefined): void;
}

export interface MediaSyncOptions {
  /** A failed seek or a refused `play()` (a browser that wants a click first). */
  report(error: unknown): void;
  /** Something the controls show changed: playing or not, the media waiting for data. */
  onChange?(): void;
}

/** The board is not ready for the media's position: the media must not run ahead of it. */
const isLoading = (phase: PlayerPhase): boolean =>
  phase === 'buffering' || phase === 'waitingFirstFrame';

/**
 * Keeps a replay in step with a recording of the class (an `<audio>` or `<video>`): the media is
 * the clock. The player reads its position from `media.currentTime`, so the two cannot drift;
 * playing, pausing, seeking and the speed of the media are passed on to the player, and while
 * the board waits for data the media is paused, then resumed once the board has caught up.
 *
 * The page's controls act on the media through this object, so that whatever moves the media
 * (the page's buttons, the keyboard's media keys, a script) moves the board the same way.
 */
export class MediaSync implements Transport {
  /** The media is paused by this object while the board loads, and resumes when it is ready. */
  private held = false;
  /** `pause` events still to come of pauses made here, which the player must not follow. */
  private ownPauses = 0;
  private mediaWaiting = false;
  /** The position of the last seek passed on, so that `seeked` after `seeking` is not a second. */
  private lastSeek: number | undefined;
  private readonly seeks: SeekQueue;
  private readonly listeners: [string, () => void][];

  constructor(
    private readonly media: SyncedMedia,
    private readonly player: SyncedPlayer,
    private readonly options: MediaSyncOptions,
  ) {
    this.seeks = new SeekQueue(
      (progressTime) => player.seekToProgressTime(progressTime).then(() => this.afterSeek()),
      (error) => options.report(error),
      () => this.changed(),
    );
    this.listeners = [
      ['play', () => this.onPlay()],
      ['pause', () => this.onPause()],
      ['seeking', () => this.onSeek(false)],
      ['seeked', () => this.onSeek(true)],
      ['ratechange', () => (player.playbackSpeed = clampSpeed(media.playbackRate))],
      ['waiting', () => this.setWaiting(true)],
      ['playing', () => this.setWaiting(false)],
    ];
    for (const [type, listener] of this.listeners) media.addEventListener(type, listener);

    player.setClockSource(() => media.currentTime * 1000);
    player.playbackSpeed = clampSpeed(media.playbackRate);
    if (media.currentTime > 0) this.onSeek(false);
    if (!media.paused) this.onPlay();
  }

  get playing(): boolean {
    return this.held || !this.media.paused;
  }

  /** The media itself is waiting for its data (its clock, and so the board, stands still). */
  get waiting(): boolean {
    return this.mediaWaiting;
  }

  /** Whether a seek passed on to the player is still loading. */
  get seeking(): boolean {
    return this.seeks.busy;
  }

  /** Whether the media is paused only until the board has caught up. */
  get holding(): boolean {
    return this.held;
  }

  /** The media's position: the replay's, also past the end of the board's recording. */
  get position(): number {
    return this.media.currentTime * 1000;
  }

  /** The longer of the board's recording and the media (once the media knows its length). */
  get duration(): number {
    const media = this.media.duration * 1000;
    return Number.isFinite(media)
      ? Math.max(this.player.timeDuration, media)
      : this.player.timeDuration;
  }

  play(): void {
    if (this.held) return;
    this.media.play().catch((error: unknown) => this.options.report(error));
  }

  pause(): void {
    if (this.held) {
      // Already paused, by this object: no `pause` event will come to pass it on.
      this.held = false;
      this.player.pause();
      this.changed();
      return;
    }
    this.media.pause();
  }

  seek(progressTime: number): void {
    this.media.currentTime = Math.max(0, progressTime) / 1000;
  }

  setSpeed(speed: number): void {
    this.media.playbackRate = clampSpeed(speed);
  }

  playerPhaseChanged(phase: PlayerPhase): void {
    if (phase === 'stop') {
      // The board stopped for good (an error): the media has nothing left to keep in step with.
      this.held = false;
      this.media.pause();
      this.changed();
      return;
    }
    if (isLoading(phase)) {
      if (!this.media.paused) {
        this.hold();
        this.changed();
      }
    } else if (this.held) {
      this.held = false;
      if (phase === 'playing') this.play();
      this.changed();
    }
  }

  detach(): void {
    for (const [type, listener] of this.listeners) this.media.removeEventListener(type, listener);
    this.player.setClockSource(undefined);
  }

  private onPlay(): void {
    // Events arrive late: a media paused again since (a hold for a second seek) has a `pause`
    // still to come, and this play no longer stands. Taken up, it would end the hold, and the
    // media would stay paused while the player plays on.
    if (this.media.paused) return;
    // Whatever started the media, it is no longer held; the board follows it.
    this.held = false;
    this.player.play();
    if (isLoading(this.player.phase) && !this.media.paused) this.hold();
    this.changed();
  }

  private onPause(): void {
    this.setWaiting(false);
    if (this.ownPauses > 0) {
      // A pause made here for the board to catch up: the player keeps wanting to play.
      this.ownPauses--;
    } else {
      this.held = false;
      this.player.pause();
    }
    this.changed();
  }

  /** Pauses the media until the board is ready; the media must be playing. */
  private hold(): void {
    this.held = true;
    this.ownPauses++;
    this.media.pause();
  }

  private onSeek(settled: boolean): void {
    const progressTime = this.media.currentTime * 1000;
    if (settled && progressTime === this.lastSeek) return;
    this.lastSeek = progressTime;
    this.seeks.seek(progressTime);
  }

  /**
   * A seek leaves a player that had ended paused at the new moment: if the media plays on (it may
   * be longer than the recording of the board), the player follows it again.
   */
  private afterSeek(): void {
    if (!this.media.paused && !this.held && this.player.phase === 'pause') this.player.play();
  }

  private setWaiting(waiting: boolean): void {
    if (this.mediaWaiting === waiting) return;
    this.mediaWaiting = waiting;
    this.changed();
  }

  private changed(): void {
    this.options.onChange?.();
  }
}
