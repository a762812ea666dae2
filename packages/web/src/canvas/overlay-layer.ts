import type { Camera } from '../camera.js';
import { context2d, setBoardTransform, setScreenTransform, sizeCanvas } from './surface.js';

/** What a painter of the overlay gets for one frame. */
export interface OverlayFrame {
  ctx: CanvasRenderingContext2D;
  camera: Camera;
  now: number;
  /** Switches the context to board units (it starts in CSS pixels). */
  toBoard(): void;
  toScreen(): void;
}

/** Draws something live on the overlay. */
export interface OverlayPainter {
  paint(frame: OverlayFrame): void;
  /** True while it animates (a fading trail) and needs the next frame drawn too. */
  isAnimating?(): boolean;
}

/**
 * The live layer above the board: cursors, the selection, laser trails, the stroke being drawn.
 * Redrawn at the next frame when something asked, and on every frame while a painter animates.
 */
export class OverlayLayer {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly painters = new Set<OverlayPainter>();
  private dirty = true;
  private animating = false;
  private pixelRatio = 1;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly camera: Camera,
    private readonly request: () => void,
  ) {
    this.ctx = context2d(canvas);
  }

  resize(width: number, height: number, pixelRatio: number): void {
    this.pixelRatio = pixelRatio;
    sizeCanvas(this.canvas, width, height, pixelRatio);
    this.invalidate();
  }

  add(painter: OverlayPainter): () => void {
    this.painters.add(painter);
    this.invalidate();
    return () => {
      this.painters.delete(painter);
      this.invalidate();
    };
  }

  invalidate(): void {
    this.dirty = true;
    this.request();
  }

  frame(now: number): boolean {
    if (!this.dirty && !this.animating) return false;
    const { ctx, camera, pixelRatio } = this;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    const frame: OverlayFrame = {
      ctx,
      camera,
      now,
      toBoard: () => setBoardTransform(ctx, camera, pixelRatio),
      toScreen: () => setScreenTransform(ctx, pixelRatio),
    };
    let animating = false;
    for (const painter of this.painters) {
      ctx.save();
      setScreenTransform(ctx, pixelRatio);
      painter.paint(frame);
      animating = painter.isAnimating?.() === true || animating;
      ctx.restore();
    }
    this.dirty = false;
    this.animating = animating;
    return animating;
  }
}
