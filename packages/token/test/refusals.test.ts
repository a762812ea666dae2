import { describe, expect, it, vi } from 'vitest';
import { verifyToken, type TokenFailureReason, type VerifyOptions } from '../src/index.js';
import {
  AK,
  NOW,
  PREFIX,
  ROOM_UUID,
  SK,
  base64Url,
  decodePairs,
  knownKey,
  referenceSig,
  signedToken,
  tokenFromPairs,
  tokenFromQuery,
  withField,
} from './helpers.js';

const EXPIRE_AT = NOW + 60_000;
const roomFields = {
  ak: AK,
  nonce: 'nonce-1',
  role: '1',
  uuid: ROOM_UUID,
  expireAt: String(EXPIRE_AT),
};
const valid = signedToken('room', roomFields);
const validBody = valid.slice(PREFIX.room.length);

/** The room fields without the one named, signed correctly, so only the format can be at fault. */
function without(name: string, kind: 'sdk' | 'room' | 'task' = 'room'): string {
  const rest = Object.fromEntries(Object.entries(roomFields).filter(([n]) => n !== name));
  return signedToken(kind, rest);
}

function withSig(sig: string): string {
  return tokenFromPairs('room', [...Object.entries(roomFields), ['sig', sig]]);
}

const sig = referenceSig(SK, roomFields);
const wrongBySecret = signedToken('room', roomFields, 'another-secret');

const malformed: [string, string][] = [
  ['an empty string', ''],
  ['plain text', 'hello'],
  ['a header value with a scheme', `Bearer ${valid}`],
  ['a token with white space around it', ` ${valid}\n`],
  ['an unknown prefix', `NETLESSAPP_${validBody}`],
  ['a prefix in lower case', `netlessroom_${validBody}`],
  ['a prefix with no body', PREFIX.room],
  ['a body with characters outside base64url', `${PREFIX.room}${validBody.slice(0, 8)}+/==`],
  ['a body with a character outside base64', `${PREFIX.room}${validBody}!`],
  ['a body of impossible length', `${PREFIX.room}YWs9Y`],
  ['a body with too much padding', `${PREFIX.room}YWs9YQ===`],
  ['a body that is not UTF-8', PREFIX.room + base64Url(new Uint8Array([0x61, 0x6b, 0x3d, 0xff]))],
  ['a body that is not a query', tokenFromQuery('room', '{"ak":"test-ak"}')],
  ['a token without ak', without('ak')],
  ['a token without nonce', without('nonce')],
  ['a token without role', without('role')],
  ['a token without sig', tokenFromPairs('room', Object.entries(roomFields))],
  ['a token with an empty ak', signedToken('room', { ...roomFields, ak: '' })],
  ['a token with an empty nonce', signedToken('room', { ...roomFields, nonce: '' })],
  ['a role of 3', signedToken('room', { ...roomFields, role: '3' })],
  ['a role of -1', signedToken('room', { ...roomFields, role: '-1' })],
  ['a role of 01', signedToken('room', { ...roomFields, role: '01' })],
  ['a role written as a name', signedToken('room', { ...roomFields, role: 'admin' })],
  ['an empty role', signedToken('room', { ...roomFields, role: '' })],
  [
    'a role named after an Object property',
    signedToken('room', { ...roomFields, role: 'toString' }),
  ],
  ['a sig of 63 hex digits', withSig(sig.slice(1))],
  ['a sig of 65 hex digits', withSig(`${sig}0`)],
  ['a sig with a letter that is not hex', withSig(`g${sig.slice(1)}`)],
  ['a sig in upper-case hex', withSig(sig.toUpperCase())],
  ['an empty sig', withSig('')],
  ['a room token without uuid', without('uuid')],
  ['a task token without uuid', without('uuid', 'task')],
  ['a room token with an empty uuid', signedToken('room', { ...roomFields, uuid: '' })],
  ['an expireAt that is not a number', signedToken('room', { ...roomFields, expireAt: 'soon' })],
  ['a negative expireAt', signedToken('room', { ...roomFields, expireAt: '-1' })],
  ['an expireAt in exponent form', signedToken('room', { ...roomFields, expireAt: '1.6e12' })],
  ['an empty expireAt', signedToken('room', { ...roomFields, expireAt: '' })],
  ['a role given twice', tokenFromPairs('room', [...decodePairs(valid), ['role', '0']])],
  [
    'a field given twice with the same value',
    tokenFromPairs('room', [...decodePairs(valid), ['ak', AK]]),
  ],
  ['a sig given twice', tokenFromPairs('room', [...decodePairs(valid), ['sig', sig]])],
];

const flippedSig = withField(valid, 'sig', (sig.startsWith('0') ? '1' : '0') + sig.slice(1));
const tampered: [string, string][] = [
  ['role', withField(valid, 'role', '0')],
  ['uuid', withField(valid, 'uuid', 'ffffffffffffffffffffffffffffffff')],
  ['nonce', withField(valid, 'nonce', 'nonce-2')],
  ['expireAt', withField(valid, 'expireAt', String(EXPIRE_AT + 86_400_000))],
  ['sig', flippedSig],
];

function refusal(reason: TokenFailureReason) {
  return { ok: false, reason };
}

