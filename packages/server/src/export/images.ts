import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element } from '@whiteroom/protocol';

/**
 * Where this server keeps uploaded images, as `routes/uploads.ts` serves them:
 * `/uploads/{room}/{sha256}.{ext}`. The name is the content's hash, so the same path on any host
 * names the same bytes.
 */
const UPLOAD_PATH = /^\/uploads\/([0-9a-f]{32})\/([0-9a-f]{64})\.(png|jpg|gif|webp)$/;

const MIME_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** The URL path of an image source, relative (`/uploads/...`) or absolute. */
function pathOf(src: string): string | undefined {
  if (src.startsWith('/') && !src.startsWith('//')) return src.split(/[?#]/)[0];
  try {
    const url = new URL(src);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.pathname : undefined;
  } catch {
    return undefined;
  }
}

/** The images of some elements that can be embedded, as data URLs by their `src`. */
export interface EmbeddedImages {
  hrefs: Map<string, string>;
  /** Sources that were left out: not this server's uploads, or no longer on disk. */
  omitted: string[];
}

/**
 * Reads the uploads the elements show from the data folder, to embed them in the picture.
 * NOTE: images from elsewhere are left out rather than fetched: an export must not make the server
 * request addresses that a room's writers chose, nor depend on other sites being up.
 */
export async function embedImages(
  elements: readonly Element[],
  uploadsDir: string,
): Promise<EmbeddedImages> {
  const hrefs = new Map<string, string>();
  const omitted: string[] = [];
  const sources = new Set<string>();
  for (const element of elements) if (element.type === 'image') sources.add(element.src);

  for (const src of sources) {
    const match = UPLOAD_PATH.exec(pathOf(src) ?? '');
    const [, room, hash, ext] = match ?? [];
    if (!room || !hash || !ext) {
      omitted.push(src);
      continue;
    }
    const bytes = await readFile(path.join(uploadsDir, room, `${hash}.${ext}`)).catch(
      () => undefined,
    );
    if (bytes) hrefs.set(src, `data:${MIME_TYPES[ext]};base64,${bytes.toString('base64')}`);
    else omitted.push(src);
  }
  return { hrefs, omitted };
}
