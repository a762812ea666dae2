import type { TextElement } from '@whiteroom/protocol';

/** What decides how wide a run of text is. */
export interface TextStyle {
  size: number;
  bold: boolean;
  italic: boolean;
}

/** Measures the width of one line of text in a style, in board units. */
export type TextMeasurer = (text: string, style: TextStyle) => number;

/** Fonts every platform has, so that nothing is fetched to draw text. */
export const FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Line height as a multiple of the text size. */
export const LINE_HEIGHT = 1.25;

/** Where the first baseline sits below the top of the text, as a multiple of the size. */
const FIRST_BASELINE = 1;

export function textStyle(element: TextElement): TextStyle {
  return {
    size: element.textSize,
    bold: element.bold === true,
    italic: element.italic === true,
  };
}

/** The CSS `font` shorthand of a style, as canvases take it. */
export function cssFont(style: TextStyle): string {
  return `${style.italic ? 'italic ' : ''}${style.bold ? 'bold ' : ''}${style.size}px ${FONT_FAMILY}`;
}

/**
 * An estimate for where no font metrics are at hand (a server without a canvas): an average
 * character width of sans-serif text.
 * NOTE: lines measured this way may come out a little wider or narrower than a browser draws them.
 */
export const approximateMeasurer: TextMeasurer = (text, style) =>
  text.length * style.size * (style.bold ? 0.58 : 0.54);

export interface TextLine {
  text: string;
  width: number;
  /** Baseline, below the element's top. */
  baseline: number;
}

export interface TextLayout {
  lines: TextLine[];
  /** The element's `width` when it wraps, otherwise its longest line. */
  width: number;
  height: number;
  lineHeight: number;
  style: TextStyle;
}

/** Splits a paragraph into lines no wider than `maxWidth`, breaking words only when needed. */
function wrap(paragraph: string, fits: (text: string) => boolean): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(/(?<= )/)) {
    const candidate = line + word;
    if (fits(candidate.trimEnd()) || line === '') {
      line = candidate;
    } else {
      lines.push(line.trimEnd());
      line = word;
    }
    // A single word wider than the box is cut where it must be.
    while (!fits(line.trimEnd()) && line.trimEnd().length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && !fits(line.slice(0, cut))) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  lines.push(line.trimEnd());
  return lines;
}

/** Lays a text element out in lines: its paragraphs, wrapped to its `width` when it has one. */
export function layoutText(
  element: TextElement,
  measure: TextMeasurer = approximateMeasurer,
): TextLayout {
  const style = textStyle(element);
  const lineHeight = style.size * LINE_HEIGHT;
  const maxWidth = element.width ?? 0;
  const fits = (text: string): boolean => measure(text, style) <= maxWidth;

  const texts = element.text
    .split('\n')
    .flatMap((paragraph) => (maxWidth > 0 ? wrap(paragraph, fits) : [paragraph]));
  const lines = texts.map((text, i) => ({
    text,
    width: measure(text, style),
    baseline: i * lineHeight + style.size * FIRST_BASELINE,
  }));
  const longest = Math.max(0, ...lines.map((line) => line.width));
  return {
    lines,
    width: maxWidth > 0 ? maxWidth : longest,
    height: lines.length * lineHeight,
    lineHeight,
    style,
  };
}
