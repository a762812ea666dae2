import { isTypingTarget } from './dom.js';
import { toolForKey } from './toolbar.js';
import type { Tool, ToolName } from './tools/tool.js';

export interface KeyboardActions {
  selectTool(name: ToolName): void;
  currentTool(): Tool;
  undo(): void;
  redo(): void;
  /** Space held or released: drag to pan. */
  setSpaceHeld(held: boolean): void;
}

/**
 * The board's shortcuts: a letter per tool, Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y), Delete
 * for the selection, Escape, and space to pan. Keys typed into a field are left alone.
 */
export function bindKeyboard(actions: KeyboardActions): () => void {
  const onKeyDown = (event: KeyboardEvent): void => {
    // A field, or an open dialog, has the keys.
    if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
    const command = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();

    if (command && key === 'z') {
      event.preventDefault();
      if (event.shiftKey) actions.redo();
      else actions.undo();
      return;
    }
    if (command && key === 'y') {
      event.preventDefault();
      actions.redo();
      return;
    }
    if (command || event.altKey) return;

    if (event.key === ' ') {
      event.preventDefault();
      actions.setSpaceHeld(true);
      return;
    }
    if (actions.currentTool().keyDown?.(event)) {
      event.preventDefault();
      return;
    }
    const tool = event.key.length === 1 ? toolForKey(event.key) : undefined;
    if (tool) {
      event.preventDefault();
      actions.selectTool(tool.name);
    }
  };
  const onKeyUp = (event: KeyboardEvent): void => {
    if (event.key === ' ') actions.setSpaceHeld(false);
  };
  window.addEventListener('keydown', onKeyDown);
  window.addEventListener('keyup', onKeyUp);
  return () => {
    window.removeEventListener('keydown', onKeyDown);
    window.removeEventListener('keyup', onKeyUp);
  };
}
