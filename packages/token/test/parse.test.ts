import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  mintRoomToken,
  mintSdkToken,
  mintTaskToken,
  parseToken,
  verifyParsedToken,
  verifyToken,
  type VerifyOptions,
  type VerifyResult,
} from '../src/index.js';
import {
  AK,
  NOW,
  PREFIX,
  ROOM_UUID,
  SK,
  knownKey,
  signedToken,
  tokenFromPairs,
  withField,
} from './helpers.js';

const base = { accessKey: AK, secretAccessKey: SK, nonce: 'nonce-1', now: NOW };
const room = mintRoomToken({ ...base, role: 'writer', uuid: ROOM_UUID, lifespan: 60_000 });

const tokens: [string, string][] = [
  ['an sdk token', mintSdkToken({ ...base, role: 'admin' })],
  ['a room token', room],
  ['a task token', mintTaskToken({ ...base, role: 'reader', uuid: 'task-1', lifespan: 1_000 })],
  ['a token of an unknown key', mintSdkToken({ ...base, accessKey: 'other', role: 'admin' })],
  [
    'a token signed with another secret',
    mintSdkToken({ ...base, secretAccessKey: 'x', role: 'admin' }),
  ],
  ['a token with a changed role', withField(room, 'role', '0')],
  [
    'a token without sig',
    tokenFromPairs('sdk', [
      ['ak', AK],
      ['nonce', 'n'],
      ['role', '0'],
    ]),
  ],
  ['a token with an unknown prefix', room.replace(PREFIX.room, 'NETLESSXYZ_')],
  ['not a token', 'hello'],
];

const clocks: [string, VerifyOptions][] = [
  ['now', knownKey()],
  ['after expiry', knownKey(SK, NOW + 3_600_000)],
  ['with another secret', knownKey('another-secret')],
];

/** The two-step verification a server does when it looks its key up itself. */
function verifyInTwoSteps(token: string, options: VerifyOptions): VerifyResult {
  const parsed = parseToken(token);
  if (!parsed) return { ok: false, reason: 'invalidFormat' };

  const secret = options.secretFor(parsed.claims.accessKey);
  if (secret === undefined) return { ok: false, reason: 'unknownKey' };
  return verifyParsedToken(parsed, secret, options.now);
}

describe('parseToken and verifyParsedToken', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(
    tokens.flatMap(([name, token]) => clocks.map(([clock, o]) => [name, clock, token, o] as const)),
  )('give the same result as verifyToken for %s, %s', (_, __, token, options) => {
    expect(verifyInTwoSteps(token, options)).toEqual(verifyToken(token, options));
  });

  it('parses exactly the tokens verifyToken does not call invalidFormat', () => {
    for (const [, token] of tokens) {
      const unreadable = verifyToken(token, knownKey());
      expect(parseToken(token) === undefined).toBe(
        !unreadable.ok && unreadable.reason === 'invalidFormat',
      );
    }
  });

  it('reads the claims, the signed fields and the sig before checking anything', () => {
    const forged = withField(room, 'role', '0');

    const parsed = parseToken(forged);

    expect(parsed).toBeDefined();
    expect(parsed?.claims).toEqual({
      kind: 'room',
      accessKey: AK,
      role: 'admin',
      nonce: 'nonce-1',
      uuid: ROOM_UUID,
      expireAt: NOW + 60_000,
    });
    expect(parsed?.signedFields).toEqual({
      ak: AK,
      expireAt: String(NOW + 60_000),
      nonce: 'nonce-1',
      role: '0',
      uuid: ROOM_UUID,
    });
    expect(parsed?.sig).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps fields it does not know in the signed fields', () => {
    const token = signedToken('sdk', { ak: AK, nonce: 'n', role: '2', team: 'blue' });

    expect(parseToken(token)?.signedFields).toMatchObject({ team: 'blue' });
    expect(verifyToken(token, knownKey()).ok).toBe(true);
  });

  it('checks expiry against the current time when no clock is given', () => {
    vi.useFakeTimers({ now: NOW + 59_999 });
    const parsed = parseToken(room);
    if (!parsed) throw new Error('the room token does not parse');
    const { secretFor } = knownKey();

    expect(verifyParsedToken(parsed, SK).ok).toBe(true);
    expect(verifyToken(room, { secretFor }).ok).toBe(true);

    vi.setSystemTime(NOW + 60_000);
    expect(verifyParsedToken(parsed, SK)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyToken(room, { secretFor })).toEqual({ ok: false, reason: 'expired' });
  });
});
