import type { Element } from '@whiteroom/protocol';
import { unionBounds, type Bounds, type Point } from '@whiteroom/render';
import type { OverlayFrame } from '../canvas/overlay-layer.js';
import {
  HANDLE_CURSORS,
  boxMapping,
  handlePoints,
  movePatch,
  resizePatch,
  resizedBounds,
  type Handle,
} from '../transform.js';
import { pickTolerance, type BoardPointer, type Tool, type ToolContext } from './tool.js';

const ACCENT = '#2f6fed';
/** Handles are this big on screen, and this near counts as on them. */
const HANDLE_PX = 8;
const DRAG_START_PX = 3;

type Drag =
  | { kind: 'move'; start: BoardPointer; ids: string[]; dx: number; dy: number; moving: boolean }
  | { kind: 'resize'; handle: Handle; ids: string[]; from: Bounds; to: Bounds }
  | { kind: 'band'; start: Point; end: Point; additive: boolean; before: string[] };

/**
 * Picks elements (click, shift-click, or a box dragged around them), moves them by dragging, and
 * resizes them by the handles. The others see moves and resizes when the pointer lifts: one
 * update per element, drawn here on the overlay meanwhile.
 */
export class SelectTool implements Tool {
  readonly name = 'selector';
  readonly cursor = 'default';
  private drag: Drag | undefined;

  constructor(private readonly context: ToolContext) {}

  /** The selected elements that are still on the page. */
  private selected(): Element[] {
    const { selection, store } = this.context;
    return store.elements().filter((element) => selection.has(element.id));
  }

  private selectionBounds(): Bounds | undefined {
    return unionBounds(this.selected().map((element) => this.context.store.bounds(element)));
  }

  private handleAt(pointer: BoardPointer): { handle: Handle; bounds: Bounds } | undefined {
    const bounds = this.selectionBounds();
    if (!bounds) return undefined;
    const { camera } = this.context;
    for (const { handle, point } of handlePoints(bounds)) {
      const screen = camera.boardToScreen(point.x, point.y);
      const near =
        Math.abs(screen.x - pointer.screenX) <= HANDLE_PX &&
        Math.abs(screen.y - pointer.screenY) <= HANDLE_PX;
      if (near) return { handle, bounds };
    }
    return undefined;
  }

  down(pointer: BoardPointer): void {
    const { selection, store, camera } = this.context;
    const onHandle = this.handleAt(pointer);
    if (onHandle && !pointer.shiftKey) {
      this.drag = {
        kind: 'resize',
        handle: onHandle.handle,
        ids: selection.values(),
        from: onHandle.bounds,
        to: onHandle.bounds,
      };
      return;
    }

    const hit = store.topmostAt(pointer, pickTolerance(camera));
    if (hit && pointer.shiftKey) {
      selection.toggle(hit.id);
      return;
    }
    if (hit) {
      if (!selection.has(hit.id)) selection.set([hit.id]);
      this.drag = {
        kind: 'move',
        start: pointer,
        ids: selection.values(),
        dx: 0,
        dy: 0,
        moving: false,
      };
      return;
    }
    if (!pointer.shiftKey) selection.clear();
    this.drag = {
      kind: 'band',
      start: pointer,
      end: pointer,
      additive: pointer.shiftKey,
      before: selection.values(),
    };
  }

  move(pointer: BoardPointer): void {
    const drag = this.drag;
    if (!drag) return;
    const { store, selection } = this.context;
    switch (drag.kind) {
      case 'move': {
        const far =
          Math.hypot(pointer.screenX - drag.start.screenX, pointer.screenY - drag.start.screenY) >=
          DRAG_START_PX;
        if (!drag.moving && !far) return;
        if (!drag.moving) {
          drag.moving = true;
          store.hide(drag.ids);
        }
        drag.dx = pointer.x - drag.start.x;
        drag.dy = pointer.y - drag.start.y;
        break;
      }
      case 'resize':
        if (drag.to === drag.from) store.hide(drag.ids);
        drag.to = resizedBounds(drag.from, drag.handle, pointer, pointer.shiftKey);
        break;
      case 'band': {
        drag.end = pointer;
        const inside = store.within(this.bandBounds(drag)).map((element) => element.id);
        selection.set(drag.additive ? new Set([...drag.before, ...inside]) : inside);
        break;
      }
    }
    this.context.redrawOverlay();
  }

  up(pointer: BoardPointer): void {
    this.move(pointer);
    const drag = this.drag;
    this.drag = undefined;
    if (!drag) return;
    const { room, store } = this.context;
    try {
      if (drag.kind === 'move' && drag.moving) {
        for (const element of this.selectedAmong(drag.ids)) {
          room.updateElement(element.id, movePatch(element, drag.dx, drag.dy));
        }
      } else if (drag.kind === 'resize' && drag.to !== drag.from) {
        for (const element of this.selectedAmong(drag.ids)) {
          room.updateElement(element.id, resizePatch(element, drag.from, drag.to));
        }
      }
    } catch (error) {
      this.context.report(error);
    } finally {
      if (drag.kind !== 'band') store.unhide(drag.ids);
      this.context.redrawOverlay();
    }
  }

  cancel(): void {
    const drag = this.drag;
    this.drag = undefined;
    if (drag && drag.kind !== 'band') this.context.store.unhide(drag.ids);
    this.context.redrawOverlay();
  }

