import { expandBounds, intersects } from '@whiteroom/render';
import type { BoardStore } from '../board-store.js';
import type { Camera, CameraView } from '../camera.js';
import type { ElementPainter } from './element-painter.js';
import { context2d, setBoardTransform, sizeCanvas } from './surface.js';

/** A full redraw slower than this makes camera moves reuse the last picture until they stop. */
const FAST_PAN_BUDGET_MS = 8;
/** How long after the last camera move the page is drawn afresh at the new view. */
const SETTLE_MS = 120;

interface Drawn {
  revision: number;
  hidden: number;
  view: CameraView;
  width: number;
  height: number;
  pixelRatio: number;
}

/**
 * The board's content: every element of the page that is in view, drawn only when the board, the
 * hidden set or the camera changed. When a full drawing is slow (a page of thousands of strokes),
 * camera moves show the last picture moved and scaled, and the page is drawn afresh once the
 * camera stops.
 */
export class ContentLayer {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly snapshot = document.createElement('canvas');
  private drawn: Drawn | undefined;
  private forced = true;
  private lastDrawMs = 0;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private pixelRatio = 1;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly store: BoardStore,
    private readonly camera: Camera,
    private readonly painter: ElementPainter,
    private readonly request: () => void,
  ) {
    this.ctx = context2d(canvas);
  }

  resize(width: number, height: number, pixelRatio: number): void {
    this.pixelRatio = pixelRatio;
    sizeCanvas(this.canvas, width, height, pixelRatio);
    sizeCanvas(this.snapshot, width, height, pixelRatio);
    this.invalidate();
  }

  /** Draws afresh at the next frame (an image arrived, the size changed). */
  invalidate(): void {
    this.forced = true;
    this.request();
  }

  /** Milliseconds the last full drawing took. */
  get lastDrawDuration(): number {
    return this.lastDrawMs;
  }

  frame(): boolean {
    const drawn = this.drawn;
    const contentSame =
      !this.forced &&
      drawn !== undefined &&
      drawn.revision === this.store.boardRevision &&
      drawn.hidden === this.store.hiddenVersion &&
      drawn.width === this.camera.width &&
      drawn.height === this.camera.height &&
      drawn.pixelRatio === this.pixelRatio;
    const viewSame =
      drawn !== undefined &&
      drawn.view.centerX === this.camera.centerX &&
      drawn.view.centerY === this.camera.centerY &&
      drawn.view.scale === this.camera.scale;
    if (contentSame && viewSame) return false;

    if (contentSame && drawn && this.lastDrawMs > FAST_PAN_BUDGET_MS) {
      this.blitSnapshot(drawn.view);
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => this.invalidate(), SETTLE_MS);
      return false;
    }
    this.drawAll();
    return false;
  }

  private drawAll(): void {
    const started = performance.now();
    const { ctx, camera, store } = this;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    setBoardTransform(ctx, camera, this.pixelRatio);

    const view = expandBounds(camera.viewBounds(), 2 / camera.scale);
    for (const element of store.elements()) {
      if (store.isHidden(element.id) || !intersects(store.bounds(element), view)) continue;
      this.painter.draw(ctx, element);
    }

    this.forced = false;
    this.drawn = {
      revision: store.boardRevision,
      hidden: store.hiddenVersion,
      view: camera.view,
      width: camera.width,
      height: camera.height,
      pixelRatio: this.pixelRatio,
    };
    this.lastDrawMs = performance.now() - started;
    if (this.lastDrawMs > FAST_PAN_BUDGET_MS) {
      const copy = context2d(this.snapshot);
      copy.setTransform(1, 0, 0, 1, 0, 0);
      copy.clearRect(0, 0, this.snapshot.width, this.snapshot.height);
      copy.drawImage(this.canvas, 0, 0);
    }
  }

  /** The last full picture, moved and scaled from the view it was drawn at to the current one. */
  private blitSnapshot(from: CameraView): void {
    const { ctx, camera, pixelRatio } = this;
    const factor = camera.scale / from.scale;
    const halfWidth = camera.width / 2;
    const halfHeight = camera.height / 2;
    // screen' = factor * (screen - half) + (from.center - center) * scale + half
    const offsetX = (from.centerX - camera.centerX) * camera.scale + halfWidth - factor * halfWidth;
    const offsetY =
      (from.centerY - camera.centerY) * camera.scale + halfHeight - factor * halfHeight;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(factor, 0, 0, factor, offsetX * pixelRatio, offsetY * pixelRatio);
    ctx.drawImage(this.snapshot, 0, 0);
  }
}
