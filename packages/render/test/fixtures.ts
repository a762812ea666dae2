import type {
  BoxElement,
  ImageElement,
  LineElement,
  PencilElement,
  ShapeType,
  TextElement,
} from '@whiteroom/protocol';

export const BLACK: [number, number, number] = [0, 0, 0];

export function pencil(points: number[], extra: Partial<PencilElement> = {}): PencilElement {
  return {
    id: 'p1',
    type: 'pencil',
    x: 100,
    y: 50,
    strokeColor: [200, 30, 30],
    strokeWidth: 4,
    points,
    ...extra,
  };
}

export function line(type: 'straight' | 'arrow', extra: Partial<LineElement> = {}): LineElement {
  return {
    id: 'l1',
    type,
    x: 10,
    y: 20,
    dx: 100,
    dy: 0,
    strokeColor: BLACK,
    strokeWidth: 2,
    ...extra,
  };
}

export function box(
  type: BoxElement['type'],
  extra: Partial<BoxElement> = {},
  shapeType?: ShapeType,
): BoxElement {
  const element: BoxElement = {
    id: 'b1',
    type,
    x: 0,
    y: 0,
    width: 100,
    height: 60,
    strokeColor: BLACK,
    strokeWidth: 2,
    ...extra,
  };
  if (shapeType) element.shapeType = shapeType;
  return element;
}

export function text(value: string, extra: Partial<TextElement> = {}): TextElement {
  return {
    id: 't1',
    type: 'text',
    x: 0,
    y: 0,
    text: value,
    textSize: 20,
    textColor: BLACK,
    ...extra,
  };
}

export function image(extra: Partial<ImageElement> = {}): ImageElement {
  return {
    id: 'i1',
    type: 'image',
    x: 5,
    y: 5,
    src: '/uploads/a/b.png',
    width: 40,
    height: 30,
    ...extra,
  };
}

/** Every character is ten units wide: layouts that are easy to check. */
export const tenPerChar = (value: string): number => value.length * 10;
