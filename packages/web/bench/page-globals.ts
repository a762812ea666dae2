import type { Element } from '@whiteroom/protocol';
import type { Room } from '@whiteroom/sdk';

/**
 * The web app's test hook (packages/web/src/test-hook.ts), as much of it as the benchmark reads,
 * and what the benchmark itself puts in the page.
 */
export interface AppHook {
  room: Room;
  getElements(): Element[];
  camera: { centerX: number; centerY: number; scale: number; width: number; height: number };
  boardToScreen(x: number, y: number): { x: number; y: number };
}

/**
 * Until `stop`: when frames started and when the main thread was done with them, and how often
 * the content canvas was cleared and how often a picture was drawn back onto it.
 */
export interface FrameProbe {
  recording: boolean;
  starts: number[];
  ends: number[];
  clears: number;
  moves: number;
  stop(): void;
}

/** When a watched spot of the board turned red, and when the board last changed before that. */
export interface PaintProbe {
  paintedAt?: number;
  lastChangeAt?: number;
}

declare global {
  interface Window {
    __whiteroom?: AppHook;
    __frames?: FrameProbe;
    __paint?: PaintProbe;
    __pointerUpAt?: number;
  }
}
