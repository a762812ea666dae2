import type { Room, SceneState } from '@whiteroom/sdk';
import { confirmAction } from './confirm-dialog.js';
import { h, icon, replaceChildren } from './dom.js';
import { ICONS } from './icons.js';

function pagePath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** Page names made here carry no meaning; others (from an application) are shown as they are. */
function pageLabel(name: string, index: number): string {
  return name === 'init' || /^page-[a-z0-9]+$/.test(name)
    ? `Page ${index + 1}`
    : `${index + 1}. ${name}`;
}

function newPageName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `page-${Array.from(bytes, (b) => (b % 36).toString(36)).join('')}`;
}

/**
 * The pages of the current folder: go to the previous or next one, add one after the current,
 * and in the list remove or move them. The page is the room's: changing it moves everyone.
 */
export class PagesPanel {
  readonly element: HTMLElement;
  private readonly indicator: HTMLButtonElement;
  private readonly list: HTMLOListElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly add: HTMLButtonElement;
  private scenes: SceneState | undefined;
  private writable = true;

  constructor(
    private readonly room: Room,
    private readonly report: (error: unknown) => void,
  ) {
    this.prev = h(
      'button',
      {
        type: 'button',
        class: 'icon-button',
        'aria-label': 'Previous page',
        title: 'Previous page',
        'data-testid': 'page-prev',
        onclick: () => this.go(-1),
      },
      icon(ICONS.left),
    );
    this.next = h(
      'button',
      {
        type: 'button',
        class: 'icon-button',
        'aria-label': 'Next page',
        title: 'Next page',
        'data-testid': 'page-next',
        onclick: () => this.go(1),
      },
      icon(ICONS.right),
    );
    this.add = h(
      'button',
      {
        type: 'button',
        class: 'icon-button',
        'aria-label': 'Add a page',
        title: 'Add a page after this one',
        'data-testid': 'page-add',
        onclick: () => this.addPage(),
      },
      icon(ICONS.plus),
    );
    this.indicator = h('button', {
      type: 'button',
      class: 'page-indicator',
      'aria-expanded': 'false',
      'aria-controls': 'pages-list',
      title: 'All pages',
      'data-testid': 'page-indicator',
      onclick: () => this.toggleList(),
    });
    this.list = h('ol', {
      id: 'pages-list',
      class: 'pages-list island',
      'aria-label': 'Pages',
      'data-testid': 'pages-list',
      hidden: true,
    });
    this.element = h(
      'nav',
      { class: 'pages-panel island', 'aria-label': 'Pages', 'data-testid': 'pages-panel' },
      this.prev,
      this.indicator,
      this.next,
      this.add,
      this.list,
    );
  }

  render(scenes: SceneState, writable: boolean): void {
    this.scenes = scenes;
    this.writable = writable;
    const count = scenes.scenes.length;
    this.indicator.textContent = `${scenes.index + 1} / ${count}`;
    this.indicator.setAttribute('aria-label', `Page ${scenes.index + 1} of ${count}: all pages`);
    this.prev.disabled = !writable || scenes.index <= 0;
    this.next.disabled = !writable || scenes.index >= count - 1;
    this.add.hidden = !writable;

    const rows = scenes.scenes.map((scene, index) => {
      const path = pagePath(scenes.contextPath, scene.name);
      const current = index === scenes.index;
      const action = (
        label: string,
        iconName: keyof typeof ICONS,
        testId: string,
        run: () => void,
        disabled: boolean,
      ) =>
        h(
          'button',
          {
            type: 'button',
            class: 'icon-button small',
            'aria-label': `${label} ${pageLabel(scene.name, index)}`,
            title: label,
            'data-testid': testId,
            disabled: disabled || !writable,
            onclick: run,
          },
          icon(ICONS[iconName]),
        );
      return h(
        'li',
        {
          class: current ? 'page-item current' : 'page-item',
          'data-testid': 'page-item',
          'data-path': path,
        },
        h(
          'button',
          {
            type: 'button',
            class: 'page-name',
            'aria-current': current ? 'page' : undefined,
            disabled: !writable && !current,
            onclick: () => this.run(() => this.room.setScenePath(path)),
          },
          pageLabel(scene.name, index),
        ),
        action(
          'Move up',
          'up',
          'page-up',
          () => this.run(() => this.room.moveScene(path, index - 1)),
          index === 0,
        ),
        action(
          'Move down',
          'down',
          'page-down',
          () => this.run(() => this.room.moveScene(path, index + 1)),
          index === count - 1,
        ),
        action('Remove', 'close', 'page-remove', () => this.remove(path, index), count <= 1),
      );
    });
    replaceChildren(this.list, ...rows);
  }

  private toggleList(): void {
    this.list.hidden = !this.list.hidden;
    this.indicator.setAttribute('aria-expanded', String(!this.list.hidden));
  }

  private go(step: number): void {
    const scenes = this.scenes;
    const target = scenes?.scenes[scenes.index + step];
    if (!scenes || !target) return;
    this.run(() => this.room.setScenePath(pagePath(scenes.contextPath, target.name)));
  }

  private addPage(): void {
    const scenes = this.scenes;
    if (!scenes || !this.writable) return;
    const name = newPageName();
    this.run(() => {
      this.room.putScenes(scenes.contextPath, [{ name }], scenes.index + 1);
      this.room.setScenePath(pagePath(scenes.contextPath, name));
    });
  }

  private remove(path: string, index: number): void {
    const label = pageLabel(path.slice(path.lastIndexOf('/') + 1), index);
    void confirmAction(`Remove ${label} and everything on it, for everyone?`, 'Remove').then(
      (confirmed) => {
        if (confirmed) this.run(() => this.room.removeScenes(path));
      },
    );
  }

  private run(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.report(error);
    }
  }
}
