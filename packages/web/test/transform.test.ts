import { describe, expect, it } from 'vitest';
import type { Element } from '@whiteroom/protocol';
import { movePatch, resizePatch, resizedBounds } from '../src/transform.js';

const from = { minX: 0, minY: 0, maxX: 100, maxY: 50 };

describe('resizedBounds', () => {
  it('moves the dragged side and keeps the opposite one', () => {
    expect(resizedBounds(from, 'e', { x: 150, y: 999 }, false)).toEqual({ ...from, maxX: 150 });
    expect(resizedBounds(from, 'nw', { x: -10, y: -20 }, false)).toEqual({
      minX: -10,
      minY: -20,
      maxX: 100,
      maxY: 50,
    });
  });

  it('never turns the box inside out', () => {
    const to = resizedBounds(from, 'w', { x: 300, y: 0 }, false);
    expect(to.minX).toBeLessThan(to.maxX);
  });

  it('keeps the proportions of a corner drag when asked', () => {
    const to = resizedBounds(from, 'se', { x: 200, y: 60 }, true);
    expect(to).toEqual({ minX: 0, minY: 0, maxX: 200, maxY: 100 });
  });
});

describe('patches', () => {
  it('moves an element by its position only', () => {
    const element: Element = {
      id: 'a',
      type: 'straight',
      x: 1,
      y: 2,
      dx: 10,
      dy: 0,
      strokeColor: [0, 0, 0],
      strokeWidth: 2,
    };
    expect(movePatch(element, 0.333, -1)).toEqual({ x: 1.33, y: 1 });
  });

  it('stretches a stroke and keeps its pressures', () => {
    const stroke: Element = {
      id: 's',
      type: 'pencil',
      x: 0,
      y: 0,
      strokeColor: [0, 0, 0],
      strokeWidth: 2,
      points: [0, 0, 0.2, 10, 10, 0.9],
    };
    const patch = resizePatch(stroke, from, { minX: 0, minY: 0, maxX: 200, maxY: 150 });
    expect(patch).toEqual({ x: 0, y: 0, points: [0, 0, 0.2, 20, 30, 0.9] });
  });

  it('scales a box and moves its corner with the selection', () => {
    const box: Element = {
      id: 'b',
      type: 'rectangle',
      x: 50,
      y: 25,
      width: 50,
      height: 25,
      strokeColor: [0, 0, 0],
      strokeWidth: 2,
    };
    const patch = resizePatch(box, from, { minX: 100, minY: 0, maxX: 300, maxY: 50 });
    expect(patch).toEqual({ x: 200, y: 25, width: 100, height: 25 });
  });

  it('grows text with the height of the selection', () => {
    const text: Element = {
      id: 't',
      type: 'text',
      x: 0,
      y: 0,
      text: 'hi',
      textSize: 20,
      textColor: [0, 0, 0],
    };
    expect(resizePatch(text, from, { ...from, maxY: 100 })).toMatchObject({ textSize: 40 });
  });
});
