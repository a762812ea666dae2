/**
 * Whether a room is recorded, so that the room page can offer its replay: the replay API's
 * summary answers for a recorded room (readers may ask), and refuses a persistent one.
 */
export async function isRecorded(uuid: string, token: string): Promise<boolean> {
  try {
    const response = await fetch(`/v5/rooms/${uuid}/history`, {
      headers: { token, accept: 'application/json' },
    });
    return response.ok;
  } catch {
    // Unknown: the room page goes on without the link.
    return false;
  }
}

/** The token in a room link (`/room/{uuid}?token=...`), when there is one. */
export function tokenOf(link: string): string | undefined {
  try {
    return new URL(link, 'http://whiteroom.invalid').searchParams.get('token') ?? undefined;
  } catch {
    return undefined;
  }
}
