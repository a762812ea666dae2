/**
 * The server's web-app endpoints (`/app/...`). Answers are checked before use; failures come back
 * as values with a sentence for the person, never as thrown errors.
 */

export type Result<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

export interface AppConfig {
  appRooms: boolean;
}

export interface CreateRoomInput {
  name?: string;
  isRecord: boolean;
  limit: number;
}

export interface CreatedRoom {
  uuid: string;
  name: string;
  isRecord: boolean;
  limit: number;
  writerUrl: string;
  readerUrl: string;
}

const UNREACHABLE = 'The server cannot be reached. Check your connection and try again.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `message` of the server's error body, when there is one. */
async function errorMessage(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.json();
    return isRecord(body) && typeof body.message === 'string' ? body.message : undefined;
  } catch {
    return undefined;
  }
}

async function request(url: string, init?: RequestInit): Promise<Response | undefined> {
  try {
    return await fetch(url, init);
  } catch {
    return undefined;
  }
}

export async function fetchAppConfig(): Promise<Result<AppConfig>> {
  const response = await request('/app/config');
  if (!response) return { ok: false, status: 0, message: UNREACHABLE };
  if (!response.ok) {
    return {
      ok: false,
      status: response.status,
      message: 'The server did not say what it offers.',
    };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!isRecord(body) || typeof body.appRooms !== 'boolean') {
    return {
      ok: false,
      status: response.status,
      message: 'The server gave an answer this page does not understand.',
    };
  }
  return { ok: true, value: { appRooms: body.appRooms } };
}

function isCreatedRoom(body: unknown): body is CreatedRoom {
  return (
    isRecord(body) &&
    typeof body.uuid === 'string' &&
    /^[0-9a-f]{32}$/.test(body.uuid) &&
    typeof body.name === 'string' &&
    typeof body.isRecord === 'boolean' &&
    typeof body.limit === 'number' &&
    typeof body.writerUrl === 'string' &&
    body.writerUrl.startsWith('/room/') &&
    typeof body.readerUrl === 'string' &&
    body.readerUrl.startsWith('/room/')
  );
}

/** Creates a room with the server's own key; 404 means the operator turned this off. */
export async function createRoom(input: CreateRoomInput): Promise<Result<CreatedRoom>> {
  const response = await request('/app/rooms', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  if (!response) return { ok: false, status: 0, message: UNREACHABLE };
  if (response.status === 404) {
    return {
      ok: false,
      status: 404,
      message:
        "Rooms are not created here on this server: the application's own server creates them.",
    };
  }
  if (response.status !== 201) {
    const detail = await errorMessage(response);
    const message =
      response.status === 400
        ? `The server refused these settings${detail ? `: ${detail}` : '.'}`
        : 'The server could not create the room. Try again in a moment.';
    return { ok: false, status: response.status, message };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!isCreatedRoom(body)) {
    return {
      ok: false,
      status: response.status,
      message: 'The server gave an answer this page does not understand.',
    };
  }
  return { ok: true, value: body };
}
