import type { Player } from '@whiteroom/sdk';
import { canvasMeasurer, containsBounds, unionBounds, type Bounds } from '@whiteroom/render';
import { BoardStore } from '../board-store.js';
import { Camera } from '../camera.js';
import { createBoardLayers } from '../canvas/board-layers.js';
import type { ContentLayer } from '../canvas/content-layer.js';
import { FrameLoop } from '../canvas/frame-loop.js';
import { paintGrid } from '../canvas/grid.js';
import { ImageCache } from '../canvas/image-cache.js';
import type { OverlayLayer } from '../canvas/overlay-layer.js';
import { ReplayCursors } from './cursors.js';

/** Zoom per pixel of wheel movement, as on the room's board. */
const WHEEL_ZOOM = 0.0015;
const FIT_MARGIN = 64;

/**
 * The board of a replay: the room page's two canvases, read-only. The camera fits the page's
 * content, and follows it as it grows and when the page changes, until the viewer pans or zooms
 * (drag, wheel, the zoom buttons); "show the whole page" fits it again and follows once more.
 */
export class ReplayBoard {
  readonly element: HTMLElement;
  readonly camera = new Camera();
  readonly store: BoardStore;
  readonly cursors: ReplayCursors;
  private readonly loop = new FrameLoop();
  private readonly content: ContentLayer;
  private readonly overlay: OverlayLayer;
  private readonly overlayCanvas: HTMLCanvasElement;
  private readonly images = new ImageCache();
  /** The camera follows the content until the viewer moves it. */
  private following = true;
  private fitting = false;
  private panning: { pointerId: number; x: number; y: number } | undefined;

  constructor(private readonly player: Player) {
    const measureCanvas = document.createElement('canvas').getContext('2d');
    if (!measureCanvas) throw new Error('this browser gave no 2D canvas');
    this.store = new BoardStore(player, canvasMeasurer(measureCanvas));

    const layers = createBoardLayers({
      store: this.store,
      camera: this.camera,
      images: this.images,
      loop: this.loop,
      role: 'img',
      label: 'The board as it was at this moment of the recording',
    });
    this.element = layers.element;
    this.overlayCanvas = layers.overlayCanvas;
    this.content = layers.content;
    this.overlay = layers.overlay;
    this.cursors = new ReplayCursors(player, () => this.overlay.invalidate());
    this.overlay.add(this.cursors);

    this.wire();
  }

  /** Called once the element is in the document: sizes the canvases and fits the page. */
  start(): void {
    new ResizeObserver(() => this.resize()).observe(this.element);
    this.resize();
    this.fit();
  }

  /** Fits the page's content and follows it again. */
  fit(): void {
    this.following = true;
    const bounds = this.contentBounds();
    this.fitting = true;
    if (bounds) this.camera.fit(bounds, FIT_MARGIN);
    else this.camera.set({ centerX: 0, centerY: 0, scale: 1 }, 'user');
    this.fitting = false;
  }

  private wire(): void {
    const { player, camera } = this;
    player.on('boardChanged', () => {
      this.loop.request();
      this.follow();
    });
    player.on('stateChanged', (modified) => {
      if (modified.sceneState) {
        this.loop.request();
        if (this.following) this.fit();
      }
    });
    this.store.onChange(() => this.loop.request());
    this.images.onLoad(() => this.content.invalidate());
    camera.onChange((origin) => {
      if (origin === 'user' && !this.fitting) this.following = false;
      this.loop.request();
      this.overlay.invalidate();
      paintGrid(this.element, camera);
    });

    const surface = this.overlayCanvas;
    surface.addEventListener('pointerdown', (event) => {
      if (event.button !== 0 && event.button !== 1) return;
      event.preventDefault();
      surface.focus({ preventScroll: true });
      surface.setPointerCapture(event.pointerId);
      this.panning = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
      surface.style.cursor = 'grabbing';
    });
    surface.addEventListener('pointermove', (event) => {
      if (this.panning?.pointerId !== event.pointerId) return;
      camera.panBy(event.clientX - this.panning.x, event.clientY - this.panning.y);
      this.panning = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
    });
    const release = (event: PointerEvent): void => {
      if (this.panning?.pointerId !== event.pointerId) return;
      this.panning = undefined;
      surface.style.cursor = 'grab';
    };
    surface.addEventListener('pointerup', release);
    surface.addEventListener('pointercancel', release);
    surface.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    surface.style.cursor = 'grab';
  }

  /** The content grew out of view: fit it again, while following. */
  private follow(): void {
    if (!this.following || this.camera.width === 0) return;
    const bounds = this.contentBounds();
    if (!bounds) return;
    const view = this.camera.viewBounds();
    const margin = FIT_MARGIN / this.camera.scale / 2;
    const inner: Bounds = {
      minX: view.minX + margin,
      minY: view.minY + margin,
      maxX: view.maxX - margin,
      maxY: view.maxY - margin,
    };
    if (!containsBounds(inner, bounds)) this.fit();
  }

  private contentBounds(): Bounds | undefined {
    const elements = this.store.elements();
    if (elements.length === 0) return undefined;
    return unionBounds(elements.map((element) => this.store.bounds(element)));
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault();
    const rect = this.overlayCanvas.getBoundingClientRect();
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? rect.height : 1;
    if (event.shiftKey && !event.ctrlKey) {
      this.camera.panBy(-event.deltaY * unit, -event.deltaX * unit);
      return;
    }
    const factor = Math.exp(-event.deltaY * unit * WHEEL_ZOOM * (event.ctrlKey ? 4 : 1));
    this.camera.zoomAt(event.clientX - rect.left, event.clientY - rect.top, factor);
  }

  private resize(): void {
    const rect = this.element.getBoundingClientRect();
    const pixelRatio = window.devicePixelRatio || 1;
    this.camera.setSize(rect.width, rect.height);
    this.content.resize(rect.width, rect.height, pixelRatio);
    this.overlay.resize(rect.width, rect.height, pixelRatio);
    paintGrid(this.element, this.camera);
    if (this.following) this.fit();
  }
}
