import type { BoardStore } from '../board-store.js';
import type { Camera } from '../camera.js';
import { h } from '../dom.js';
import { ContentLayer } from './content-layer.js';
import { ElementPainter } from './element-painter.js';
import type { FrameLoop } from './frame-loop.js';
import type { ImageCache } from './image-cache.js';
import { OverlayLayer } from './overlay-layer.js';

/** A board's element: the content canvas under the overlay canvas, both drawn by one loop. */
export interface BoardLayers {
  element: HTMLElement;
  overlayCanvas: HTMLCanvasElement;
  content: ContentLayer;
  overlay: OverlayLayer;
  /** Draws elements as the content layer does, for tools that draw on the overlay. */
  painter: ElementPainter;
}

export interface BoardLayerOptions {
  store: BoardStore;
  camera: Camera;
  images: ImageCache;
  loop: FrameLoop;
  /** How assistive technology is to take the board: `application` to draw on, `img` to look at. */
  role: 'application' | 'img';
  label: string;
}

/** The two canvases of a board (the live room's and a replay's), wired to one frame loop. */
export function createBoardLayers(options: BoardLayerOptions): BoardLayers {
  const { store, camera, images, loop } = options;
  const contentCanvas = h('canvas', {
    class: 'layer',
    'aria-hidden': 'true',
    'data-testid': 'content-canvas',
  });
  const overlayCanvas = h('canvas', {
    class: 'layer overlay',
    tabindex: '0',
    role: options.role,
    'aria-label': options.label,
    'data-testid': 'overlay-canvas',
  });
  const element = h(
    'div',
    { class: 'board', 'data-testid': 'board' },
    contentCanvas,
    overlayCanvas,
  );

  const painter = new ElementPainter(store, images);
  const content = new ContentLayer(contentCanvas, store, camera, painter, () => loop.request());
  const overlay = new OverlayLayer(overlayCanvas, camera, () => loop.request());
  loop.add(() => content.frame());
  loop.add((now) => overlay.frame(now));
  return { element, overlayCanvas, content, overlay, painter };
}
