import type { Room } from '@whiteroom/sdk';
import type { Camera } from './camera.js';
import { h, icon } from './dom.js';
import { ICONS } from './icons.js';
import { actionErrorMessage } from './messages.js';
import { popover } from './popover.js';
import { IMAGE_TYPES, fitSize, imageSize, uploadImage } from './upload.js';

/** Images take at most this share of the view when they are placed. */
const VIEW_SHARE = 0.6;
/** The size given to an image whose own size cannot be read. */
const FALLBACK_SIZE = { width: 320, height: 240 };

/** Puts images on the board at the centre of the view: uploaded files, or links. */
export class ImageInserter {
  readonly element: HTMLElement;
  private readonly closePanel: () => void;

  constructor(
    private readonly room: Room,
    private readonly camera: Camera,
    private readonly roomToken: string,
    private readonly say: (message: string) => void,
  ) {
    const file = h('input', {
      type: 'file',
      accept: IMAGE_TYPES.join(','),
      class: 'visually-hidden',
      'data-testid': 'image-file',
      tabindex: '-1',
    });
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      file.value = '';
      this.closePanel();
      if (chosen) void this.insertFile(chosen);
    });
    const url = h('input', {
      type: 'url',
      placeholder: 'https://…',
      'aria-label': 'Image link',
      'data-testid': 'image-url',
    });
    const form = h(
      'form',
      { class: 'image-url-form' },
      url,
      h(
        'button',
        { type: 'submit', class: 'button secondary', 'data-testid': 'image-url-add' },
        'Add',
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = url.value.trim();
      if (!value) return;
      url.value = '';
      this.closePanel();
      void this.insertUrl(value);
    });

    const panel = h(
      'div',
      { id: 'image-panel', class: 'popover image-popover island', 'data-testid': 'image-panel' },
      h('h2', {}, 'Add an image'),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          'data-testid': 'image-upload',
          onclick: () => file.click(),
        },
        'Upload from this device…',
      ),
      h(
        'p',
        { class: 'hint' },
        'PNG, JPEG, GIF or WebP, up to 10 MB. You can also paste or drop one on the board.',
      ),
      h('label', { class: 'field-label' }, 'Or add one from a link'),
      form,
      file,
    );
    const button = h(
      'button',
      {
        type: 'button',
        class: 'icon-button',
        'aria-label': 'Add an image',
        title: 'Add an image',
        'data-testid': 'action-image',
      },
      icon(ICONS.image),
    );
    this.closePanel = popover(button, panel);
    this.element = h('div', { class: 'popover-anchor' }, button, panel);
  }

  async insertFile(file: File): Promise<void> {
    this.say('Sending the image…');
    const uploaded = await uploadImage(this.room.uuid, this.roomToken, file);
    if (!uploaded.ok) {
      this.say(uploaded.message);
      return;
    }
    await this.place(uploaded.value.url);
  }

  async insertUrl(link: string): Promise<void> {
    let url: URL;
    try {
      url = new URL(link, window.location.href);
    } catch {
      this.say('That is not a link to an image.');
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      this.say('Only http and https links can be added.');
      return;
    }
    await this.place(url.toString());
  }

  private async place(src: string): Promise<void> {
    const natural = await imageSize(src);
    if (!natural) this.say('The image could not be loaded; it is added in its place anyway.');
    const max = (Math.min(this.camera.width, this.camera.height) * VIEW_SHARE) / this.camera.scale;
    const size = fitSize(natural ?? FALLBACK_SIZE, max);
    try {
      this.room.insertImage({
        src,
        centerX: Math.round(this.camera.centerX),
        centerY: Math.round(this.camera.centerY),
        width: Math.max(1, size.width),
        height: Math.max(1, size.height),
      });
    } catch (error) {
      this.say(actionErrorMessage(error));
    }
  }
}
