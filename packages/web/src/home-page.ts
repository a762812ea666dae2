import { createRoom, fetchAppConfig, type CreatedRoom } from './api.js';
import { copyField } from './copy-field.js';
import { h, replaceChildren } from './dom.js';
import { absoluteUrl, saveLinks } from './links.js';

const DISABLED_MESSAGE =
  "On this server, rooms are created by the application's own server, with its sdkToken. " +
  'The API documentation explains how.';

function disabledNotice(): HTMLElement {
  return h(
    'div',
    { class: 'notice', 'data-testid': 'app-rooms-disabled' },
    h('p', {}, DISABLED_MESSAGE),
    h('a', { class: 'button secondary', href: '/docs' }, 'Open the API documentation'),
  );
}

function createdView(room: CreatedRoom): HTMLElement {
  return h(
    'section',
    { class: 'created', 'data-testid': 'room-created', 'aria-labelledby': 'created-title' },
    h('h2', { id: 'created-title' }, room.name ? `“${room.name}” is ready` : 'Your room is ready'),
    copyField('Link for people who draw', absoluteUrl(room.writerUrl), 'writer-link'),
    copyField('Link for people who only watch', absoluteUrl(room.readerUrl), 'reader-link'),
    h(
      'p',
      { class: 'hint' },
      'Anyone with a link can join; keep the drawing link for the people you trust with the board.',
    ),
    h(
      'a',
      { class: 'button', href: room.writerUrl, 'data-testid': 'open-writer' },
      'Open as writer',
    ),
  );
}

function createForm(output: HTMLElement, onDisabled: () => void): HTMLFormElement {
  const name = h('input', {
    type: 'text',
    id: 'room-name',
    maxlength: 128,
    placeholder: 'Algebra 101',
    'data-testid': 'room-name',
  });
  const persistent = h('input', {
    type: 'radio',
    name: 'kind',
    value: 'persistent',
    checked: true,
    'data-testid': 'room-persistent',
  });
  const historied = h('input', {
    type: 'radio',
    name: 'kind',
    value: 'historied',
    'data-testid': 'room-historied',
  });
  const limit = h('input', {
    type: 'number',
    id: 'room-limit',
    min: 0,
    max: 10000,
    step: 1,
    value: 0,
    'data-testid': 'room-limit',
  });
  const submit = h(
    'button',
    { type: 'submit', class: 'button', 'data-testid': 'create-room' },
    'Create a room',
  );
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'create-error' });

  const form = h(
    'form',
    { class: 'stack', 'data-testid': 'create-form' },
    h('label', { for: 'room-name' }, 'Name (optional)'),
    name,
    h(
      'fieldset',
      {},
      h('legend', {}, 'Kind of room'),
      h(
        'label',
        { class: 'choice' },
        persistent,
        h('span', {}, h('strong', {}, 'Persistent'), ' keeps the board as it is'),
      ),
      h(
        'label',
        { class: 'choice' },
        historied,
        h('span', {}, h('strong', {}, 'Historied'), ' also keeps every change, for replay'),
      ),
    ),
    h('label', { for: 'room-limit' }, 'How many people may draw at once (0: no limit)'),
    limit,
    submit,
    error,
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.textContent = '';
    const max = Number(limit.value);
    if (!Number.isInteger(max) || max < 0) {
      error.textContent = 'The number of people must be a whole number, 0 or more.';
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Creating…';
    void createRoom({
      ...(name.value.trim() && { name: name.value.trim() }),
      isRecord: historied.checked,
      limit: max,
    }).then((result) => {
      submit.disabled = false;
      submit.textContent = 'Create a room';
      if (!result.ok) {
        if (result.status === 404) onDisabled();
        else error.textContent = result.message;
        return;
      }
      saveLinks(result.value.uuid, result.value);
      replaceChildren(output, createdView(result.value));
      output.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
      output
        .querySelector<HTMLElement>('[data-testid=open-writer]')
        ?.focus({ preventScroll: true });
    });
  });
  return form;
}

/** `/`: create a room and get its links, when the server lets the web app create rooms. */
export async function homePage(root: HTMLElement): Promise<void> {
  document.title = 'Whiteroom';
  const body = h(
    'div',
    { class: 'home-body' },
    h('p', { class: 'muted', role: 'status' }, 'Loading…'),
  );
  replaceChildren(
    root,
    h(
      'main',
      { class: 'home' },
      h(
        'header',
        { class: 'home-header' },
        h('h1', {}, 'Whiteroom'),
        h(
          'p',
          { class: 'lead' },
          'A shared whiteboard: draw, write and point together, in real time.',
        ),
      ),
      body,
      h('footer', { class: 'home-footer' }, h('a', { href: '/docs' }, 'API documentation')),
    ),
  );

  const config = await fetchAppConfig();
  if (!config.ok) {
    replaceChildren(body, h('p', { class: 'error', role: 'alert' }, config.message));
    return;
  }
  if (!config.value.appRooms) {
    replaceChildren(body, disabledNotice());
    return;
  }
  const output = h('div', { class: 'output' });
  const showDisabled = (): void => replaceChildren(body, disabledNotice());
  replaceChildren(
    body,
    h(
      'section',
      { class: 'card', 'aria-label': 'New room' },
      h('h2', {}, 'New room'),
      createForm(output, showDisabled),
    ),
    output,
  );
}
