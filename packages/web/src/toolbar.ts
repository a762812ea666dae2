import type { ShapeType } from '@whiteroom/protocol';
import { h, icon } from './dom.js';
import { ICONS } from './icons.js';
import type { ToolName } from './tools/tool.js';

export interface ToolSpec {
  name: ToolName;
  label: string;
  /** The shortcut key, without modifiers. */
  key: string;
  /** Tools that change the board; hidden from those who may only look. */
  draws: boolean;
}

export const TOOLS: readonly ToolSpec[] = [
  { name: 'selector', label: 'Select', key: 'V', draws: true },
  { name: 'pencil', label: 'Pencil', key: 'P', draws: true },
  { name: 'eraser', label: 'Eraser', key: 'E', draws: true },
  { name: 'rectangle', label: 'Rectangle', key: 'R', draws: true },
  { name: 'ellipse', label: 'Ellipse', key: 'O', draws: true },
  { name: 'straight', label: 'Line', key: 'L', draws: true },
  { name: 'arrow', label: 'Arrow', key: 'A', draws: true },
  { name: 'shape', label: 'Shape', key: 'S', draws: true },
  { name: 'text', label: 'Text', key: 'T', draws: true },
  { name: 'laserPointer', label: 'Laser pointer', key: 'K', draws: false },
  { name: 'hand', label: 'Hand', key: 'H', draws: false },
];

export function toolForKey(key: string): ToolSpec | undefined {
  return TOOLS.find((tool) => tool.key === key.toUpperCase());
}

/** The row of tool buttons. One is pressed: the current tool. */
export class Toolbar {
  readonly element: HTMLElement;
  private readonly buttons = new Map<ToolName, HTMLButtonElement>();

  constructor(onSelect: (name: ToolName) => void) {
    this.element = h('div', {
      class: 'toolbar island',
      role: 'toolbar',
      'aria-label': 'Tools',
      'data-testid': 'toolbar',
    });
    for (const tool of TOOLS) {
      const button = h(
        'button',
        {
          type: 'button',
          class: 'icon-button',
          'aria-label': tool.label,
          'aria-pressed': 'false',
          title: `${tool.label} (${tool.key})`,
          'data-testid': `tool-${tool.name}`,
          'data-tool': tool.name,
          onclick: () => onSelect(tool.name),
        },
        icon(tool.name === 'shape' ? ICONS.triangle : ICONS[tool.name]),
        h('span', { class: 'shortcut', 'aria-hidden': 'true' }, tool.key),
      );
      this.buttons.set(tool.name, button);
      this.element.append(button);
      if (tool.name === 'eraser' || tool.name === 'text') {
        this.element.append(h('span', { class: 'separator', 'aria-hidden': 'true' }));
      }
    }
  }

  setActive(name: ToolName): void {
    for (const [tool, button] of this.buttons) {
      button.setAttribute('aria-pressed', String(tool === name));
    }
  }

  /** Hides the tools that draw from someone who may only look. */
  setWritable(writable: boolean): void {
    for (const tool of TOOLS) {
      const button = this.buttons.get(tool.name);
      if (button) button.hidden = tool.draws && !writable;
    }
    for (const separator of Array.from(this.element.querySelectorAll('.separator'))) {
      (separator as HTMLElement).hidden = !writable;
    }
  }

  /** The shape tool shows the shape it draws. */
  setShape(shapeType: ShapeType): void {
    const button = this.buttons.get('shape');
    button?.querySelector('svg')?.replaceWith(icon(ICONS[shapeType]));
  }
}
