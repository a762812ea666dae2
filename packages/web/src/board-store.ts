import type { Element } from '@whiteroom/protocol';
import {
  compilePaints,
  containsBounds,
  hitTest,
  intersects,
  isPathElement,
  localBounds,
  placedBounds,
  tracePath,
  type Bounds,
  type CompiledPaint,
  type Point,
  type TextMeasurer,
} from '@whiteroom/render';

/** A read of the page slower than this is not repeated on every frame. */
const SLOW_READ_MS = 12;

/** What is worked out once per version of an element, not on every frame. */
interface Entry {
  /** The element's geometry, without its position: when it changes, so do paths and sizes. */
  key: string;
  local: Bounds;
  bounds: Bounds;
  paints?: CompiledPaint[];
}

/** A cheap fingerprint of a stroke's points: their count and a weighted sum. */
function pointsSignature(points: readonly number[]): string {
  let sum = 0;
  for (let i = 0; i < points.length; i++) sum += (points[i] as number) * ((i % 7) + 1);
  return `${points.length}:${sum}`;
}

function geometryKey(element: Element): string {
  if (element.type === 'pencil') {
    const { strokeWidth, strokeColor, dotted, points } = element;
    return `pencil|${strokeWidth}|${strokeColor.join(',')}|${dotted === true}|${pointsSignature(points)}`;
  }
  const { id: _id, x: _x, y: _y, rotation: _r, opacity: _o, locked: _l, ...shape } = element;
  return JSON.stringify(shape);
}

function toPath2D(commands: Parameters<typeof tracePath>[1]): Path2D {
  const path = new Path2D();
  tracePath(path, commands);
  return path;
}

/** Where the elements come from: a live room, or a replay's player (anything with a revision). */
export interface BoardSource {
  /** Grows with every change of the board. */
  readonly boardRevision: number;
  /** Copies of the current page's elements, bottom to top. */
  getElements(): Element[];
}

/**
 * The current page's elements as the app draws and picks them: read from the room once per board
 * revision, with bounds and compiled paths kept per element version so that panning a page of
 * thousands of strokes redraws without recomputing any geometry.
 */
export class BoardStore {
  private revision = -1;
  private list: Element[] = [];
  /** Entries of the elements last read, by id, to reuse what did not change at the next read. */
  private byId = new Map<string, Entry>();
  private readonly byElement = new WeakMap<Element, Entry>();
  private readonly hiddenIds = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private nextReadAt = 0;
  private readTimer: ReturnType<typeof setTimeout> | undefined;
  /** Grows whenever the set of hidden elements changes. */
  hiddenVersion = 0;

  constructor(
    private readonly source: BoardSource,
    readonly measure: TextMeasurer,
  ) {}

  /** The board revision the elements were last read at. */
  get boardRevision(): number {
    this.elements();
    return this.revision;
  }

  /**
   * The current page's elements, bottom to top. The room gives copies, which takes long on a page
   * of thousands of strokes: then they are read again at most every few frames while it changes
   * (a stroke someone is drawing), and listeners hear when a newer read is due.
   */
  elements(): readonly Element[] {
    if (this.source.boardRevision === this.revision) return this.list;
    const now = performance.now();
    if (now >= this.nextReadAt) {
      this.refresh();
    } else {
      this.readTimer ??= setTimeout(() => {
        this.readTimer = undefined;
        this.emit();
      }, this.nextReadAt - now);
    }
    return this.list;
  }

  get(id: string): Element | undefined {
    return this.elements().find((element) => element.id === id);
  }

  bounds(element: Element): Bounds {
    return this.entry(element).bounds;
  }

  /** The element's paths, compiled once per version of its geometry. */
  paints(element: Element): CompiledPaint[] | undefined {
    if (!isPathElement(element)) return undefined;
    const entry = this.entry(element);
    entry.paints ??= compilePaints(element, toPath2D);
    return entry.paints;
  }

  /** Elements kept off the board's layer: being drawn, moved or edited on the overlay. */
  isHidden(id: string): boolean {
    return this.hiddenIds.has(id);
  }

  hide(ids: Iterable<string>): void {
    for (const id of ids) this.hiddenIds.add(id);
    this.hiddenVersion++;
    this.emit();
  }

  unhide(ids: Iterable<string>): void {
    for (const id of ids) this.hiddenIds.delete(id);
    this.hiddenVersion++;
    this.emit();
  }

  /** Called when the hidden set changes or a delayed read is due, so that layers redraw. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The topmost element under a point, preferring lines and strokes over empty insides. */
  topmostAt(point: Point, tolerance: number, skipLocked = true): Element | undefined {
    const area = {
      minX: point.x - tolerance,
      minY: point.y - tolerance,
      maxX: point.x + tolerance,
      maxY: point.y + tolerance,
    };
    // Only what is near is tested closely: the cached bounds rule out the rest of a large page.
    const near = this.elements().filter(
      (element) =>
        !this.hiddenIds.has(element.id) &&
        !(skipLocked && element.locked) &&
        intersects(this.bounds(element), area),
    );
    for (const interiors of [false, true]) {
      for (let i = near.length - 1; i >= 0; i--) {
        const element = near[i] as Element;
        if (hitTest(element, point, tolerance, { measure: this.measure, interiors })) {
          return element;
        }
      }
    }
    return undefined;
  }

  /** Elements whose lines pass within `tolerance` of a point (interiors of filled ones count). */
  touching(point: Point, tolerance: number): Element[] {
    const area = {
      minX: point.x - tolerance,
      minY: point.y - tolerance,
      maxX: point.x + tolerance,
      maxY: point.y + tolerance,
    };
    return this.elements().filter(
      (element) =>
        !this.hiddenIds.has(element.id) &&
        intersects(this.bounds(element), area) &&
        hitTest(element, point, tolerance, { measure: this.measure }),
    );
  }

  /** Elements lying entirely inside a box on the board. */
  within(box: Bounds): Element[] {
    return this.elements().filter(
      (element) => !this.hiddenIds.has(element.id) && containsBounds(box, this.bounds(element)),
    );
  }

  /** The entry of an element read from the room; one made on the spot for any other. */
  private entry(element: Element): Entry {
    return this.byElement.get(element) ?? this.makeEntry(element, undefined);
  }

  private makeEntry(element: Element, previous: Entry | undefined): Entry {
    const key = geometryKey(element);
    if (previous?.key === key) {
      return {
        key,
        local: previous.local,
        bounds: placedBounds(element, previous.local),
        paints: previous.paints,
      };
    }
    const local = localBounds(element, this.measure);
    return { key, local, bounds: placedBounds(element, local) };
  }

  private refresh(): void {
    const started = performance.now();
    this.revision = this.source.boardRevision;
    this.list = this.source.getElements();
    const byId = new Map<string, Entry>();
    for (const element of this.list) {
      const entry = this.makeEntry(element, this.byId.get(element.id));
      byId.set(element.id, entry);
      this.byElement.set(element, entry);
    }
    this.byId = byId;
    // A slow read waits three times as long before the next one: a quarter of the time at most.
    const took = performance.now() - started;
    this.nextReadAt = took > SLOW_READ_MS ? performance.now() + took * 3 : 0;
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
