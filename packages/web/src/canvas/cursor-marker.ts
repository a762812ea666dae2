import type { Point } from '@whiteroom/render';

const LABEL_FONT = '600 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

/**
 * Someone's cursor on the overlay: an arrow with its tip at `at` (CSS pixels) and their name in
 * a tag of their colour below it.
 */
export function drawCursor(
  ctx: CanvasRenderingContext2D,
  at: Point,
  color: string,
  label: string,
): void {
  drawPointer(ctx, at.x, at.y, color);

  ctx.font = LABEL_FONT;
  ctx.textBaseline = 'middle';
  const width = ctx.measureText(label).width + 12;
  const left = at.x + 12;
  const top = at.y + 16;
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.roundRect(left, top, width, 20, 6);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.fillText(label, left + 6, top + 10);
}

/** An arrow pointer with its tip at (x, y). */
function drawPointer(ctx: CanvasRenderingContext2D, x: number, y: number, color: string): void {
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x, y + 17);
  ctx.lineTo(x + 4.5, y + 12.5);
  ctx.lineTo(x + 11.5, y + 12.5);
  ctx.closePath();
  ctx.fillStyle = color;
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
}
