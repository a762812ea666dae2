import { h } from './dom.js';

/**
 * Asks before something that cannot be taken back by this person alone (a page removed for
 * everyone). Resolves to true when confirmed; Escape or Cancel resolve to false.
 */
export function confirmAction(message: string, action: string): Promise<boolean> {
  return new Promise((resolve) => {
    const cancel = h(
      'button',
      { type: 'button', class: 'button secondary', 'data-testid': 'confirm-cancel' },
      'Cancel',
    );
    const ok = h(
      'button',
      { type: 'button', class: 'button danger', 'data-testid': 'confirm-ok' },
      action,
    );
    const dialog = h(
      'dialog',
      { class: 'confirm-dialog', 'data-testid': 'confirm-dialog', 'aria-label': action },
      h('p', {}, message),
      h('div', { class: 'dialog-actions' }, cancel, ok),
    );
    const close = (confirmed: boolean): void => {
      dialog.close();
      dialog.remove();
      resolve(confirmed);
    };
    cancel.addEventListener('click', () => close(false));
    ok.addEventListener('click', () => close(true));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
