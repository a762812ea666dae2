import type { Room } from '@whiteroom/sdk';
import type { BoardStore } from '../board-store.js';
import type { Camera } from '../camera.js';
import type { ElementPainter } from '../canvas/element-painter.js';
import type { OverlayFrame } from '../canvas/overlay-layer.js';
import type { LaserTrails } from '../laser-trails.js';
import type { Selection } from '../selection.js';
import type { StyleState } from '../style.js';
import type { TextEditor } from '../text-editor.js';

/** Tools by the names the hosted SDK gives them in `memberState.currentApplianceName`. */
export type ToolName =
  | 'selector'
  | 'pencil'
  | 'eraser'
  | 'rectangle'
  | 'ellipse'
  | 'straight'
  | 'arrow'
  | 'shape'
  | 'text'
  | 'laserPointer'
  | 'hand';

/** A pointer event in both coordinate systems. */
export interface BoardPointer {
  /** Board units. */
  x: number;
  y: number;
  /** CSS pixels from the board's top left. */
  screenX: number;
  screenY: number;
  /** 0 to 1; 0.5 for a mouse or a finger, which report none. */
  pressure: number;
  shiftKey: boolean;
  pointerType: string;
}

/** What tools work with. */
export interface ToolContext {
  room: Room;
  store: BoardStore;
  camera: Camera;
  style: StyleState;
  selection: Selection;
  painter: ElementPainter;
  textEditor: TextEditor;
  laser: LaserTrails;
  redrawOverlay(): void;
  setCursor(cursor: string): void;
  /** Tells the person that something did not work, in a sentence. */
  report(error: unknown): void;
}

/**
 * A tool reacts to one pointer at a time: `down`, then `move`s, then `up` (or `cancel` when a
 * second finger starts a pinch, the tool changes or the page changes).
 */
export interface Tool {
  readonly name: ToolName;
  readonly cursor: string;
  down(pointer: BoardPointer): void;
  move(pointer: BoardPointer): void;
  up(pointer: BoardPointer): void;
  cancel(): void;
  /** A move with no button pressed. */
  hover?(pointer: BoardPointer): void;
  doubleClick?(pointer: BoardPointer): void;
  /** Returns true when it handled the key. */
  keyDown?(event: KeyboardEvent): boolean;
  paint?(frame: OverlayFrame): void;
}

/** How near, in board units, a pointer must come to an element to touch it. */
export function pickTolerance(camera: Camera, screenPixels = 6): number {
  return screenPixels / camera.scale;
}

/** Board coordinates as they are sent: two decimals are far below a pixel at any zoom. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
