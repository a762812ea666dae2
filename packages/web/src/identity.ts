/**
 * Who this browser is: a random user id kept in localStorage (so that undo and redo follow the
 * person across reloads) and the display name others see.
 */

const UID_KEY = 'whiteroom.uid';
const NAME_KEY = 'whiteroom.name';

export const MAX_NAME_LENGTH = 64;

function randomId(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Storage can be refused (private modes, policies): the app still works for this visit.
    return undefined;
  }
}

export function userId(): string {
  const store = storage();
  const known = store?.getItem(UID_KEY);
  if (known && /^[A-Za-z0-9]{8,64}$/.test(known)) return known;
  const fresh = randomId(20);
  store?.setItem(UID_KEY, fresh);
  return fresh;
}

export function cleanName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').slice(0, MAX_NAME_LENGTH);
}

export function storedName(): string | undefined {
  const name = cleanName(storage()?.getItem(NAME_KEY) ?? '');
  return name || undefined;
}

export function storeName(name: string): void {
  storage()?.setItem(NAME_KEY, cleanName(name));
}
