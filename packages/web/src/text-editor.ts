import type { TextElement } from '@whiteroom/protocol';
import type { Room } from '@whiteroom/sdk';
import { cssColor, cssFont, LINE_HEIGHT, type Point } from '@whiteroom/render';
import type { BoardStore } from './board-store.js';
import type { Camera } from './camera.js';
import type { StyleState } from './style.js';
import { round2 } from './tools/tool.js';

/** What the text area takes from the text it edits. */
type TextLook = Pick<TextElement, 'textSize' | 'textColor' | 'bold' | 'italic' | 'width'>;

interface Editing {
  textarea: HTMLTextAreaElement;
  /** The text being changed; undefined for a new one. */
  element: TextElement | undefined;
  at: Point;
}

/**
 * Typing on the board: a text area over the canvas, where the text will be, in its size and
 * colour. A new text is added when the editing ends; an existing one is changed in one update.
 */
export class TextEditor {
  private editing: Editing | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly room: Room,
    private readonly store: BoardStore,
    private readonly camera: Camera,
    private readonly style: StyleState,
    private readonly report: (error: unknown) => void,
  ) {
    camera.onChange(() => this.place());
  }

  get active(): boolean {
    return this.editing !== undefined;
  }

  create(at: Point): void {
    const { value } = this.style;
    this.open(undefined, { x: round2(at.x), y: round2(at.y) }, '', {
      textSize: value.textSize,
      textColor: value.color,
      bold: value.bold,
      italic: value.italic,
    });
  }

  edit(element: TextElement): void {
    this.store.hide([element.id]);
    this.open(element, { x: element.x, y: element.y }, element.text, element);
  }

  /** Ends the editing, keeping what was typed. */
  commit(): void {
    const editing = this.editing;
    if (!editing) return;
    this.close();
    const text = editing.textarea.value.replace(/\s+$/, '');
    const { element } = editing;
    try {
      if (!element) {
        if (text.trim() === '') return;
        const { value } = this.style;
        this.room.addElement({
          type: 'text',
          x: editing.at.x,
          y: editing.at.y,
          text,
          textSize: value.textSize,
          textColor: value.color,
          ...(value.bold && { bold: true }),
          ...(value.italic && { italic: true }),
        });
      } else if (text.trim() === '') {
        this.room.removeElements([element.id]);
      } else if (text !== element.text) {
        this.room.updateElement(element.id, { text });
      }
    } catch (error) {
      this.report(error);
    } finally {
      if (element) this.store.unhide([element.id]);
    }
  }

  private open(element: TextElement | undefined, at: Point, text: string, look: TextLook): void {
    this.commit();
    const textarea = document.createElement('textarea');
    textarea.className = 'text-editor';
    textarea.value = text;
    textarea.spellcheck = true;
    textarea.setAttribute('aria-label', element ? 'Edit text' : 'New text');
    textarea.setAttribute('data-testid', 'text-editor');
    textarea.dataset.size = String(look.textSize);
    textarea.dataset.bold = String(look.bold === true);
    textarea.dataset.italic = String(look.italic === true);
    textarea.style.color = cssColor(look.textColor);
    if (look.width !== undefined) textarea.dataset.width = String(look.width);

    textarea.addEventListener('input', () => this.fit());
    textarea.addEventListener('blur', () => this.commit());
    textarea.addEventListener('keydown', (event) => {
      event.stopPropagation();
      if (event.key === 'Escape' || (event.key === 'Enter' && (event.ctrlKey || event.metaKey))) {
        event.preventDefault();
        this.commit();
      }
    });

    this.editing = { textarea, element, at };
    this.container.append(textarea);
    this.place();
    // After the pointer event that opened it, or the board would take the focus back.
    requestAnimationFrame(() => {
      textarea.focus();
      textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    });
  }

  private close(): void {
    const editing = this.editing;
    this.editing = undefined;
    editing?.textarea.remove();
  }

  /** Puts the text area where the text is on screen, at the camera's zoom. */
  private place(): void {
    const editing = this.editing;
    if (!editing) return;
    const { textarea, at } = editing;
    const scale = this.camera.scale;
    const size = Number(textarea.dataset.size) * scale;
    const screen = this.camera.boardToScreen(at.x, at.y);
    textarea.style.left = `${screen.x}px`;
    textarea.style.top = `${screen.y}px`;
    textarea.style.font = cssFont({
      size,
      bold: textarea.dataset.bold === 'true',
      italic: textarea.dataset.italic === 'true',
    });
    textarea.style.lineHeight = String(LINE_HEIGHT);
    const width = textarea.dataset.width;
    textarea.style.whiteSpace = width ? 'pre-wrap' : 'pre';
    if (width) textarea.style.width = `${Number(width) * scale}px`;
    this.fit();
  }

  /** Grows the text area with what is typed. */
  private fit(): void {
    const textarea = this.editing?.textarea;
    if (!textarea) return;
    textarea.style.height = '0px';
    textarea.style.height = `${textarea.scrollHeight}px`;
    if (!textarea.dataset.width) {
      textarea.style.width = '0px';
      textarea.style.width = `${textarea.scrollWidth + 4}px`;
    }
  }
}
