import type { Camera } from '../camera.js';

/** The dot grid's spacing in board units, doubled until the dots are far enough apart. */
const GRID = 24;

/** The dot grid is the board's CSS background, moved and scaled with the camera. */
export function paintGrid(surface: HTMLElement, camera: Camera): void {
  let spacing = GRID * camera.scale;
  while (spacing < 12) spacing *= 2;
  const origin = camera.boardToScreen(0, 0);
  surface.style.backgroundSize = `${spacing}px ${spacing}px`;
  surface.style.backgroundPosition = `${origin.x - spacing / 2}px ${origin.y - spacing / 2}px`;
}
