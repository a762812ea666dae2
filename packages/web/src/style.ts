import type { Color, ShapeType } from '@whiteroom/protocol';

/** How new things are drawn: picked in the style panel, shared with the room as member state. */
export interface DrawingStyle {
  color: Color;
  width: number;
  shapeType: ShapeType;
  /** Fill boxes with a light tint of the colour. */
  fill: boolean;
  textSize: number;
  bold: boolean;
  italic: boolean;
}

export const PALETTE: readonly { name: string; color: Color }[] = [
  { name: 'Black', color: [30, 30, 30] },
  { name: 'Grey', color: [134, 142, 150] },
  { name: 'Red', color: [224, 49, 49] },
  { name: 'Orange', color: [247, 103, 7] },
  { name: 'Yellow', color: [245, 159, 0] },
  { name: 'Green', color: [47, 158, 68] },
  { name: 'Blue', color: [25, 113, 194] },
  { name: 'Violet', color: [112, 72, 232] },
];

export const WIDTHS: readonly { name: string; width: number }[] = [
  { name: 'Thin', width: 2 },
  { name: 'Medium', width: 4 },
  { name: 'Thick', width: 8 },
  { name: 'Very thick', width: 16 },
];

export const TEXT_SIZES: readonly { name: string; size: number }[] = [
  { name: 'Small', size: 16 },
  { name: 'Medium', size: 24 },
  { name: 'Large', size: 36 },
  { name: 'Huge', size: 56 },
];

export const SHAPES: readonly { type: ShapeType; name: string }[] = [
  { type: 'triangle', name: 'Triangle' },
  { type: 'rhombus', name: 'Rhombus' },
  { type: 'pentagram', name: 'Star' },
  { type: 'speechBalloon', name: 'Speech balloon' },
];

/** The light tint a box is filled with: the colour mixed with three parts of white. */
export function fillTint([r, g, b]: Color): Color {
  const mix = (c: number): number => Math.round(c + (255 - c) * 0.75);
  return [mix(r), mix(g), mix(b)];
}

export function sameColor(a: Color, b: Color): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

export function hexColor([r, g, b]: Color): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

export function parseHexColor(hex: string): Color | undefined {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return undefined;
  return [
    parseInt(match[1] ?? '0', 16),
    parseInt(match[2] ?? '0', 16),
    parseInt(match[3] ?? '0', 16),
  ];
}

/** The current drawing style, with listeners for the panels and the room. */
export class StyleState {
  private current: DrawingStyle;
  private readonly listeners = new Set<(style: DrawingStyle) => void>();

  constructor(initial: DrawingStyle) {
    this.current = initial;
  }

  get value(): Readonly<DrawingStyle> {
    return this.current;
  }

  set(partial: Partial<DrawingStyle>): void {
    this.current = { ...this.current, ...partial };
    for (const listener of [...this.listeners]) listener(this.current);
  }

  onChange(listener: (style: DrawingStyle) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
