import { describe, expect, it } from 'vitest';
import { mintRoomToken, parseToken, verifyToken } from '../src/index.js';
import { NOW, PREFIX, ROOM_UUID, SK, base64Url, referenceSig, tokenFromQuery } from './helpers.js';

const TEAM_KEY = 'team key+1';
const options = {
  secretFor: (accessKey: string) => (accessKey === TEAM_KEY ? SK : undefined),
  now: NOW,
};

describe('tokens from other generators', () => {
  it('verifies a query in another order with spaces encoded as +', () => {
    const fields = {
      ak: TEAM_KEY,
      nonce: 'nonce with spaces',
      role: '1',
      uuid: ROOM_UUID,
      expireAt: String(NOW + 60_000),
    };
    const sig = referenceSig(SK, fields);
    const query = [
      `uuid=${ROOM_UUID}`,
      `sig=${sig}`,
      'role=1',
      `expireAt=${NOW + 60_000}`,
      'nonce=nonce+with+spaces',
      'ak=team+key%2B1',
    ].join('&');

    expect(verifyToken(tokenFromQuery('room', query), options)).toEqual({
      ok: true,
      claims: {
        kind: 'room',
        accessKey: TEAM_KEY,
        role: 'writer',
        nonce: 'nonce with spaces',
        uuid: ROOM_UUID,
        expireAt: NOW + 60_000,
      },
    });
  });

  it('verifies percent-escapes in lower case and of characters that need none', () => {
    const fields = { ak: TEAM_KEY, nonce: 'abc-1', role: '2' };
    const sig = referenceSig(SK, fields);
    const query = `role=%32&nonce=%61bc%2d1&ak=team%20key%2b1&sig=${sig}`;

    const result = verifyToken(tokenFromQuery('sdk', query), options);

    expect(result).toEqual({
      ok: true,
      claims: { kind: 'sdk', accessKey: TEAM_KEY, role: 'reader', nonce: 'abc-1' },
    });
  });

  it('verifies a token whose base64url body is padded', () => {
    const token = mintRoomToken({
      accessKey: TEAM_KEY,
      secretAccessKey: SK,
      role: 'admin',
      uuid: ROOM_UUID,
      nonce: 'n',
      now: NOW,
    });
    const body = token.slice(PREFIX.room.length);
    expect(body.length % 4).not.toBe(0);
    const padded = PREFIX.room + body + '='.repeat(4 - (body.length % 4));

    expect(verifyToken(padded, options)).toEqual(verifyToken(token, options));
    expect(verifyToken(padded, options).ok).toBe(true);
  });

  it('verifies a padded body made by a standard base64 encoder and made url-safe', () => {
    const fields = { ak: TEAM_KEY, nonce: '???>>>', role: '0' };
    const query = `ak=team+key%2B1&nonce=???>>>&role=0&sig=${referenceSig(SK, fields)}`;
    const standard = Buffer.from(query).toString('base64');
    expect(standard).toMatch(/[+/]/);
    expect(standard).toMatch(/=$/);
    const urlSafe = standard.replace(/\+/g, '-').replace(/\//g, '_');

    expect(verifyToken(PREFIX.sdk + urlSafe, options).ok).toBe(true);
    expect(urlSafe.replace(/=+$/, '')).toBe(base64Url(query));
  });

  it.each([
    ['a leading ?', '?x=1&'],
    ['empty pairs', '&&x=1&&'],
    ['a name without =', 'x&'],
    ['an = inside the value', 'x=a=b==&'],
    ['+ and an escaped +', 'x=a+b%2Bc&'],
    ['escaped multi-byte UTF-8', 'x=%E7%99%BD%E6%9D%BF%20%F0%9F%94%91&'],
    ['unescaped non-ASCII text', 'x=Grüße&'],
    ['an escaped name', '%78%2B=1&'],
    ['a lone %', 'x=100%&'],
    ['an escape that is not hex', 'x=%ZZ&'],
    ['a truncated UTF-8 escape', 'x=%E0%A4&'],
    ['an escape of an invalid UTF-8 byte', 'x=%FF&'],
    ['an escaped NUL', 'x=%00&'],
  ])('reads a query with %s as URLSearchParams does', (_, extra) => {
    const fields = { ak: TEAM_KEY, nonce: 'n', role: '0' };
    const query = `${extra}ak=team+key%2B1&nonce=n&role=0&sig=${referenceSig(SK, fields)}`;
    const expected = Object.fromEntries(
      [...new URLSearchParams(query)].filter(([name]) => name !== 'sig'),
    );

    expect(parseToken(tokenFromQuery('sdk', query))?.signedFields).toEqual(expected);
  });
});
