import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  TOKEN_PREFIXES,
  mintRoomToken,
  mintSdkToken,
  mintTaskToken,
  mintToken,
  parseToken,
  verifyToken,
  type MintOptions,
  type Role,
  type TokenKind,
} from '../src/index.js';
import { AK, NOW, ROOM_UUID, SK, decodePairs, knownKey } from './helpers.js';

const keys = { accessKey: AK, secretAccessKey: SK };
const base = { ...keys, nonce: 'nonce-1', now: NOW };
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('minting', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('uses the three Netless prefixes', () => {
    expect(TOKEN_PREFIXES).toEqual({
      sdk: 'NETLESSSDK_',
      room: 'NETLESSROOM_',
      task: 'NETLESSTASK_',
    });
  });

  it('mints with the shorthands what mintToken mints', () => {
    const options = { ...base, role: 'writer', lifespan: 1_000, uuid: ROOM_UUID } as const;

    expect(mintSdkToken({ ...base, role: 'writer', lifespan: 1_000 })).toBe(
      mintToken('sdk', options),
    );
    expect(mintRoomToken(options)).toBe(mintToken('room', options));
    expect(mintTaskToken(options)).toBe(mintToken('task', options));
  });

  it.each(
    (['sdk', 'room', 'task'] as const).flatMap((kind) =>
      (['admin', 'writer', 'reader'] as const).map((role) => [kind, role] as [TokenKind, Role]),
    ),
  )('mints a %s token for a %s that verifies with the same claims', (kind, role) => {
    const token = mintToken(kind, { ...base, role, lifespan: 5_000, uuid: 'some-uuid' });

    expect(token.startsWith(TOKEN_PREFIXES[kind])).toBe(true);
    expect(verifyToken(token, knownKey())).toEqual({
      ok: true,
      claims: {
        kind,
        accessKey: AK,
        role,
        nonce: 'nonce-1',
        expireAt: NOW + 5_000,
        ...(kind === 'sdk' ? {} : { uuid: 'some-uuid' }),
      },
    });
  });

  it('writes the fields sorted, sig included', () => {
    const token = mintRoomToken({ ...base, role: 'reader', uuid: ROOM_UUID, lifespan: 1 });

    expect(decodePairs(token).map(([name]) => name)).toEqual([
      'ak',
      'expireAt',
      'nonce',
      'role',
      'sig',
      'uuid',
    ]);
  });

  it('leaves expireAt out of a token with no lifespan', () => {
    const token = mintSdkToken({ ...base, role: 'admin' });

    expect(decodePairs(token).map(([name]) => name)).not.toContain('expireAt');
    expect(verifyToken(token, knownKey(SK, Number.MAX_SAFE_INTEGER)).ok).toBe(true);
  });

  it('leaves a uuid out of an sdk token', () => {
    const options: MintOptions = { ...base, role: 'admin', uuid: ROOM_UUID };

    expect(mintToken('sdk', options)).toBe(mintSdkToken({ ...base, role: 'admin' }));
  });

  it('draws a fresh random nonce when none is given', () => {
    const first = mintSdkToken({ ...keys, now: NOW, role: 'admin' });
    const second = mintSdkToken({ ...keys, now: NOW, role: 'admin' });

    expect(first).not.toBe(second);
    expect(parseToken(first)?.claims.nonce).toMatch(UUID_V4);
    expect(parseToken(second)?.claims.nonce).not.toBe(parseToken(first)?.claims.nonce);
  });

  it('counts the lifespan from the current time when no clock is given', () => {
    vi.useFakeTimers({ now: NOW });
    const token = mintSdkToken({ ...keys, nonce: 'nonce-1', role: 'admin', lifespan: 60_000 });

    expect(parseToken(token)?.claims.expireAt).toBe(NOW + 60_000);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'throws a RangeError for a lifespan of %d',
    (lifespan) => {
      expect(() => mintSdkToken({ ...base, role: 'admin', lifespan })).toThrow(RangeError);
    },
  );

  it.each(['room', 'task'] as const)('throws a TypeError for a %s token without uuid', (kind) => {
    expect(() => mintToken(kind, { ...base, role: 'admin' })).toThrow(TypeError);
  });

  it('puts neither the secret nor the signed JSON in the token', () => {
    const secret = 'a-very-recognisable-secret';
    const token = mintSdkToken({ ...base, secretAccessKey: secret, role: 'admin' });
    const query = Buffer.from(token.slice(TOKEN_PREFIXES.sdk.length), 'base64url').toString();

    expect(query).not.toContain(secret);
    expect(query).not.toContain('{');
  });
});
