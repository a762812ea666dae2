/** A small helper to build DOM trees without a framework. */

type Child = Node | string | null | undefined | false;
type Listener = (event: Event) => void;
type Props = Record<string, string | number | boolean | Listener | undefined>;

/**
 * `h('button', { class: 'x', 'aria-label': 'Undo', onclick: undo }, 'Undo')`: attributes by name,
 * `on...` keys as listeners, `true` as an empty attribute; false and undefined are left out.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** An inline SVG icon from trusted markup kept in this app. */
export function icon(markup: string): SVGElement {
  const template = document.createElement('template');
  template.innerHTML = markup.trim();
  return template.content.firstElementChild as SVGElement;
}

/** True when keys typed go into a field rather than to the board's shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement &&
      !['button', 'checkbox', 'radio', 'color'].includes(target.type)) ||
    target instanceof HTMLSelectElement
  );
}
