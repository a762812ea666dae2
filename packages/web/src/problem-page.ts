import { h } from './dom.js';

/**
 * A page-sized card for when a page cannot show what was asked: a title, a sentence saying why,
 * any actions that could help, and the way back to the start page.
 */
export function problemPage(
  title: string,
  message: string,
  options: { testId?: string; actions?: HTMLElement[] } = {},
): HTMLElement {
  const messageAttributes = options.testId ? { 'data-testid': options.testId } : {};
  return h(
    'main',
    { class: 'center-page' },
    h(
      'div',
      { class: 'card' },
      h('h1', {}, title),
      h('p', messageAttributes, message),
      h(
        'div',
        { class: 'card-actions' },
        ...(options.actions ?? []),
        h('a', { class: 'button', href: '/' }, 'Go to the start page'),
      ),
    ),
  );
}
