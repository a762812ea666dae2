import type { Result } from './api.js';

/** What the server accepts as images, and how large. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

function statusMessage(status: number): string {
  switch (status) {
    case 401:
    case 403:
      return 'This link does not allow adding images.';
    case 404:
      return 'This server does not take image uploads for this room.';
    case 413:
      return 'This image is larger than 10 MB.';
    case 400:
    case 415:
      return 'Only PNG, JPEG, GIF and WebP images can be added.';
    default:
      return 'The image could not be saved by the server. Try again in a moment.';
  }
}

/** Sends an image file to the room's uploads; resolves to the URL it is served at. */
export async function uploadImage(
  roomUuid: string,
  roomToken: string,
  file: Blob,
): Promise<Result<{ url: string }>> {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) {
    return { ok: false, status: 0, message: statusMessage(415) };
  }
  if (file.size > MAX_IMAGE_BYTES) return { ok: false, status: 0, message: statusMessage(413) };

  let response: Response;
  try {
    response = await fetch(`/app/rooms/${roomUuid}/images`, {
      method: 'POST',
      headers: { token: roomToken, 'content-type': file.type },
      body: file,
    });
  } catch {
    return {
      ok: false,
      status: 0,
      message: 'The image could not be sent: the server cannot be reached.',
    };
  }
  if (response.status !== 201) {
    return { ok: false, status: response.status, message: statusMessage(response.status) };
  }
  const body: unknown = await response.json().catch(() => undefined);
  const url = (body as { url?: unknown } | undefined)?.url;
  if (typeof url !== 'string' || !url.startsWith('/uploads/')) {
    return { ok: false, status: response.status, message: statusMessage(500) };
  }
  return { ok: true, value: { url } };
}

/** The natural size of an image at a URL, or undefined when it cannot be loaded. */
export function imageSize(src: string): Promise<{ width: number; height: number } | undefined> {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () =>
      resolve(
        image.naturalWidth > 0
          ? { width: image.naturalWidth, height: image.naturalHeight }
          : undefined,
      );
    image.onerror = () => resolve(undefined);
    image.src = src;
  });
}

/** A size that fits within `max` by `max` with the same proportions, never enlarged. */
export function fitSize(
  size: { width: number; height: number },
  max: number,
): { width: number; height: number } {
  const factor = Math.min(1, max / size.width, max / size.height);
  return { width: Math.round(size.width * factor), height: Math.round(size.height * factor) };
}
