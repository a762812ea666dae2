import type { PlayerPhase } from '@whiteroom/sdk';
import { h } from '../dom.js';

/**
 * What the replay is doing, in words, when it is anything but playing or paused. `slowSeek`: a
 * seek has been loading long enough that the viewer should be told.
 */
export function phaseMessage(
  phase: PlayerPhase,
  mediaWaiting: boolean,
  slowSeek = false,
): string | undefined {
  switch (phase) {
    case 'waitingFirstFrame':
      return 'Loading the recording…';
    case 'buffering':
      return 'Loading more of the recording… Playback goes on by itself in a moment.';
    case 'ended':
      return 'This is the end of the recording. Play to watch it again from the beginning.';
    case 'stop':
      return undefined;
    case 'playing':
    case 'pause':
      if (slowSeek) return 'Loading this moment of the recording…';
      return mediaWaiting ? 'Loading the sound or video… The board waits for it.' : undefined;
  }
}

/**
 * The replay's banners: its phase as a sentence (`data-phase` says which phase, for tests), and
 * a problem that stopped it or its media.
 */
export class ReplayStatus {
  readonly element: HTMLElement;
  private readonly phase: HTMLElement;
  private readonly problem: HTMLElement;
  private readonly note: HTMLElement;

  constructor() {
    this.phase = h('div', {
      class: 'banner info',
      role: 'status',
      'data-testid': 'replay-phase',
      hidden: true,
    });
    this.note = h('div', {
      class: 'banner warning',
      role: 'status',
      'data-testid': 'replay-note',
      hidden: true,
    });
    this.problem = h('div', {
      class: 'banner warning',
      role: 'alert',
      'data-testid': 'replay-error',
      hidden: true,
    });
    this.element = h(
      'div',
      { class: 'banners', 'aria-live': 'polite' },
      this.phase,
      this.note,
      this.problem,
    );
  }

  setPhase(phase: PlayerPhase, mediaWaiting: boolean, slowSeek: boolean): void {
    const text = phaseMessage(phase, mediaWaiting, slowSeek);
    this.phase.dataset.phase = phase;
    this.phase.hidden = text === undefined;
    this.phase.textContent = text ?? '';
  }

  /** Something the viewer should know but that does not stop the replay. */
  showNote(message: string | undefined): void {
    this.note.hidden = message === undefined;
    this.note.textContent = message ?? '';
  }

  /** The replay stopped for good. */
  showProblem(message: string): void {
    this.problem.hidden = false;
    this.problem.textContent = message;
  }
}
