import type { Bounds, Point } from '@whiteroom/render';

export interface CameraView {
  centerX: number;
  centerY: number;
  scale: number;
}

/** Who moved the camera: the person here, the presenter being followed, or a resize. */
export type CameraOrigin = 'user' | 'remote' | 'resize';

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 8;

const clampScale = (scale: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

/**
 * The view onto the board: the board point at the centre of the screen and the zoom. Screen
 * coordinates are CSS pixels from the top left of the board's canvas.
 */
export class Camera {
  centerX = 0;
  centerY = 0;
  scale = 1;
  width = 0;
  height = 0;
  private readonly listeners = new Set<(origin: CameraOrigin) => void>();

  get view(): CameraView {
    return { centerX: this.centerX, centerY: this.centerY, scale: this.scale };
  }

  boardToScreen(x: number, y: number): Point {
    return {
      x: (x - this.centerX) * this.scale + this.width / 2,
      y: (y - this.centerY) * this.scale + this.height / 2,
    };
  }

  screenToBoard(x: number, y: number): Point {
    return {
      x: (x - this.width / 2) / this.scale + this.centerX,
      y: (y - this.height / 2) / this.scale + this.centerY,
    };
  }

  /** The part of the board on screen. */
  viewBounds(): Bounds {
    const topLeft = this.screenToBoard(0, 0);
    const bottomRight = this.screenToBoard(this.width, this.height);
    return { minX: topLeft.x, minY: topLeft.y, maxX: bottomRight.x, maxY: bottomRight.y };
  }

  setSize(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.emit('resize');
  }

  set(view: Partial<CameraView>, origin: CameraOrigin): void {
    const next = {
      centerX: view.centerX ?? this.centerX,
      centerY: view.centerY ?? this.centerY,
      scale: clampScale(view.scale ?? this.scale),
    };
    if (
      next.centerX === this.centerX &&
      next.centerY === this.centerY &&
      next.scale === this.scale
    ) {
      return;
    }
    Object.assign(this, next);
    this.emit(origin);
  }

  /** Moves the view by a distance on screen, as dragging the board does. */
  panBy(dx: number, dy: number): void {
    this.set(
      { centerX: this.centerX - dx / this.scale, centerY: this.centerY - dy / this.scale },
      'user',
    );
  }

  /** Zooms by `factor` keeping the board point under the screen point where it is. */
  zoomAt(screenX: number, screenY: number, factor: number): void {
    const anchor = this.screenToBoard(screenX, screenY);
    const scale = clampScale(this.scale * factor);
    this.set(
      {
        scale,
        centerX: anchor.x - (screenX - this.width / 2) / scale,
        centerY: anchor.y - (screenY - this.height / 2) / scale,
      },
      'user',
    );
  }

  /** Shows a part of the board whole, at most at `maxScale`. */
  fit(bounds: Bounds, margin: number, maxScale = 1): void {
    const width = Math.max(1, bounds.maxX - bounds.minX);
    const height = Math.max(1, bounds.maxY - bounds.minY);
    const scale = Math.min(
      maxScale,
      (this.width - 2 * margin) / width,
      (this.height - 2 * margin) / height,
    );
    this.set(
      {
        centerX: (bounds.minX + bounds.maxX) / 2,
        centerY: (bounds.minY + bounds.maxY) / 2,
        scale: Math.max(MIN_SCALE, scale),
      },
      'user',
    );
  }

  onChange(listener: (origin: CameraOrigin) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(origin: CameraOrigin): void {
    for (const listener of [...this.listeners]) listener(origin);
  }
}
