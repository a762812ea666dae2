import type { FastifyRequest } from 'fastify';
import type { RoomHub } from '../realtime/room-hub.js';
import type { Storage } from '../storage/storage.js';

/** What every route module is given. */
export interface RouteContext {
  storage: Storage;
  /** The region recorded on rooms whose creation request names none. */
  defaultRegion: string;
  /** The live rooms, which bans and page changes made over REST reach at once. */
  hub: RoomHub;
}

/**
 * The token of a request: the `token` header, or, where `allowQuery` (the legacy API, whose older
 * documentation put it there), the `?token=` query parameter.
 */
export function tokenOf(request: FastifyRequest, allowQuery: boolean): string | undefined {
  const header = request.headers.token;
  if (typeof header === 'string' && header !== '') return header;
  if (allowQuery) {
    const query = request.query as { token?: unknown } | undefined;
    if (typeof query?.token === 'string') return query.token;
  }
  return undefined;
}

export function regionOf(request: FastifyRequest, fallback: string): string {
  const region = request.headers.region;
  return typeof region === 'string' && region !== '' ? region : fallback;
}
