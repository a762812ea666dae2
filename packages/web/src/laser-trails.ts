import type { Point } from '@whiteroom/render';
import type { OverlayFrame, OverlayPainter } from './canvas/overlay-layer.js';

/** How long a point of a laser trail takes to fade away. */
const FADE_MS = 900;
const LASER_COLOR = '255, 59, 48';

interface TrailPoint extends Point {
  time: number;
}

interface Trail {
  points: TrailPoint[];
  active: boolean;
}

/**
 * Laser pointers, this member's and the others': a bright dot where the pointer is, with a trail
 * that fades. Never stored: the room only relays where each laser is.
 */
export class LaserTrails implements OverlayPainter {
  private readonly trails = new Map<string, Trail>();
  private animating = false;

  /** A laser moved to `point` (board units), or was put away with null. */
  add(key: string, point: Point | null, time = performance.now()): void {
    let trail = this.trails.get(key);
    if (!trail) {
      trail = { points: [], active: false };
      this.trails.set(key, trail);
    }
    trail.active = point !== null;
    if (point) trail.points.push({ x: point.x, y: point.y, time });
  }

  /** Removes every trail (the page changed). */
  clear(): void {
    this.trails.clear();
  }

  isAnimating(): boolean {
    return this.animating;
  }

  paint({ ctx, camera, now }: OverlayFrame): void {
    let animating = false;
    for (const [key, trail] of this.trails) {
      const latest = trail.points.at(-1);
      trail.points = trail.points.filter((point) => now - point.time < FADE_MS);
      // A laser held still keeps its dot.
      if (trail.active && latest && trail.points.length === 0) trail.points.push(latest);
      if (trail.points.length === 0) {
        this.trails.delete(key);
        continue;
      }
      if (trail.points.length > 1 || !trail.active) animating = true;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      for (let i = 1; i < trail.points.length; i++) {
        const a = trail.points[i - 1] as TrailPoint;
        const b = trail.points[i] as TrailPoint;
        const life = 1 - (now - b.time) / FADE_MS;
        const from = camera.boardToScreen(a.x, a.y);
        const to = camera.boardToScreen(b.x, b.y);
        ctx.strokeStyle = `rgba(${LASER_COLOR}, ${life * 0.85})`;
        ctx.lineWidth = 2 + 3 * life;
        ctx.beginPath();
        ctx.moveTo(from.x, from.y);
        ctx.lineTo(to.x, to.y);
        ctx.stroke();
      }
      const head = trail.points.at(-1);
      if (trail.active && head) {
        const at = camera.boardToScreen(head.x, head.y);
        ctx.fillStyle = `rgba(${LASER_COLOR}, 0.25)`;
        ctx.beginPath();
        ctx.arc(at.x, at.y, 10, 0, Math.PI * 2);
        ctx.fill();
        ctx.fillStyle = `rgb(${LASER_COLOR})`;
        ctx.beginPath();
        ctx.arc(at.x, at.y, 4, 0, Math.PI * 2);
        ctx.fill();
      }
    }
    this.animating = animating;
  }
}
