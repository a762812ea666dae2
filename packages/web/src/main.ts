import './styles.css';
import { replaceChildren } from './dom.js';
import { homePage } from './home-page.js';
import { problemPage } from './problem-page.js';
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
  } else if (/^\/(room|replay)\//.test(path)) {
    notFound(
      root,
      'This link is broken',
      'A room’s link ends in its id: 32 characters, 0 to 9 and a to f. Check that the whole link was copied.',
    );
  } else {
    notFound(root, 'There is no page here', 'Check the link, or start from the beginning.');
  }
}

/** A page for an address the app has nothing at. */
function notFound(root: HTMLElement, title: string, explanation: string): void {
  replaceChildren(root, problemPage(title, explanation));
}

const root = document.getElementById('app');
if (root) route(root);
