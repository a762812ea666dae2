import { h, icon } from './dom.js';
import { ICONS } from './icons.js';
import { popover } from './popover.js';

export interface BoardActions {
  undo(): void;
  redo(): void;
  clearPage(): void;
  exportPng(): void;
  exportSvg(): void;
}

function iconButton(
  label: string,
  shortcut: string | undefined,
  name: keyof typeof ICONS,
  testId: string,
  run: () => void,
): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'icon-button',
      'aria-label': label,
      title: shortcut ? `${label} (${shortcut})` : label,
      'data-testid': testId,
      onclick: run,
    },
    icon(ICONS[name]),
  );
}

/** Undo and redo, for the bottom left. Hidden from those who may only look. */
export function historyButtons(actions: BoardActions): HTMLElement {
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? 'Cmd' : 'Ctrl';
  return h(
    'div',
    { class: 'history island', role: 'group', 'aria-label': 'History', 'data-writer-only': true },
    iconButton('Undo', `${mod}+Z`, 'undo', 'action-undo', () => actions.undo()),
    iconButton('Redo', `${mod}+Shift+Z`, 'redo', 'action-redo', () => actions.redo()),
  );
}

/** Clearing the page and saving it as a picture; the image button is put in by the caller. */
export function pageActions(actions: BoardActions, imageButton: HTMLElement): HTMLElement {
  const exportPanel = h(
    'div',
    { id: 'export-panel', class: 'popover export-popover island', 'data-testid': 'export-panel' },
    h('h2', {}, 'Save this page'),
    h(
      'button',
      {
        type: 'button',
        class: 'button secondary',
        'data-testid': 'export-png',
        onclick: () => {
          closeExport();
          actions.exportPng();
        },
      },
      'As a PNG picture',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'button secondary',
        'data-testid': 'export-svg',
        onclick: () => {
          closeExport();
          actions.exportSvg();
        },
      },
      'As an SVG drawing',
    ),
  );
  const exportButton = iconButton(
    'Save this page as a picture',
    undefined,
    'download',
    'action-export',
    () => {},
  );
  const closeExport = popover(exportButton, exportPanel);

  const clear = iconButton('Clear this page', undefined, 'clear', 'action-clear', () =>
    actions.clearPage(),
  );
  clear.dataset.writerOnly = '';
  imageButton.dataset.writerOnly = '';
  return h(
    'div',
    { class: 'page-actions island', role: 'group', 'aria-label': 'Page' },
    imageButton,
    clear,
    h('div', { class: 'popover-anchor' }, exportButton, exportPanel),
  );
}
