import type { PencilElement } from '@whiteroom/protocol';
import type { OverlayFrame } from '../canvas/overlay-layer.js';
import { round2, type BoardPointer, type Tool, type ToolContext } from './tool.js';

/** Points are sent to the room in batches this often while a stroke is drawn. */
const SEND_EVERY_MS = 30;
/** The server's limit is 20,000 points a stroke; a longer stroke goes on as a new one. */
const MAX_POINTS = 19_000;
/** Points closer than this (in screen pixels) to the previous one add nothing visible. */
const MIN_STEP_PX = 0.75;
/** A stroke cancelled sooner than this after it began is removed. */
const ACCIDENTAL_MS = 300;

interface Stroke {
  id: string;
  /** The element as drawn here, its points growing as the pointer moves. */
  element: PencilElement;
  /** Points not yet sent. */
  pending: number[];
  timer: ReturnType<typeof setInterval>;
  startedAt: number;
}

/**
 * Freehand ink. The stroke is added to the room at once and grows by `appendPoints`, so the
 * others see it drawn; here it is drawn on the overlay until it is finished.
 */
export class PencilTool implements Tool {
  readonly name = 'pencil';
  readonly cursor = 'crosshair';
  private stroke: Stroke | undefined;

  constructor(private readonly context: ToolContext) {}

  down(pointer: BoardPointer): void {
    this.start(pointer);
  }

  move(pointer: BoardPointer): void {
    const stroke = this.stroke;
    if (!stroke) return;
    const { points } = stroke.element;
    const x = round2(pointer.x - stroke.element.x);
    const y = round2(pointer.y - stroke.element.y);
    const lastX = points[points.length - 3] as number;
    const lastY = points[points.length - 2] as number;
    const step = Math.hypot(x - lastX, y - lastY) * this.context.camera.scale;
    if (step < MIN_STEP_PX) return;

    const point = [x, y, round2(pointer.pressure)];
    points.push(...point);
    stroke.pending.push(...point);
    this.context.redrawOverlay();
    if (points.length / 3 >= MAX_POINTS) {
      this.finish();
      this.start(pointer);
    }
  }

  up(pointer: BoardPointer): void {
    this.move(pointer);
    this.finish();
  }

  /**
   * A stroke cut short just after it began was the first finger of a pinch, not a drawing: it is
   * taken off the board. A longer one is kept as drawn so far.
   */
  cancel(): void {
    const stroke = this.stroke;
    this.finish();
    if (stroke && performance.now() - stroke.startedAt < ACCIDENTAL_MS) {
      try {
        this.context.room.removeElements([stroke.id]);
      } catch (error) {
        this.context.report(error);
      }
    }
  }

  paint(frame: OverlayFrame): void {
    const stroke = this.stroke;
    if (!stroke) return;
    frame.toBoard();
    // Drawn without the cache: the stroke changes on every frame.
    this.context.painter.draw(frame.ctx, stroke.element);
  }

  private start(pointer: BoardPointer): void {
    const { room, style, store } = this.context;
    const element: PencilElement = {
      id: '',
      type: 'pencil',
      x: round2(pointer.x),
      y: round2(pointer.y),
      strokeColor: style.value.color,
      strokeWidth: style.value.width,
      points: [0, 0, round2(pointer.pressure)],
    };
    const { id: _id, ...input } = element;
    try {
      element.id = room.addElement({ ...input, points: [...element.points] });
    } catch (error) {
      this.context.report(error);
      return;
    }
    store.hide([element.id]);
    this.stroke = {
      id: element.id,
      element,
      pending: [],
      timer: setInterval(() => this.flush(), SEND_EVERY_MS),
      startedAt: performance.now(),
    };
    this.context.redrawOverlay();
  }

  private flush(): void {
    const stroke = this.stroke;
    if (!stroke || stroke.pending.length === 0) return;
    const points = stroke.pending;
    stroke.pending = [];
    try {
      this.context.room.appendPoints(stroke.id, points);
    } catch (error) {
      this.context.report(error);
      this.finish();
    }
  }

  private finish(): void {
    const stroke = this.stroke;
    if (!stroke) return;
    this.flush();
    clearInterval(stroke.timer);
    this.stroke = undefined;
    this.context.store.unhide([stroke.id]);
    this.context.redrawOverlay();
  }
}
