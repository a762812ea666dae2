import type { Camera } from '../camera.js';

/** Gives a canvas a backing store of `width` by `height` CSS pixels at the device's pixel ratio. */
export function sizeCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  pixelRatio: number,
): void {
  const pixelWidth = Math.max(1, Math.round(width * pixelRatio));
  const pixelHeight = Math.max(1, Math.round(height * pixelRatio));
  if (canvas.width !== pixelWidth) canvas.width = pixelWidth;
  if (canvas.height !== pixelHeight) canvas.height = pixelHeight;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
}

/** Sets a context to draw in board units, as the camera shows them, on a high-DPI backing store. */
export function setBoardTransform(
  ctx: CanvasRenderingContext2D,
  camera: Camera,
  pixelRatio: number,
): void {
  const scale = camera.scale * pixelRatio;
  ctx.setTransform(
    scale,
    0,
    0,
    scale,
    pixelRatio * (camera.width / 2 - camera.centerX * camera.scale),
    pixelRatio * (camera.height / 2 - camera.centerY * camera.scale),
  );
}

/** Sets a context to draw in CSS pixels on a high-DPI backing store. */
export function setScreenTransform(ctx: CanvasRenderingContext2D, pixelRatio: number): void {
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
}

export function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser gave no 2D canvas');
  return ctx;
}
