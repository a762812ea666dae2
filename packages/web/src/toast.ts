import { h } from './dom.js';

const SHOW_MS = 4_500;

/** Short messages at the bottom of the screen, read out by screen readers. */
export class Toasts {
  readonly element = h('div', {
    class: 'toasts',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': 'toasts',
  });
  private last: { text: string; at: number } | undefined;

  show(text: string): void {
    // The same sentence twice in a row (every point of a refused stroke) is said once.
    const now = Date.now();
    if (this.last?.text === text && now - this.last.at < SHOW_MS) return;
    this.last = { text, at: now };
    const toast = h('div', { class: 'toast', 'data-testid': 'toast' }, text);
    this.element.append(toast);
    setTimeout(() => toast.remove(), SHOW_MS);
  }
}
