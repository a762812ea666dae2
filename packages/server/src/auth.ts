import {
  parseToken,
  roleAtLeast,
  roleToCode,
  verifyParsedToken,
  type Role,
  type TokenClaims,
} from '@whiteroom/token';
import { ApiError } from './http/api-error.js';
import type { KeyPairRecord, Storage } from './storage/storage.js';

/** Who is calling, once their token has been verified. */
export interface Caller {
  claims: TokenClaims;
  keyPair: KeyPairRecord;
  role: Role;
}

/**
 * Verifies a token: its format, its access key, its signature, its expiry, and that its key pair is
 * enabled, in that order, answering each failure with the message clients know.
 */
export async function authenticate(
  storage: Storage,
  token: string | undefined,
  now = Date.now(),
): Promise<Caller> {
  if (token === undefined || token === '') throw new ApiError('tokenMissing');

  const parsed = parseToken(token);
  if (!parsed) throw new ApiError('tokenInvalidFormat');

  const keyPair = await storage.keyPairs.findByAccessKey(parsed.claims.accessKey);
  if (!keyPair) throw new ApiError('tokenTeamForbidden');

  const result = verifyParsedToken(parsed, keyPair.secretAccessKey, now);
  if (!result.ok) {
    throw new ApiError(result.reason === 'expired' ? 'tokenExpired' : 'tokenInvalidSignature');
  }
  if (keyPair.disabled) throw new ApiError('tokenTeamForbidden');

  return { claims: result.claims, keyPair, role: result.claims.role };
}

function refuseRole(caller: Caller): never {
  throw new ApiError('tokenRoleForbidden', { role: roleToCode(caller.role) });
}

/** Team-level operations (creating and listing rooms, minting tokens) need an sdkToken. */
export function requireSdkToken(caller: Caller, atLeast: Role = 'reader'): void {
  if (caller.claims.kind !== 'sdk') {
    throw new ApiError('tokenTeamForbidden', { details: ['this endpoint needs an sdkToken'] });
  }
  if (!roleAtLeast(caller.role, atLeast)) refuseRole(caller);
}

/**
 * Operations on one room accept an sdkToken of the room's key pair (with the power of its own role)
 * or a room token of that very room. Whether the room exists in the caller's app is checked after.
 */
export function requireRoomAccess(caller: Caller, roomUuid: string, atLeast: Role): void {
  const { kind, uuid } = caller.claims;
  if (kind === 'task' || (kind === 'room' && uuid !== roomUuid)) {
    throw new ApiError('tokenRoomForbidden');
  }
  if (!roleAtLeast(caller.role, atLeast)) refuseRole(caller);
}

/** A caller can only mint tokens of equal or lesser power than its own. */
export function requireMayGrant(caller: Caller, requested: Role): void {
  if (!roleAtLeast(caller.role, requested)) refuseRole(caller);
}
