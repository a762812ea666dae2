/**
 * Opens a panel from a button; a click elsewhere or Escape closes it. Returns a function that
 * closes it from code.
 */
export function popover(button: HTMLButtonElement, panel: HTMLElement): () => void {
  panel.hidden = true;
  button.setAttribute('aria-expanded', 'false');
  if (panel.id) button.setAttribute('aria-controls', panel.id);

  const close = (): void => {
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  };
  button.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    button.setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden) panel.querySelector<HTMLElement>('button, input, a')?.focus();
  });
  document.addEventListener('pointerdown', (event) => {
    const target = event.target as Node;
    if (!panel.hidden && !panel.contains(target) && !button.contains(target)) close();
  });
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      close();
      button.focus();
    }
  });
  return close;
}
