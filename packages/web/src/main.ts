import './styles.css';
import { h, replaceChildren } from './dom.js';
import { homePage } from './home-page.js';
import { replayPage } from './replay-page.js';
import { roomPage } from './room-page.js';

/** The app's pages: `/`, `/room/{uuid}` and `/replay/{uuid}`; the server answers all with this app. */
function route(root: HTMLElement): void {
  const path = window.location.pathname;
  const room = /^\/room\/([0-9a-f]{32})\/?$/.exec(path);
  const replay = /^\/replay\/([0-9a-f]{32})\/?$/.exec(path);
  if (path === '/' || path === '/index.html') {
    void homePage(root);
  } else if (room?.[1]) {
    void roomPage(root, room[1]);
  } else if (replay?.[1]) {
    void replayPage(root, replay[1]);
  } else {
    replaceChildren(
      root,
      h(
        'main',
        { class: 'center-page' },
        h(
          'div',
          { class: 'card' },
          h('h1', {}, 'There is no page here'),
          h('p', {}, 'Check the link, or start from the beginning.'),
          h('a', { class: 'button', href: '/' }, 'Go to the start page'),
        ),
      ),
    );
  }
}

const root = document.getElementById('app');
if (root) route(root);
