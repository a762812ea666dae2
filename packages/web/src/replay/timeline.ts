import { h } from '../dom.js';
import { formatClock, spokenDuration } from './time.js';

/** Arrow keys move this far, Page Up and Page Down ten times as far. */
const KEY_STEP_MS = 5_000;

/**
 * The replay's timeline: a range input from 0 to the length, in milliseconds. Dragging it seeks
 * as it goes (the transport runs one seek at a time, then the latest); while it is held, the
 * position reported by the player does not move it. Arrow keys step five seconds, Page Up and
 * Page Down fifty, Home and End go to the ends.
 */
export class Timeline {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private duration = 0;
  private held = false;

  constructor(private readonly seek: (progressTime: number) => void) {
    this.input = h('input', {
      type: 'range',
      class: 'timeline-input',
      min: 0,
      max: 0,
      step: 'any',
      value: 0,
      'aria-label': 'Position in the recording',
      'data-testid': 'replay-timeline',
    });
    this.input.addEventListener('input', () => this.seekTo(Number(this.input.value)));
    this.input.addEventListener('pointerdown', () => (this.held = true));
    for (const type of ['pointerup', 'pointercancel', 'change', 'blur']) {
      this.input.addEventListener(type, () => (this.held = false));
    }
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    this.element = h('div', { class: 'timeline' }, this.input);
  }

  /** Shows a position of a length, unless the viewer is dragging the timeline. */
  show(position: number, duration: number): void {
    if (duration !== this.duration) {
      this.duration = duration;
      this.input.max = String(duration);
    }
    if (!this.held) this.setValue(position);
  }

  private seekTo(progressTime: number): void {
    const target = Math.min(this.duration, Math.max(0, progressTime));
    this.setValue(target);
    this.seek(target);
  }

  private setValue(position: number): void {
    const clamped = Math.min(this.duration, Math.max(0, position));
    this.input.value = String(clamped);
    const share = this.duration > 0 ? (clamped / this.duration) * 100 : 0;
    this.input.style.setProperty('--played', `${share}%`);
    this.input.setAttribute(
      'aria-valuetext',
      `${spokenDuration(clamped)} of ${spokenDuration(this.duration)} (${formatClock(clamped)})`,
    );
  }

  private onKey(event: KeyboardEvent): void {
    const now = Number(this.input.value);
    const moves: Record<string, number> = {
      ArrowLeft: now - KEY_STEP_MS,
      ArrowDown: now - KEY_STEP_MS,
      ArrowRight: now + KEY_STEP_MS,
      ArrowUp: now + KEY_STEP_MS,
      PageDown: now - KEY_STEP_MS * 10,
      PageUp: now + KEY_STEP_MS * 10,
      Home: 0,
      End: this.duration,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    this.seekTo(target);
  }
}
