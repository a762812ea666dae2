import { h, icon } from './dom.js';
import { ICONS } from './icons.js';

/** A link shown in full with a button that copies it. */
export function copyField(label: string, value: string, testId: string): HTMLElement {
  const input = h('input', {
    type: 'text',
    readonly: true,
    value,
    'aria-label': label,
    'data-testid': `${testId}-url`,
  });
  input.addEventListener('focus', () => input.select());
  const status = h('span', { class: 'copy-status', role: 'status' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'button secondary',
      'data-testid': `${testId}-copy`,
      onclick: () => {
        void copyText(value, input).then((copied) => {
          status.textContent = copied ? 'Copied' : 'Select the link and copy it';
          setTimeout(() => (status.textContent = ''), 2_500);
        });
      },
    },
    icon(ICONS.copy),
    'Copy',
  );
  return h(
    'div',
    { class: 'copy-field', 'data-testid': testId },
    h('label', {}, label),
    h('div', { class: 'copy-row' }, input, button, status),
  );
}

async function copyText(text: string, fallback: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Without clipboard permission (plain http, some browsers) the text is selected instead.
    fallback.focus();
    fallback.select();
    return false;
  }
}
