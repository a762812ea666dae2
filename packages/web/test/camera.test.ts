import { describe, expect, it } from 'vitest';
import { Camera } from '../src/camera.js';

function camera(): Camera {
  const result = new Camera();
  result.setSize(800, 600);
  return result;
}

describe('Camera', () => {
  it('puts its centre in the middle of the screen', () => {
    const view = camera();
    view.set({ centerX: 100, centerY: 50, scale: 2 }, 'user');
    expect(view.boardToScreen(100, 50)).toEqual({ x: 400, y: 300 });
    expect(view.boardToScreen(110, 50)).toEqual({ x: 420, y: 300 });
    expect(view.screenToBoard(420, 300)).toEqual({ x: 110, y: 50 });
  });

  it('keeps the board point under the pointer where it is when zooming', () => {
    const view = camera();
    const before = view.screenToBoard(100, 100);
    view.zoomAt(100, 100, 3);
    const after = view.screenToBoard(100, 100);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
    expect(view.scale).toBe(3);
  });

  it('moves the board with the pointer when panning', () => {
    const view = camera();
    view.set({ scale: 2 }, 'user');
    const point = view.screenToBoard(200, 200);
    view.panBy(30, -10);
    expect(view.boardToScreen(point.x, point.y)).toEqual({ x: 230, y: 190 });
  });

  it('tells listeners who moved it, and nothing when nothing changed', () => {
    const view = camera();
    const origins: string[] = [];
    view.onChange((origin) => origins.push(origin));
    view.set({ centerX: 5 }, 'remote');
    view.set({ centerX: 5 }, 'user');
    view.panBy(1, 0);
    expect(origins).toEqual(['remote', 'user']);
  });

  it('fits a part of the board, never beyond the largest zoom asked', () => {
    const view = camera();
    view.fit({ minX: 0, minY: 0, maxX: 100, maxY: 50 }, 0, 1);
    expect(view.view).toEqual({ centerX: 50, centerY: 25, scale: 1 });
    view.fit({ minX: 0, minY: 0, maxX: 1600, maxY: 300 }, 0, 1);
    expect(view.scale).toBe(0.5);
  });
});
