import type { Room } from '@whiteroom/sdk';
import type { Camera } from './camera.js';
import type { BoardPointer, Tool } from './tools/tool.js';

/** Zoom per pixel of wheel movement. */
const WHEEL_ZOOM = 0.0015;

interface Touch {
  x: number;
  y: number;
}

/**
 * Mouse, pen and touch on the board. One pointer drives the current tool; a second finger turns
 * the gesture into a pinch (zoom and pan) and cancels what the tool was doing. The middle button,
 * or the space bar held, pans whatever the tool. Every move shows this member's cursor to the
 * others, in board units.
 */
export class PointerInput {
  private active: { pointerId: number; tool: Tool } | undefined;
  private readonly touches = new Map<number, Touch>();
  private pinch: { distance: number; mid: Touch } | undefined;
  private panning: { pointerId: number; x: number; y: number } | undefined;
  /** Space held down: drag to pan. */
  spaceHeld = false;

  constructor(
    private readonly surface: HTMLElement,
    private readonly camera: Camera,
    private readonly room: Room,
    private readonly currentTool: () => Tool,
  ) {
    surface.addEventListener('pointerdown', (event) => this.onDown(event));
    surface.addEventListener('pointermove', (event) => this.onMove(event));
    surface.addEventListener('pointerup', (event) => this.onUp(event, false));
    surface.addEventListener('pointercancel', (event) => this.onUp(event, true));
    surface.addEventListener('pointerleave', (event) => {
      if (event.pointerType === 'mouse') this.sendCursor(null);
    });
    surface.addEventListener('dblclick', (event) => {
      this.currentTool().doubleClick?.(this.boardPointer(event as PointerEvent));
    });
    surface.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    surface.addEventListener('contextmenu', (event) => event.preventDefault());
  }

  /** Stops what the current tool was doing (the tool or the page changed). */
  cancel(): void {
    const active = this.active;
    this.active = undefined;
    active?.tool.cancel();
  }

  private boardPointer(event: PointerEvent | MouseEvent): BoardPointer {
    const rect = this.surface.getBoundingClientRect();
    const screenX = event.clientX - rect.left;
    const screenY = event.clientY - rect.top;
    const board = this.camera.screenToBoard(screenX, screenY);
    const isPen = 'pointerType' in event && event.pointerType === 'pen';
    // Only pens report a real pressure; mice and most touch screens report 0.5 or 0.
    const pressure = isPen && event.pressure > 0 ? event.pressure : 0.5;
    return {
      x: board.x,
      y: board.y,
      screenX,
      screenY,
      pressure,
      shiftKey: event.shiftKey,
      pointerType: 'pointerType' in event ? event.pointerType : 'mouse',
    };
  }

  private onDown(event: PointerEvent): void {
    event.preventDefault();
    this.surface.focus({ preventScroll: true });
    if (event.pointerType === 'touch') {
      this.touches.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (this.touches.size === 2) {
        // A second finger: this is a pinch, not a drawing.
        this.cancel();
        this.startPinch();
        return;
      }
      if (this.touches.size > 2) return;
    }
    if (event.button === 1 || (this.spaceHeld && event.button === 0)) {
      this.panning = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
      this.surface.setPointerCapture(event.pointerId);
      return;
    }
    if (event.button !== 0 || this.active) return;

    this.surface.setPointerCapture(event.pointerId);
    const tool = this.currentTool();
    this.active = { pointerId: event.pointerId, tool };
    tool.down(this.boardPointer(event));
  }

  private onMove(event: PointerEvent): void {
    if (event.pointerType === 'touch' && this.touches.has(event.pointerId)) {
      this.touches.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (this.pinch) {
        this.movePinch();
        return;
      }
    }
    if (this.panning?.pointerId === event.pointerId) {
      this.camera.panBy(event.clientX - this.panning.x, event.clientY - this.panning.y);
      this.panning = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
      return;
    }

    const pointer = this.boardPointer(event);
    this.sendCursor(pointer);
    const active = this.active;
    if (active?.pointerId === event.pointerId) {
      // Pens and fast mice deliver several positions per frame: every one makes the ink smoother.
      const events = event.getCoalescedEvents?.() ?? [];
      for (const each of events.length > 0 ? events : [event]) {
        active.tool.move(this.boardPointer(each));
      }
    } else if (!this.active && event.pointerType !== 'touch') {
      this.currentTool().hover?.(pointer);
    }
  }

  private onUp(event: PointerEvent, cancelled: boolean): void {
    if (event.pointerType === 'touch') {
      this.touches.delete(event.pointerId);
      if (this.pinch) {
        if (this.touches.size < 2) this.pinch = undefined;
        return;
      }
    }
    if (this.panning?.pointerId === event.pointerId) {
      this.panning = undefined;
      return;
    }
    const active = this.active;
    if (active?.pointerId !== event.pointerId) return;
    this.active = undefined;
    if (cancelled) active.tool.cancel();
    else active.tool.up(this.boardPointer(event));
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault();
    const rect = this.surface.getBoundingClientRect();
    // Lines and pages (some mice) are turned into pixels.
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? rect.height : 1;
    if (event.shiftKey && !event.ctrlKey) {
      this.camera.panBy(-event.deltaY * unit, -event.deltaX * unit);
      return;
    }
    const factor = Math.exp(-event.deltaY * unit * WHEEL_ZOOM * (event.ctrlKey ? 4 : 1));
    this.camera.zoomAt(event.clientX - rect.left, event.clientY - rect.top, factor);
  }

  private startPinch(): void {
    const [a, b] = [...this.touches.values()];
    if (!a || !b) return;
    this.pinch = {
      distance: Math.hypot(a.x - b.x, a.y - b.y),
      mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
    };
  }

  private movePinch(): void {
    const [a, b] = [...this.touches.values()];
    const pinch = this.pinch;
    if (!a || !b || !pinch) return;
    const rect = this.surface.getBoundingClientRect();
    const distance = Math.hypot(a.x - b.x, a.y - b.y);
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    this.camera.panBy(mid.x - pinch.mid.x, mid.y - pinch.mid.y);
    if (pinch.distance > 0) {
      this.camera.zoomAt(mid.x - rect.left, mid.y - rect.top, distance / pinch.distance);
    }
    this.pinch = { distance, mid };
  }

  private sendCursor(pointer: BoardPointer | null): void {
    try {
      this.room.updatePresence({
        cursor: pointer ? { x: Math.round(pointer.x), y: Math.round(pointer.y) } : null,
      });
    } catch {
      // Presence is best effort: a cursor that is not shown breaks nothing.
    }
  }
}
