import type { Color, Element, ImageElement, MemberState, TextElement } from '@whiteroom/protocol';
import { randomId } from './ids.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An element to add: any element, with or without an id (one is made when absent). */
export type ElementInput = DistributiveOmit<Element, 'id'> & { id?: string };

export interface ImageInformation {
  src: string;
  centerX: number;
  centerY: number;
  width: number;
  height: number;
  locked?: boolean;
}

const BLACK: Color = [0, 0, 0];

export function withId(input: ElementInput): Element {
  return { ...input, id: input.id ?? randomId(16) } as Element;
}

/** Text at `(x, y)` in this member's text size and stroke colour. */
export function textElement(x: number, y: number, text: string, style: MemberState): TextElement {
  return {
    id: randomId(16),
    type: 'text',
    x,
    y,
    text,
    textSize: style.textSize ?? 16,
    textColor: style.strokeColor ?? BLACK,
  };
}

/** An image centred on `(centerX, centerY)`. */
export function imageElement(image: ImageInformation): ImageElement {
  const element: ImageElement = {
    id: randomId(16),
    type: 'image',
    x: image.centerX - image.width / 2,
    y: image.centerY - image.height / 2,
    src: image.src,
    width: image.width,
    height: image.height,
  };
  if (image.locked !== undefined) element.locked = image.locked;
  return element;
}

/**
 * A copy of an element that shares nothing with the board. Elements hold only numbers, strings,
 * booleans and arrays of numbers, so copying their arrays is enough, and it is many times faster
 * than a structured clone on a page of thousands of strokes.
 */
export function copyElement<T extends Element>(element: T): T {
  const copy: Record<string, unknown> = { ...element };
  for (const [key, value] of Object.entries(copy)) {
    if (Array.isArray(value)) copy[key] = value.slice();
  }
  return copy as T;
}
