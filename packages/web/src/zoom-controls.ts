import { unionBounds } from '@whiteroom/render';
import type { BoardStore } from './board-store.js';
import type { Camera } from './camera.js';
import { h, icon } from './dom.js';
import { ICONS } from './icons.js';

const STEP = 1.25;

/**
 * Zoom out, the zoom level (click: back to 100 %), zoom in, and fit the page; `fitPage` replaces
 * the fitting of the store's elements (the replay's board also follows the page once fitted).
 */
export function zoomControls(camera: Camera, store: BoardStore, fitPage?: () => void): HTMLElement {
  const centre = (factor: number): void =>
    camera.zoomAt(camera.width / 2, camera.height / 2, factor);
  const level = h('button', {
    type: 'button',
    class: 'zoom-level',
    title: 'Back to 100 %',
    'aria-label': 'Zoom level; back to 100 %',
    'data-testid': 'zoom-level',
    onclick: () => camera.set({ scale: 1 }, 'user'),
  });
  const show = (): void => {
    level.textContent = `${Math.round(camera.scale * 100)} %`;
  };
  camera.onChange(show);
  show();

  const fit = (): void => {
    const bounds = unionBounds(store.elements().map((element) => store.bounds(element)));
    if (bounds) camera.fit(bounds, 48);
    else camera.set({ centerX: 0, centerY: 0, scale: 1 }, 'user');
  };
  const button = (label: string, name: keyof typeof ICONS, testId: string, run: () => void) =>
    h(
      'button',
      {
        type: 'button',
        class: 'icon-button',
        'aria-label': label,
        title: label,
        'data-testid': testId,
        onclick: run,
      },
      icon(ICONS[name]),
    );
  return h(
    'div',
    { class: 'zoom-controls island', role: 'group', 'aria-label': 'Zoom' },
    button('Zoom out', 'minus', 'zoom-out', () => centre(1 / STEP)),
    level,
    button('Zoom in', 'plus', 'zoom-in', () => centre(STEP)),
    button('Show the whole page', 'fit', 'zoom-fit', fitPage ?? fit),
  );
}
