import type { Element } from '@whiteroom/protocol';
import type { Player, Room } from '@whiteroom/sdk';
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

/**
 * The replay page's test hook, at the same `window.__whiteroom`: the player in place of the room,
 * and the media element when the link names one. Tests read it through a cast to this type.
 */
export interface ReplayTestHook {
  player: Player;
  getElements(): Element[];
  camera: Camera;
  boardToScreen(x: number, y: number): Point;
  media: HTMLMediaElement | undefined;
  /** The recorded cursors drawn now, with the names on their tags, in board units. */
  cursors(): { name: string; x: number; y: number }[];
}

declare global {
  interface Window {
    __whiteroom?: WhiteroomTestHook;
  }
}

/** Board units to CSS pixels of the page, through the camera of a board on the page. */
function pagePoint(camera: Camera, surface: HTMLElement): (x: number, y: number) => Point {
  return (x, y) => {
    const rect = surface.getBoundingClientRect();
    const screen = camera.boardToScreen(x, y);
    return { x: screen.x + rect.left, y: screen.y + rect.top };
  };
}

export function exposeTestHook(room: Room, camera: Camera, surface: HTMLElement): void {
  window.__whiteroom = {
    room,
    camera,
    getElements: () => room.getElements(),
    boardToScreen: pagePoint(camera, surface),
  };
}

export function exposeReplayTestHook(
  player: Player,
  camera: Camera,
  surface: HTMLElement,
  media: HTMLMediaElement | undefined,
  cursors: () => { name: string; x: number; y: number }[],
): void {
  const hook: ReplayTestHook = {
    player,
    camera,
    media,
    cursors,
    getElements: () => player.getElements(),
    boardToScreen: pagePoint(camera, surface),
  };
  (window as { __whiteroom?: unknown }).__whiteroom = hook;
}