describe('refusals', () => {
  it('accepts the untouched token the refusals are made from', () => {
    expect(verifyToken(valid, knownKey()).ok).toBe(true);
  });

  it.each(malformed)('refuses %s as invalidFormat', (_, token) => {
    expect(verifyToken(token, knownKey())).toEqual(refusal('invalidFormat'));
  });

  it('does not look up a key for a token it cannot read', () => {
    const secretFor = vi.fn<VerifyOptions['secretFor']>(() => SK);

    for (const [, token] of malformed) verifyToken(token, { secretFor, now: NOW });

    expect(secretFor).not.toHaveBeenCalled();
  });

  it('refuses a token whose key is unknown as unknownKey', () => {
    const secretFor = vi.fn<VerifyOptions['secretFor']>(() => undefined);
    const token = signedToken('room', { ...roomFields, ak: 'someone-else' });

    expect(verifyToken(token, { secretFor, now: NOW })).toEqual(refusal('unknownKey'));
    expect(secretFor).toHaveBeenCalledWith('someone-else');
  });

  it.each(tampered)('refuses a token whose %s was changed as invalidSignature', (_, token) => {
    expect(verifyToken(token, knownKey())).toEqual(refusal('invalidSignature'));
  });

  it('refuses a token whose ak was changed to another key with the same secret', () => {
    const token = withField(valid, 'ak', 'twin-ak');
    const options = { secretFor: (ak: string) => (ak === 'twin-ak' || ak === AK ? SK : undefined) };

    expect(verifyToken(token, { ...options, now: NOW })).toEqual(refusal('invalidSignature'));
  });

  it('refuses a token whose expireAt was removed', () => {
    const pairs = decodePairs(valid).filter(([name]) => name !== 'expireAt');

    expect(verifyToken(tokenFromPairs('room', pairs), knownKey())).toEqual(
      refusal('invalidSignature'),
    );
  });

  it('refuses a token with a field added after signing', () => {
    const token = tokenFromPairs('room', [...decodePairs(valid), ['extra', '1']]);

    expect(verifyToken(token, knownKey())).toEqual(refusal('invalidSignature'));
  });

  // In a plain object, assigning `__proto__` would set the prototype instead of adding a field,
  // leaving that field out of the signed JSON and out of the duplicate check.
  it('refuses a token with a __proto__ field added after signing', () => {
    const token = tokenFromPairs('room', [...decodePairs(valid), ['__proto__', 'x']]);

    expect(verifyToken(token, knownKey())).toEqual(refusal('invalidSignature'));
  });

  // The prefix is not signed, so a room token (handed to browsers) re-prefixed NETLESSSDK_ would
  // read as a team-wide sdkToken. The Node generator never puts a uuid in an sdkToken.
  it('refuses a room token re-prefixed as an sdk token', () => {
    expect(verifyToken(PREFIX.sdk + validBody, knownKey())).toEqual(refusal('invalidFormat'));
  });

  it('refuses a token signed with another secret as invalidSignature', () => {
    expect(verifyToken(wrongBySecret, knownKey())).toEqual(refusal('invalidSignature'));
    expect(verifyToken(valid, knownKey('another-secret'))).toEqual(refusal('invalidSignature'));
  });

  it('refuses a token whose expireAt has passed as expired', () => {
    expect(verifyToken(valid, knownKey(SK, EXPIRE_AT + 1))).toEqual(refusal('expired'));
  });

  it('refuses a token at the millisecond of its expireAt', () => {
    expect(verifyToken(valid, knownKey(SK, EXPIRE_AT))).toEqual(refusal('expired'));
  });

  it('accepts a token one millisecond before its expireAt', () => {
    expect(verifyToken(valid, knownKey(SK, EXPIRE_AT - 1)).ok).toBe(true);
  });

  it('reports invalidSignature for an expired token with a bad signature', () => {
    const late = knownKey(SK, EXPIRE_AT + 1);

    expect(verifyToken(flippedSig, late)).toEqual(refusal('invalidSignature'));
    expect(verifyToken(wrongBySecret, late)).toEqual(refusal('invalidSignature'));
  });

  it('returns a value instead of throwing for arbitrary input', () => {
    const inputs = [
      ...malformed.map(([, token]) => token),
      `${PREFIX.room}${'A'.repeat(100_000)}`,
      PREFIX.room + base64Url('ak=%E0%A4%A&nonce=%&role=1&sig=%ZZ&uuid=%00'),
      PREFIX.sdk + base64Url('&&&=&=='),
      PREFIX.sdk + base64Url('\u0000'),
      `${PREFIX.sdk}\uD800`,
    ];

    for (const token of inputs) {
      expect(verifyToken(token, knownKey())).toEqual(refusal('invalidFormat'));
    }
  });

  it('never puts the token in its result', () => {
    const tokens = [
      valid,
      wrongBySecret,
      signedToken('room', { ...roomFields, ak: 'someone-else' }),
      ...malformed.map(([, token]) => token),
      ...tampered.map(([, token]) => token),
    ];

    for (const token of tokens) {
      for (const options of [knownKey(), knownKey(SK, EXPIRE_AT + 1), knownKey('another-secret')]) {
        const text = JSON.stringify(verifyToken(token, options));
        if (token.length > 0) expect(text).not.toContain(token);
        expect(text).not.toContain(validBody);
        expect(text).not.toContain(sig);
      }
    }
  });
});
