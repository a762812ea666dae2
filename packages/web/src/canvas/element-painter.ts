import type { Element } from '@whiteroom/protocol';
import { drawElement } from '@whiteroom/render';
import type { BoardStore } from '../board-store.js';
import type { ImageCache } from './image-cache.js';

/** Draws elements with the store's cached paths and measurer and the app's images. */
export class ElementPainter {
  constructor(
    private readonly store: BoardStore,
    readonly images: ImageCache,
  ) {}

  draw(ctx: CanvasRenderingContext2D, element: Element): void {
    drawElement(ctx, element, {
      images: this.images,
      measure: this.store.measure,
      paints: this.store.paints(element),
    });
  }
}
