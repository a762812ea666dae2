import type { PlayerPhase } from '@whiteroom/sdk';
import { clampSpeed } from './time.js';

/** What of a replay player the controls drive; the SDK's `Player` has all of it. */
export interface ControlledPlayer {
  readonly phase: PlayerPhase;
  play(): void;
  pause(): void;
  seekToProgressTime(progressTime: number): Promise<unknown>;
  playbackSpeed: number;
  readonly progressTime: number;
  readonly timeDuration: number;
}

/**
 * What the page's controls act on: the player itself, or the media element that drives it
 * (`MediaSync`). Positions are milliseconds from the start of the replay.
 */
export interface Transport {
  /** Whether playback is wanted now (it may be waiting for data). */
  readonly playing: boolean;
  /** Where playback is, in milliseconds from the start. */
  readonly position: number;
  /** How long there is to play, in milliseconds. */
  readonly duration: number;
  play(): void;
  pause(): void;
  seek(progressTime: number): void;
  /** Whether a seek asked for is still loading. */
  readonly seeking: boolean;
  setSpeed(speed: number): void;
  /** Tells the transport the player's phase changed. */
  playerPhaseChanged(phase: PlayerPhase): void;
  /** Stops listening; the player goes back to its own clock. */
  detach(): void;
}

/**
 * Runs one seek at a time: a seek asked for while one is under way replaces any other waiting,
 * and runs when that one is done. Dragging the timeline asks for dozens of seeks a second; only
 * the first and the last are fetched.
 */
export class SeekQueue {
  private running = false;
  private waiting: number | undefined;

  constructor(
    private readonly run: (progressTime: number) => Promise<unknown>,
    private readonly report: (error: unknown) => void,
    /** Called when `busy` turns true or false. */
    private readonly onBusyChange: () => void = () => undefined,
  ) {}

  /** Whether a seek is under way or waiting. */
  get busy(): boolean {
    return this.running;
  }

  seek(progressTime: number): void {
    if (this.running) {
      this.waiting = progressTime;
      return;
    }
    this.start(progressTime);
  }

  private start(progressTime: number): void {
    if (!this.running) {
      this.running = true;
      this.onBusyChange();
    }
    let done: Promise<unknown>;
    try {
      done = this.run(progressTime);
    } catch (error) {
      done = Promise.reject(error);
    }
    done
      .catch((error: unknown) => this.report(error))
      .finally(() => {
        const next = this.waiting;
        this.waiting = undefined;
        if (next !== undefined) {
          this.start(next);
          return;
        }
        this.running = false;
        this.onBusyChange();
      });
  }
}

/** The controls act on the player directly: a replay without media. */
export class PlayerTransport implements Transport {
  private readonly seeks: SeekQueue;

  constructor(
    private readonly player: ControlledPlayer,
    report: (error: unknown) => void,
    onChange?: () => void,
  ) {
    this.seeks = new SeekQueue(
      (progressTime) => player.seekToProgressTime(progressTime),
      report,
      onChange,
    );
  }

  get seeking(): boolean {
    return this.seeks.busy;
  }

  get playing(): boolean {
    const { phase } = this.player;
    return phase === 'playing' || phase === 'buffering';
  }

  get position(): number {
    return this.player.progressTime;
  }

  get duration(): number {
    return this.player.timeDuration;
  }

  play(): void {
    this.player.play();
  }

  pause(): void {
    this.player.pause();
  }

  seek(progressTime: number): void {
    this.seeks.seek(progressTime);
  }

  setSpeed(speed: number): void {
    this.player.playbackSpeed = clampSpeed(speed);
  }

  playerPhaseChanged(): void {
    // The player's own phase is all there is to follow.
  }

  detach(): void {
    // Nothing was attached.
  }
}
