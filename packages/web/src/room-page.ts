import { WhiteWebSdk, type Room } from '@whiteroom/sdk';
import { h, replaceChildren } from './dom.js';
import { cleanName, MAX_NAME_LENGTH, storeName, storedName, userId } from './identity.js';
import { kickMessage } from './messages.js';
import { problemPage } from './problem-page.js';
import { Whiteboard } from './whiteboard.js';

interface RoomLink {
  uuid: string;
  token: string;
  name: string | undefined;
}

function readLink(uuid: string): RoomLink | undefined {
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token');
  if (!token) return undefined;
  const name = cleanName(params.get('name') ?? '');
  return { uuid, token, name: name || undefined };
}

/** A page-sized card: the room could not be joined, or asks something first. */
function card(title: string, ...children: (HTMLElement | string)[]): HTMLElement {
  return h(
    'main',
    { class: 'center-page' },
    h('div', { class: 'card' }, h('h1', {}, title), ...children),
  );
}

function showProblem(root: HTMLElement, message: string, actions: HTMLElement[] = []): void {
  const page = problemPage('You are not in this room', message, { testId: 'room-error', actions });
  replaceChildren(root, page);
}

/** Asks for the name others will see, once; it is remembered in this browser. */
function askName(root: HTMLElement): Promise<string> {
  return new Promise((resolve) => {
    const input = h('input', {
      type: 'text',
      id: 'display-name',
      maxlength: MAX_NAME_LENGTH,
      autocomplete: 'nickname',
      required: true,
      'data-testid': 'name-input',
    });
    const form = h(
      'form',
      { class: 'stack', 'data-testid': 'name-form' },
      h('label', { for: 'display-name' }, 'Your name, as the others in the room will see it'),
      input,
      h(
        'button',
        { type: 'submit', class: 'button', 'data-testid': 'name-submit' },
        'Join the room',
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = cleanName(input.value);
      if (!name) return;
      storeName(name);
      resolve(name);
    });
    replaceChildren(root, card('Before you join', form));
    input.focus();
  });
}

/** `/room/{uuid}?token=...&name=...`: asks a name if needed, joins, and shows the board. */
export async function roomPage(root: HTMLElement, uuid: string): Promise<void> {
  document.title = 'Whiteroom';
  const link = readLink(uuid);
  if (!link) {
    showProblem(root, 'This link is not complete: it has no token. Ask for the full link.');
    return;
  }
  const name = link.name ?? storedName() ?? (await askName(root));
  await join(root, link, name, true);
}

async function join(
  root: HTMLElement,
  link: RoomLink,
  name: string,
  isWritable: boolean,
): Promise<void> {
  replaceChildren(
    root,
    h(
      'main',
      { class: 'center-page', 'data-testid': 'connecting' },
      h('p', { class: 'connecting', role: 'status' }, 'Connecting to the room…'),
    ),
  );

  // The room can end before the board is shown (a ban right after the welcome).
  const shown: { board?: Whiteboard; endedEarly?: string } = {};
  const end = (message: string): void => {
    if (shown.board) shown.board.end(message);
    else shown.endedEarly = message;
  };

  const sdk = new WhiteWebSdk({ serverUrl: window.location.origin });
  let room: Room;
  try {
    room = await sdk.joinRoom(
      { uuid: link.uuid, roomToken: link.token, uid: userId(), userPayload: { name }, isWritable },
      {
        onKickedWithReason: (reason) => end(kickMessage(reason)),
        onDisconnectWithError: (error) =>
          end(kickMessage((error as { reason?: string }).reason ?? '')),
      },
    );
  } catch (error) {
    const reason = (error as { reason?: unknown; code?: unknown } | null) ?? {};
    const key = typeof reason.reason === 'string' ? reason.reason : String(reason.code ?? '');
    const actions =
      key === 'roomFull' && isWritable
        ? [
            h(
              'button',
              {
                type: 'button',
                class: 'button secondary',
                'data-testid': 'join-as-viewer',
                onclick: () => void join(root, link, name, false),
              },
              'Watch without drawing',
            ),
          ]
        : [];
    showProblem(root, kickMessage(key), actions);
    return;
  }

  const board = new Whiteboard(room, link.token);
  shown.board = board;
  replaceChildren(root, board.element);
  board.start();
  if (shown.endedEarly) board.end(shown.endedEarly);
}
