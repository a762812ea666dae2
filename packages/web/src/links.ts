/** The writer and reader links of rooms created in this tab, kept for the room page's share panel. */

export interface RoomLinks {
  writerUrl: string;
  readerUrl: string;
}

const key = (uuid: string): string => `whiteroom.links.${uuid}`;

export function saveLinks(uuid: string, links: RoomLinks): void {
  try {
    sessionStorage.setItem(key(uuid), JSON.stringify(links));
  } catch {
    // Without storage the share panel offers the page's own address instead.
  }
}

export function loadLinks(uuid: string): RoomLinks | undefined {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(key(uuid)) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const { writerUrl, readerUrl } = value as Record<string, unknown>;
    if (typeof writerUrl !== 'string' || typeof readerUrl !== 'string') return undefined;
    return { writerUrl, readerUrl };
  } catch {
    return undefined;
  }
}

/** A path such as `/room/...` as a full address to share. */
export function absoluteUrl(path: string): string {
  return new URL(path, window.location.origin).toString();
}
