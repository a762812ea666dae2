import { copyField } from './copy-field.js';
import { h, icon } from './dom.js';
import { ICONS } from './icons.js';
import { absoluteUrl, loadLinks } from './links.js';
import { popover } from './popover.js';
import { replayPath } from './replay/link.js';
import { isRecorded, tokenOf } from './replay/recorded.js';

/** This page's address without the name the person gave (each person gives their own). */
function currentUrl(): string {
  const url = new URL(window.location.href);
  url.searchParams.delete('name');
  return url.toString();
}

/**
 * The replay of a recorded room, added to the panel once the server says the room is recorded.
 * It carries the reader's token when this tab knows it, so that passing it on gives no more than
 * watching; otherwise this page's own.
 */
function addReplayLink(panel: HTMLElement, uuid: string, token: string): void {
  const links = loadLinks(uuid);
  const replayToken = (links && tokenOf(links.readerUrl)) ?? token;
  void isRecorded(uuid, token).then((recorded) => {
    if (!recorded) return;
    const path = replayPath(uuid, replayToken);
    panel.append(
      h(
        'div',
        { class: 'share-replay', 'data-testid': 'share-replay' },
        h('h2', {}, 'Replay'),
        h('p', { class: 'hint' }, 'This room is recorded: watch it again from the beginning.'),
        copyField('Link to the replay', absoluteUrl(path), 'share-replay'),
        h(
          'a',
          {
            class: 'button secondary',
            href: path,
            target: '_blank',
            rel: 'noopener',
            'data-testid': 'share-replay-open',
          },
          icon(ICONS.replay),
          'Replay this room',
        ),
      ),
    );
  });
}

/**
 * The links to give others: the writer's and the reader's when this room was created here,
 * otherwise the address of this page; and the replay's, when the room is recorded.
 */
export function sharePanel(uuid: string, token?: string): HTMLElement {
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
  if (token) addReplayLink(panel, uuid, token);
  popover(button, panel);
  return h('div', { class: 'popover-anchor' }, button, panel);
}
