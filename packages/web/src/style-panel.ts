import { h, icon } from './dom.js';
import { ICONS } from './icons.js';
import {
  PALETTE,
  SHAPES,
  TEXT_SIZES,
  WIDTHS,
  hexColor,
  parseHexColor,
  sameColor,
  type DrawingStyle,
  type StyleState,
} from './style.js';
import type { ToolName } from './tools/tool.js';

const STROKE_TOOLS: ReadonlySet<ToolName> = new Set([
  'pencil',
  'rectangle',
  'ellipse',
  'straight',
  'arrow',
  'shape',
]);
const BOX_TOOLS: ReadonlySet<ToolName> = new Set(['rectangle', 'ellipse', 'shape']);

function group(label: string, testId: string, ...children: HTMLElement[]): HTMLElement {
  return h(
    'div',
    { class: 'style-group', role: 'group', 'aria-label': label, 'data-testid': testId },
    h('div', { class: 'style-label', 'aria-hidden': 'true' }, label),
    h('div', { class: 'style-options' }, ...children),
  );
}

/**
 * Colour, line width, fill, shape and text style for the drawing tools; only the parts that
 * matter to the current tool are shown.
 */
export class StylePanel {
  readonly element: HTMLElement;
  private readonly colorButtons: { button: HTMLButtonElement; color: DrawingStyle['color'] }[] = [];
  private readonly widthButtons: { button: HTMLButtonElement; width: number }[] = [];
  private readonly shapeButtons: { button: HTMLButtonElement; type: string }[] = [];
  private readonly sizeButtons: { button: HTMLButtonElement; size: number }[] = [];
  private readonly customColor: HTMLInputElement;
  private readonly fillButton: HTMLButtonElement;
  private readonly boldButton: HTMLButtonElement;
  private readonly italicButton: HTMLButtonElement;
  private readonly groups: Record<'color' | 'width' | 'fill' | 'shape' | 'text', HTMLElement>;

  constructor(private readonly style: StyleState) {
    const swatches = PALETTE.map(({ name, color }) => {
      const button = h('button', {
        type: 'button',
        class: 'swatch',
        'aria-label': name,
        title: name,
        'aria-pressed': 'false',
        style: `--swatch: ${hexColor(color)}`,
        'data-testid': `color-${name.toLowerCase()}`,
        onclick: () => style.set({ color }),
      });
      this.colorButtons.push({ button, color });
      return button;
    });
    this.customColor = h('input', {
      type: 'color',
      class: 'custom-color',
      'aria-label': 'Another colour',
      title: 'Another colour',
      'data-testid': 'color-custom',
    });
    this.customColor.addEventListener('input', () => {
      const color = parseHexColor(this.customColor.value);
      if (color) style.set({ color });
    });

    const widths = WIDTHS.map(({ name, width }) => {
      const button = h(
        'button',
        {
          type: 'button',
          class: 'width-button',
          'aria-label': `${name} line`,
          title: `${name} line`,
          'aria-pressed': 'false',
          'data-testid': `width-${width}`,
          onclick: () => style.set({ width }),
        },
        h('span', { class: 'width-sample', style: `height: ${Math.min(width, 12)}px` }),
      );
      this.widthButtons.push({ button, width });
      return button;
    });

    this.fillButton = h(
      'button',
      {
        type: 'button',
        class: 'icon-button small',
        'aria-label': 'Fill shapes',
        title: 'Fill shapes',
        'aria-pressed': 'false',
        'data-testid': 'style-fill',
        onclick: () => style.set({ fill: !style.value.fill }),
      },
      icon(ICONS.fill),
    );

    const shapes = SHAPES.map(({ type, name }) => {
      const button = h(
        'button',
        {
          type: 'button',
          class: 'icon-button small',
          'aria-label': name,
          title: name,
          'aria-pressed': 'false',
          'data-testid': `shape-${type}`,
          onclick: () => style.set({ shapeType: type }),
        },
        icon(ICONS[type]),
      );
      this.shapeButtons.push({ button, type });
      return button;
    });

    const sizes = TEXT_SIZES.map(({ name, size }) => {
      const button = h(
        'button',
        {
          type: 'button',
          class: 'text-size-button',
          'aria-label': `${name} text`,
          title: `${name} text`,
          'aria-pressed': 'false',
          'data-testid': `text-size-${size}`,
          onclick: () => style.set({ textSize: size }),
        },
        name.charAt(0),
      );
      this.sizeButtons.push({ button, size });
      return button;
    });
    this.boldButton = h(
      'button',
      {
        type: 'button',
        class: 'text-size-button bold',
        'aria-label': 'Bold',
        title: 'Bold',
        'aria-pressed': 'false',
        'data-testid': 'text-bold',
        onclick: () => style.set({ bold: !style.value.bold }),
      },
      'B',
    );
    this.italicButton = h(
      'button',
      {
        type: 'button',
        class: 'text-size-button italic',
        'aria-label': 'Italic',
        title: 'Italic',
        'aria-pressed': 'false',
        'data-testid': 'text-italic',
        onclick: () => style.set({ italic: !style.value.italic }),
      },
      'I',
    );

    this.groups = {
      color: group('Colour', 'style-colors', ...swatches, this.customColor),
      width: group('Line', 'style-widths', ...widths),
      fill: group('Fill', 'style-fill-group', this.fillButton),
      shape: group('Shape', 'style-shapes', ...shapes),
      text: group('Text', 'style-text', ...sizes, this.boldButton, this.italicButton),
    };
    this.element = h(
      'div',
      { class: 'style-panel island', 'data-testid': 'style-panel' },
      ...Object.values(this.groups),
    );
    style.onChange(() => this.render());
    this.render();
  }

  /** Shows what the tool uses; the panel disappears for tools that draw nothing. */
  showFor(tool: ToolName, writable: boolean): void {
    const strokes = STROKE_TOOLS.has(tool);
    const text = tool === 'text';
    this.element.hidden = !writable || (!strokes && !text);
    this.groups.color.hidden = !(strokes || text);
    this.groups.width.hidden = !strokes;
    this.groups.fill.hidden = !BOX_TOOLS.has(tool);
    this.groups.shape.hidden = tool !== 'shape';
    this.groups.text.hidden = !text;
  }

  private render(): void {
    const { value } = this.style;
    let known = false;
    for (const { button, color } of this.colorButtons) {
      const pressed = sameColor(color, value.color);
      known ||= pressed;
      button.setAttribute('aria-pressed', String(pressed));
    }
    this.customColor.value = hexColor(value.color);
    this.customColor.classList.toggle('selected', !known);
    for (const { button, width } of this.widthButtons) {
      button.setAttribute('aria-pressed', String(width === value.width));
    }
    for (const { button, type } of this.shapeButtons) {
      button.setAttribute('aria-pressed', String(type === value.shapeType));
    }
    for (const { button, size } of this.sizeButtons) {
      button.setAttribute('aria-pressed', String(size === value.textSize));
    }
    this.fillButton.setAttribute('aria-pressed', String(value.fill));
    this.boldButton.setAttribute('aria-pressed', String(value.bold));
    this.italicButton.setAttribute('aria-pressed', String(value.italic));
  }
}
