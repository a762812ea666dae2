import type { ImageLoader } from '@whiteroom/render';

interface Entry {
  image: HTMLImageElement;
  ready: boolean;
}

/**
 * The board's images, loaded once per source. Until an image has loaded the renderer draws its
 * place; `onLoad` tells the layers to draw again when it arrives.
 */
export class ImageCache implements ImageLoader {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();

  get(src: string): HTMLImageElement | undefined {
    let entry = this.entries.get(src);
    if (!entry) {
      const image = new Image();
      const created: Entry = { image, ready: false };
      image.decoding = 'async';
      image.onload = () => {
        created.ready = image.naturalWidth > 0;
        for (const listener of [...this.listeners]) listener();
      };
      image.src = src;
      this.entries.set(src, created);
      entry = created;
    }
    return entry.ready ? entry.image : undefined;
  }

  onLoad(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