  hover(pointer: BoardPointer): void {
    const { store, camera, setCursor } = this.context;
    const onHandle = this.handleAt(pointer);
    if (onHandle) setCursor(HANDLE_CURSORS[onHandle.handle]);
    else setCursor(store.topmostAt(pointer, pickTolerance(camera)) ? 'move' : this.cursor);
  }

  doubleClick(pointer: BoardPointer): void {
    const { store, camera, textEditor } = this.context;
    const hit = store.topmostAt(pointer, pickTolerance(camera));
    if (hit?.type === 'text') textEditor.edit(hit);
  }

  keyDown(event: KeyboardEvent): boolean {
    const { selection, room } = this.context;
    if ((event.key === 'Delete' || event.key === 'Backspace') && selection.size > 0) {
      const ids = this.selected()
        .filter((element) => !element.locked)
        .map((element) => element.id);
      selection.clear();
      try {
        if (ids.length > 0) room.removeElements(ids);
      } catch (error) {
        this.context.report(error);
      }
      return true;
    }
    if (event.key === 'Escape' && selection.size > 0) {
      selection.clear();
      return true;
    }
    return false;
  }

  paint(frame: OverlayFrame): void {
    const { ctx, camera } = frame;
    const drag = this.drag;
    const elements = this.selected();

    // Elements being moved or resized, where they will land.
    if (drag?.kind === 'move' && drag.moving) {
      frame.toBoard();
      ctx.translate(drag.dx, drag.dy);
      for (const element of this.selectedAmong(drag.ids)) this.context.painter.draw(ctx, element);
      frame.toScreen();
    } else if (drag?.kind === 'resize' && drag.to !== drag.from) {
      const { scaleX, scaleY } = boxMapping(drag.from, drag.to);
      frame.toBoard();
      ctx.translate(drag.to.minX, drag.to.minY);
      ctx.scale(scaleX, scaleY);
      ctx.translate(-drag.from.minX, -drag.from.minY);
      for (const element of this.selectedAmong(drag.ids)) this.context.painter.draw(ctx, element);
      frame.toScreen();
    }

    if (drag?.kind === 'band') {
      const band = this.bandBounds(drag);
      const a = camera.boardToScreen(band.minX, band.minY);
      const b = camera.boardToScreen(band.maxX, band.maxY);
      ctx.fillStyle = 'rgba(47, 111, 237, 0.08)';
      ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
      ctx.strokeStyle = ACCENT;
      ctx.lineWidth = 1;
      ctx.strokeRect(a.x + 0.5, a.y + 0.5, b.x - a.x, b.y - a.y);
    }

    let bounds = unionBounds(elements.map((element) => this.context.store.bounds(element)));
    if (!bounds) return;
    if (drag?.kind === 'move') {
      bounds = {
        minX: bounds.minX + drag.dx,
        minY: bounds.minY + drag.dy,
        maxX: bounds.maxX + drag.dx,
        maxY: bounds.maxY + drag.dy,
      };
    } else if (drag?.kind === 'resize') {
      bounds = drag.to;
    }

    ctx.strokeStyle = ACCENT;
    ctx.lineWidth = 1;
    if (elements.length > 1 && drag?.kind !== 'resize') {
      ctx.setLineDash([3, 3]);
      for (const element of elements) {
        const own = this.context.store.bounds(element);
        const shift = drag?.kind === 'move' ? { x: drag.dx, y: drag.dy } : { x: 0, y: 0 };
        const a = camera.boardToScreen(own.minX + shift.x, own.minY + shift.y);
        const b = camera.boardToScreen(own.maxX + shift.x, own.maxY + shift.y);
        ctx.strokeRect(Math.round(a.x) + 0.5, Math.round(a.y) + 0.5, b.x - a.x, b.y - a.y);
      }
      ctx.setLineDash([]);
    }

    const a = camera.boardToScreen(bounds.minX, bounds.minY);
    const b = camera.boardToScreen(bounds.maxX, bounds.maxY);
    ctx.lineWidth = 1.5;
    ctx.strokeRect(a.x, a.y, b.x - a.x, b.y - a.y);
    if (drag?.kind === 'move' && drag.moving) return;

    ctx.fillStyle = '#ffffff';
    for (const { point } of handlePoints(bounds)) {
      const at = camera.boardToScreen(point.x, point.y);
      ctx.fillRect(at.x - HANDLE_PX / 2, at.y - HANDLE_PX / 2, HANDLE_PX, HANDLE_PX);
      ctx.strokeRect(at.x - HANDLE_PX / 2, at.y - HANDLE_PX / 2, HANDLE_PX, HANDLE_PX);
    }
  }

  private selectedAmong(ids: readonly string[]): Element[] {
    const wanted = new Set(ids);
    return this.context.store.elements().filter((element) => wanted.has(element.id));
  }

  private bandBounds(drag: Extract<Drag, { kind: 'band' }>): Bounds {
    return {
      minX: Math.min(drag.start.x, drag.end.x),
      minY: Math.min(drag.start.y, drag.end.y),
      maxX: Math.max(drag.start.x, drag.end.x),
      maxY: Math.max(drag.start.y, drag.end.y),
    };
  }
}
