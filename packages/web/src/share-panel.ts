import { copyField } from './copy-field.js';
import { h, icon } from './dom.js';
import { ICONS } from './icons.js';
import { absoluteUrl, loadLinks } from './links.js';
import { popover } from './popover.js';

/** This page's address without the name the person gave (each person gives their own). */
function currentUrl(): string {
  const url = new URL(window.location.href);
  url.searchParams.delete('name');
  return url.toString();
}

/**
 * The links to give others: the writer's and the reader's when this room was created here,
 * otherwise the address of this page.
 */
export function sharePanel(uuid: string): HTMLElement {
  const links = loadLinks(uuid);
  const body = links
    ? [
        copyField('People with this link can draw', absoluteUrl(links.writerUrl), 'share-writer'),
        copyField(
          'People with this link can only watch',
          absoluteUrl(links.readerUrl),
          'share-reader',
        ),
      ]
    : [
        copyField('Link to this room', currentUrl(), 'share-current'),
        h('p', { class: 'hint' }, 'Whoever opens it can do what you can do here.'),
      ];
  const panel = h(
    'div',
    { id: 'share-panel', class: 'popover share-popover island', 'data-testid': 'share-panel' },
    h('h2', {}, 'Invite people'),
    ...body,
  );
  const button = h(
    'button',
    {
      type: 'button',
      class: 'button secondary',
      'aria-label': 'Share this room',
      title: 'Share this room',
      'data-testid': 'share-button',
    },
    icon(ICONS.link),
    h('span', { class: 'label' }, 'Share'),
  );
  popover(button, panel);
  return h('div', { class: 'popover-anchor' }, button, panel);
}
