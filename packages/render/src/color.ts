import type { Color } from '@whiteroom/protocol';

/** `[r, g, b]` as a CSS and SVG colour. */
export function cssColor([r, g, b]: Color): string {
  return `rgb(${r}, ${g}, ${b})`;
}
