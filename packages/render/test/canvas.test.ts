import { describe, expect, it } from 'vitest';
import { compilePaints, drawElement, type Canvas2DLike, type CompiledPath } from '../src/index.js';
import { box, image, line, pencil, text } from './fixtures.js';

/** A context that records what is done to it, by method name and arguments. */
function recorder(): { ctx: Canvas2DLike; calls: string[] } {
  const calls: string[] = [];
  const state = {
    globalAlpha: 1,
    fillStyle: '' as string | object,
    strokeStyle: '' as string | object,
    lineWidth: 1,
    lineCap: 'butt' as const,
    lineJoin: 'miter' as const,
    font: '',
  };
  const record =
    (name: string) =>
    (...args: unknown[]): void => {
      calls.push(
        `${name}(${args.map((arg) => (typeof arg === 'object' ? 'obj' : arg)).join(',')})`,
      );
    };
  const ctx = {
    ...state,
    save: record('save'),
    restore: record('restore'),
    translate: record('translate'),
    rotate: record('rotate'),
    beginPath: record('beginPath'),
    moveTo: record('moveTo'),
    lineTo: record('lineTo'),
    quadraticCurveTo: record('quadraticCurveTo'),
    bezierCurveTo: record('bezierCurveTo'),
    closePath: record('closePath'),
    fill: record('fill'),
    stroke: record('stroke'),
    setLineDash: record('setLineDash'),
    fillText: record('fillText'),
    fillRect: record('fillRect'),
    strokeRect: record('strokeRect'),
    drawImage: record('drawImage'),
    measureText: (value: string) => ({ width: value.length * 10 }),
  } satisfies Canvas2DLike;
  return { ctx, calls };
}

describe('drawElement', () => {
  it('draws in the element frame and restores the context', () => {
    const { ctx, calls } = recorder();
    drawElement(ctx, box('rectangle', { x: 3, y: 4, rotation: 180, opacity: 0.5 }));
    expect(calls.slice(0, 3)).toEqual(['save()', 'translate(3,4)', `rotate(${Math.PI})`]);
    expect(calls.at(-1)).toBe('restore()');
    expect(ctx.globalAlpha).toBe(0.5);
  });

  it('traces the same rectangle it writes to SVG, and strokes it', () => {
    const { ctx, calls } = recorder();
    drawElement(ctx, box('rectangle'));
    expect(calls).toContain('lineTo(100,60)');
    expect(calls).toContain('stroke()');
    expect(calls).not.toContain('fill()');
  });

  it('fills the ink of a stroke', () => {
    const { ctx, calls } = recorder();
    drawElement(ctx, pencil([0, 0, 0.5, 10, 10, 0.5]));
    expect(calls.filter((call) => call.startsWith('quadraticCurveTo')).length).toBeGreaterThan(4);
    expect(calls).toContain('fill()');
  });

  it('draws compiled paths when given them instead of tracing again', () => {
    const { ctx, calls } = recorder();
    const compiled: CompiledPath[] = [];
    const element = line('arrow');
    const paints = compilePaints(element, () => {
      const path = {};
      compiled.push(path);
      return path;
    });
    drawElement(ctx, element, { paints });
    expect(compiled).toHaveLength(2);
    expect(calls.some((call) => call.startsWith('moveTo'))).toBe(false);
    expect(calls).toContain('stroke(obj)');
    expect(calls).toContain('fill(obj)');
  });

  it('writes each line of text at its baseline', () => {
    const { ctx, calls } = recorder();
    drawElement(ctx, text('one\ntwo', { bold: true }));
    expect(calls).toContain('fillText(one,0,20)');
    expect(calls).toContain('fillText(two,0,45)');
    expect(ctx.font).toMatch(/^bold 20px /);
  });

  it('draws an image from the loader, or a placeholder until it is loaded', () => {
    const picture = {};
    const loaded = recorder();
    drawElement(loaded.ctx, image(), { images: { get: () => picture } });
    expect(loaded.calls).toContain('drawImage(obj,0,0,40,30)');

    const waiting = recorder();
    drawElement(waiting.ctx, image(), { images: { get: () => undefined } });
    expect(waiting.calls).toContain('fillRect(0,0,40,30)');
    expect(waiting.calls).not.toContain('drawImage(obj,0,0,40,30)');
  });
});
