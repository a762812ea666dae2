import type { RoomPhase } from '@whiteroom/sdk';
import { h, replaceChildren } from './dom.js';

export const RECONNECTING_MESSAGE =
  'Connection lost — reconnecting. What you draw now is kept and sent when the connection is back.';
export const READ_ONLY_MESSAGE = 'You are viewing this board. You cannot draw here.';

/**
 * The room's state in words: a banner while the connection is being made again, a note for those
 * who may only look, and a card over the board when the room has ended for this person.
 */
export class StatusBanner {
  readonly element: HTMLElement;
  private readonly connection: HTMLElement;
  private readonly readOnly: HTMLElement;
  readonly ended: HTMLElement;

  constructor() {
    this.connection = h('div', {
      class: 'banner warning',
      role: 'status',
      'data-testid': 'banner-connection',
      hidden: true,
    });
    this.readOnly = h(
      'div',
      { class: 'banner info', role: 'note', 'data-testid': 'banner-read-only', hidden: true },
      READ_ONLY_MESSAGE,
    );
    this.ended = h('div', { class: 'ended', 'data-testid': 'banner-ended', hidden: true });
    this.element = h(
      'div',
      { class: 'banners', 'aria-live': 'polite' },
      this.connection,
      this.readOnly,
    );
  }

  /** Adds a line of status under the others (whom this member follows). */
  addStatus(element: HTMLElement): void {
    this.element.append(element);
  }

  setPhase(phase: RoomPhase): void {
    const text =
      phase === 'reconnecting'
        ? RECONNECTING_MESSAGE
        : phase === 'connecting'
          ? 'Connecting to the room…'
          : undefined;
    this.connection.hidden = text === undefined;
    this.connection.dataset.phase = phase;
    this.connection.textContent = text ?? '';
  }

  setReadOnly(readOnly: boolean): void {
    this.readOnly.hidden = !readOnly;
  }

  /** The room is over for this person: the reason, and what they can do now. */
  showEnded(message: string, actions: HTMLElement[] = []): void {
    this.connection.hidden = true;
    this.readOnly.hidden = true;
    replaceChildren(
      this.ended,
      h(
        'div',
        { class: 'ended-card', role: 'alert' },
        h('h1', {}, 'You are not in this room'),
        h('p', { 'data-testid': 'ended-message' }, message),
        h(
          'div',
          { class: 'ended-actions' },
          ...actions,
          h('a', { href: '/', class: 'button' }, 'Go to the start page'),
        ),
      ),
    );
    this.ended.hidden = false;
  }
}
