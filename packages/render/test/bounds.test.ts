import { describe, expect, it } from 'vitest';
import { elementBounds, localBounds, maxInkHalfWidth } from '../src/index.js';
import { box, image, line, pencil, tenPerChar, text } from './fixtures.js';

describe('elementBounds', () => {
  it('covers a stroke with its widest ink, at its position', () => {
    const stroke = pencil([0, 0, 0.5, 30, 10, 0.5, 60, -20, 0.5]);
    const pad = maxInkHalfWidth(4);
    expect(pad).toBe(3);
    expect(elementBounds(stroke)).toEqual({
      minX: 100 - pad,
      minY: 50 - 20 - pad,
      maxX: 160 + pad,
      maxY: 60 + pad,
    });
  });

  it('is an empty box at the position of a stroke with no points', () => {
    expect(elementBounds(pencil([]))).toEqual({ minX: 100, minY: 50, maxX: 100, maxY: 50 });
  });

  it('covers a line with half its width on each side', () => {
    expect(elementBounds(line('straight', { dx: -40, dy: 30 }))).toEqual({
      minX: -31,
      minY: 19,
      maxX: 11,
      maxY: 51,
    });
  });

  it('covers the arrowhead, which is wider than the line', () => {
    const bounds = elementBounds(line('arrow'));
    expect(bounds.minX).toBe(9);
    expect(bounds.maxX).toBe(111);
    expect(bounds.minY).toBeLessThan(19);
    expect(bounds.maxY).toBeGreaterThan(21);
  });

  it.each(['rectangle', 'ellipse', 'shape'] as const)(
    'covers a %s box with half its line width outside',
    (type) => {
      expect(elementBounds(box(type, { x: 10, y: 20 }))).toEqual({
        minX: 9,
        minY: 19,
        maxX: 111,
        maxY: 81,
      });
    },
  );

  it('turns with a rotated element: a quarter turn swaps width and height', () => {
    const bounds = elementBounds(box('rectangle', { strokeWidth: 0.1, rotation: 90 }));
    expect(bounds.minX).toBeCloseTo(-60.05);
    expect(bounds.maxX).toBeCloseTo(0.05);
    expect(bounds.minY).toBeCloseTo(-0.05);
    expect(bounds.maxY).toBeCloseTo(100.05);
  });

  it('measures text with the measurer given, one line per paragraph', () => {
    const bounds = elementBounds(text('hello\nhi', { x: 3, y: 4 }), tenPerChar);
    expect(bounds).toEqual({ minX: 3, minY: 4, maxX: 53, maxY: 4 + 2 * 25 });
  });

  it('wraps text to its width', () => {
    const local = localBounds(text('one two three', { width: 75 }), tenPerChar);
    expect(local).toEqual({ minX: 0, minY: 0, maxX: 75, maxY: 2 * 25 });
  });

  it('is the box of an image', () => {
    expect(elementBounds(image())).toEqual({ minX: 5, minY: 5, maxX: 45, maxY: 35 });
  });
});
