import { describe, expect, it } from 'vitest';
import { hitTest } from '../src/index.js';
import { box, image, line, pencil, tenPerChar, text } from './fixtures.js';

describe('hitTest', () => {
  const stroke = pencil([0, 0, 0.5, 50, 0, 0.5, 50, 50, 0.5]);

  it('touches a stroke near its line and misses it away from it', () => {
    expect(hitTest(stroke, { x: 125, y: 52 }, 1)).toBe(true);
    expect(hitTest(stroke, { x: 152, y: 80 }, 1)).toBe(true);
    expect(hitTest(stroke, { x: 125, y: 80 }, 1)).toBe(false);
  });

  it('reaches further with a larger tolerance', () => {
    expect(hitTest(stroke, { x: 125, y: 60 }, 2)).toBe(false);
    expect(hitTest(stroke, { x: 125, y: 60 }, 9)).toBe(true);
  });

  it('touches a stroke of one point around that point', () => {
    const dot = pencil([0, 0, 0.5]);
    expect(hitTest(dot, { x: 101, y: 51 }, 1)).toBe(true);
    expect(hitTest(dot, { x: 110, y: 50 }, 1)).toBe(false);
  });

  it('touches a line along its length only', () => {
    const straight = line('straight');
    expect(hitTest(straight, { x: 60, y: 21 }, 1)).toBe(true);
    expect(hitTest(straight, { x: 60, y: 30 }, 1)).toBe(false);
    expect(hitTest(straight, { x: 120, y: 20 }, 1)).toBe(false);
  });

  it('touches an arrow on its head', () => {
    const arrow = line('arrow', { strokeWidth: 1 });
    expect(hitTest(arrow, { x: 105, y: 22 }, 0)).toBe(true);
    expect(hitTest(line('straight', { strokeWidth: 1 }), { x: 105, y: 22 }, 0)).toBe(false);
  });

  it('touches an unfilled rectangle on its edge, not inside', () => {
    const rectangle = box('rectangle');
    expect(hitTest(rectangle, { x: 50, y: 1 }, 2)).toBe(true);
    expect(hitTest(rectangle, { x: 50, y: 30 }, 2)).toBe(false);
    expect(hitTest(rectangle, { x: 50, y: 30 }, 2, { interiors: true })).toBe(true);
  });

  it('touches a filled rectangle anywhere inside', () => {
    expect(hitTest(box('rectangle', { fillColor: [1, 2, 3] }), { x: 50, y: 30 }, 0)).toBe(true);
  });

  it('follows an ellipse, not its box', () => {
    const ellipse = box('ellipse', { fillColor: [1, 2, 3] });
    expect(hitTest(ellipse, { x: 50, y: 30 }, 0)).toBe(true);
    expect(hitTest(ellipse, { x: 3, y: 3 }, 0)).toBe(false);
    expect(hitTest(ellipse, { x: 0, y: 30 }, 1)).toBe(true);
  });

  it('follows the shape of a triangle', () => {
    const triangle = box('shape', { fillColor: [1, 2, 3] }, 'triangle');
    expect(hitTest(triangle, { x: 50, y: 40 }, 0)).toBe(true);
    expect(hitTest(triangle, { x: 5, y: 5 }, 0)).toBe(false);
  });

  it('misses the corners of the box around a pentagram', () => {
    const star = box('shape', { fillColor: [1, 2, 3], width: 100, height: 100 }, 'pentagram');
    expect(hitTest(star, { x: 50, y: 50 }, 0)).toBe(true);
    expect(hitTest(star, { x: 10, y: 10 }, 0)).toBe(false);
  });

  it('touches a rotated rectangle where it is drawn', () => {
    const turned = box('rectangle', { rotation: 90, fillColor: [1, 2, 3] });
    expect(hitTest(turned, { x: -30, y: 50 }, 0)).toBe(true);
    expect(hitTest(turned, { x: 50, y: 30 }, 0)).toBe(false);
  });

  it('touches text anywhere in its box', () => {
    const label = text('hello', { x: 10, y: 10 });
    expect(hitTest(label, { x: 40, y: 20 }, 0, { measure: tenPerChar })).toBe(true);
    expect(hitTest(label, { x: 70, y: 20 }, 0, { measure: tenPerChar })).toBe(false);
  });

  it('touches an image anywhere in its box', () => {
    expect(hitTest(image(), { x: 25, y: 20 }, 0)).toBe(true);
    expect(hitTest(image(), { x: 50, y: 20 }, 0)).toBe(false);
  });
});
