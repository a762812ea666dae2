import { describe, expect, it } from 'vitest';
import { elementToSvg, elementsToSvgDocument } from '../src/index.js';
import { box, image, line, pencil, tenPerChar, text } from './fixtures.js';

/** The `d` attributes of the paths of an SVG fragment. */
function paths(svg: string): string[] {
  return [...svg.matchAll(/<path d="([^"]*)"/g)].map((match) => match[1] ?? '');
}

describe('elementToSvg', () => {
  it('draws a stroke as one filled, closed outline at its position', () => {
    const svg = elementToSvg(pencil([0, 0, 0.2, 20, 5, 0.8, 40, 0, 0.5]));
    expect(svg).toMatch(/^<g data-id="p1" data-type="pencil" transform="translate\(100 50\)">/);
    const [outline, ...rest] = paths(svg);
    expect(rest).toEqual([]);
    expect(outline).toMatch(/^M[-\d. ]+(Q[-\d. ]+)+Z$/);
    expect(svg).toContain('fill="rgb(200, 30, 30)"');
    expect(svg).not.toContain('stroke=');
  });

  it('draws a dotted stroke as a dashed centre line', () => {
    const svg = elementToSvg(pencil([0, 0, 0.5, 20, 5, 0.5, 40, 0, 0.5], { dotted: true }));
    expect(svg).toContain('fill="none"');
    expect(svg).toContain('stroke-dasharray="2 8"');
  });

  it('draws a straight line from its position to its end', () => {
    const svg = elementToSvg(line('straight', { dx: 30, dy: -40 }));
    expect(paths(svg)).toEqual(['M0 0L30 -40']);
    expect(svg).toContain('stroke="rgb(0, 0, 0)" stroke-width="2" stroke-linecap="round"');
    expect(svg).toContain('transform="translate(10 20)"');
  });

  it('draws an arrow as a shaft and a filled triangular head at the end', () => {
    const [shaft, head] = paths(elementToSvg(line('arrow')));
    expect(shaft).toBe('M0 0L88 0');
    expect(head).toBe('M100 0L88 6.6L88 -6.6Z');
  });

  it('draws a rectangle as its four corners, filled when it has a fill colour', () => {
    const svg = elementToSvg(box('rectangle', { fillColor: [10, 20, 30] }));
    expect(paths(svg)).toEqual(['M0 0L100 0L100 60L0 60Z']);
    expect(svg).toContain('fill="rgb(10, 20, 30)"');
  });

  it('draws an ellipse as four curves through the middles of its box', () => {
    const [d] = paths(elementToSvg(box('ellipse')));
    expect(d).toMatch(/^M50 0C.*C.*C.*C.*Z$/);
    expect(d).toContain(' 100 30C');
    expect(d).toContain(' 50 60C');
    expect(d).toContain(' 0 30C');
  });

  it.each([
    ['triangle', 'M50 0L100 60L0 60Z'],
    ['rhombus', 'M50 0L100 30L50 60L0 30Z'],
  ] as const)('draws a %s as its exact polygon', (shapeType, expected) => {
    expect(paths(elementToSvg(box('shape', {}, shapeType)))).toEqual([expected]);
  });

  it('draws a pentagram as ten points filling its box', () => {
    const [d] = paths(elementToSvg(box('shape', { width: 100, height: 100 }, 'pentagram')));
    const points = d?.match(/[ML]/g) ?? [];
    expect(points).toHaveLength(10);
    expect(d).toMatch(/^M50 0L/);
    expect(d).toContain('L100 ');
    expect(d).toContain('L0 ');
  });

  it('draws a speech balloon with a tail reaching the bottom of its box', () => {
    const [d] = paths(elementToSvg(box('shape', {}, 'speechBalloon')));
    expect(d).toContain('L15 60');
    expect(d).toMatch(/Z$/);
  });

  it('writes text as one tspan per line, bold and italic, escaped', () => {
    const svg = elementToSvg(
      text('a < b\nc & "d"', { bold: true, italic: true, textColor: [1, 2, 3] }),
      { measure: tenPerChar },
    );
    expect(svg).toContain('font-weight="bold"');
    expect(svg).toContain('font-style="italic"');
    expect(svg).toContain('fill="rgb(1, 2, 3)"');
    expect(svg).toContain('<tspan x="0" y="20">a &#60; b</tspan>');
    expect(svg).toContain('<tspan x="0" y="45">c &#38; &#34;d&#34;</tspan>');
  });

  it('underlines each line of underlined text', () => {
    const svg = elementToSvg(text('ab\ncd', { underline: true }), { measure: tenPerChar });
    expect(svg.match(/<rect /g)).toHaveLength(2);
  });

  it('places an image by href over its box', () => {
    const svg = elementToSvg(image({ rotation: 30, opacity: 0.5 }));
    expect(svg).toContain('transform="translate(5 5) rotate(30)"');
    expect(svg).toContain('opacity="0.5"');
    expect(svg).toContain(
      '<image href="/uploads/a/b.png" x="0" y="0" width="40" height="30" preserveAspectRatio="none"/>',
    );
  });

  it('lets the caller rewrite image sources', () => {
    const svg = elementToSvg(image(), { imageHref: (src) => `https://example.org${src}` });
    expect(svg).toContain('href="https://example.org/uploads/a/b.png"');
  });
});

describe('elementsToSvgDocument', () => {
  it('fits the view box to the elements with padding and keeps their order', () => {
    const svg = elementsToSvgDocument([box('rectangle'), image()], {
      padding: 10,
      background: [255, 255, 255],
    });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="122" height="82"/);
    expect(svg).toContain('viewBox="-11 -11 122 82"');
    expect(svg).toContain('fill="rgb(255, 255, 255)"');
    expect(svg.indexOf('data-type="rectangle"')).toBeLessThan(svg.indexOf('data-type="image"'));
  });

  it('shows the area at a given size, keeping the view box', () => {
    const svg = elementsToSvgDocument([box('rectangle')], {
      bounds: { minX: 0, minY: 0, maxX: 200, maxY: 100 },
      size: { width: 800, height: 400 },
    });
    expect(svg).toMatch(/^<svg [^>]*width="800" height="400" viewBox="0 0 200 100"/);
  });
});
