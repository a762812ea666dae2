import type { Element } from '@whiteroom/protocol';
import type { Room } from '@whiteroom/sdk';
import type { Point } from '@whiteroom/render';
import type { Camera } from './camera.js';

/**
 * A test hook: `window.__whiteroom`, for browser tests to read the app's state (the room, the
 * current page's elements, the camera) and to turn board coordinates into the screen pixels to
 * click. Not an API for applications.
 */
export interface WhiteroomTestHook {
  room: Room;
  getElements(): Element[];
  camera: Camera;
  /** Board units to CSS pixels from the top left of the page (ready for `page.mouse`). */
  boardToScreen(x: number, y: number): Point;
}

declare global {
  interface Window {
    __whiteroom?: WhiteroomTestHook;
  }
}

export function exposeTestHook(room: Room, camera: Camera, surface: HTMLElement): void {
  window.__whiteroom = {
    room,
    camera,
    getElements: () => room.getElements(),
    boardToScreen: (x, y) => {
      const rect = surface.getBoundingClientRect();
      const screen = camera.boardToScreen(x, y);
      return { x: screen.x + rect.left, y: screen.y + rect.top };
    },
  };
}
