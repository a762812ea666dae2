/** The REST calls the realtime benchmark makes before it connects anyone. */
import { mintToken } from '@whiteroom/token';
import { settleLimited } from './limited.js';

/** The key pair every benchmark server is started with. */
export const BENCH_KEY_PAIR = { accessKey: 'bench-ak', secretAccessKey: 'bench-sk' } as const;

/** An admin sdkToken of the benchmark's key pair; members may join with it directly. */
export function benchSdkToken(): string {
  return mintToken('sdk', { ...BENCH_KEY_PAIR, role: 'admin' });
}

/** Creates a room; resolves to its uuid. */
export async function createRoom(url: string, sdkToken: string): Promise<string> {
  const response = await fetch(`${url}/v5/rooms`, {
    method: 'POST',
    headers: { token: sdkToken, 'content-type': 'application/json' },
    body: '{}',
  });
  const room: unknown = await response.json();
  if (response.status !== 201 || !hasUuid(room)) {
    throw new Error(`creating a room answered ${response.status}`);
  }
  return room.uuid;
}

/** Creates `count` rooms, `concurrency` requests at a time; throws if any failed. */
export async function createRooms(
  url: string,
  sdkToken: string,
  count: number,
  concurrency: number,
): Promise<string[]> {
  const results = await settleLimited(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    () => createRoom(url, sdkToken),
  );
  const uuids: string[] = [];
  for (const result of results) {
    if (result.status === 'rejected') throw result.reason;
    uuids.push(result.value);
  }
  return uuids;
}

const hasUuid = (value: unknown): value is { uuid: string } =>
  typeof value === 'object' && value !== null && 'uuid' in value && typeof value.uuid === 'string';
