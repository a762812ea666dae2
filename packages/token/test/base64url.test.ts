import { afterEach, describe, expect, it, vi } from 'vitest';
import * as nodeCodec from '../src/base64url.js';

type Codec = typeof nodeCodec;

/** The module as a browser loads it: no Buffer, so it takes the atob/btoa path. */
async function loadWithoutBuffer(): Promise<Codec> {
  vi.resetModules();
  vi.stubGlobal('Buffer', undefined);
  try {
    return await import('../src/base64url.js');
  } finally {
    vi.unstubAllGlobals();
  }
}

const texts = [
  '',
  'a',
  'ab',
  'abc',
  'ak=netless-test-ak&nonce=n&role=0&sig=00',
  'Grüße, 白板, 🧑‍🏫',
  '???>>>~~~',
];

describe.each([
  ['with Node Buffer', async () => nodeCodec],
  ['without Node Buffer', loadWithoutBuffer],
])('base64url %s', (_, load) => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each(texts)('encodes %j as Node does, unpadded and url-safe', async (text) => {
    const { encodeBase64Url } = await load();

    expect(encodeBase64Url(text)).toBe(Buffer.from(text, 'utf8').toString('base64url'));
  });

  it.each(texts)('decodes %j back, padded or not', async (text) => {
    const { decodeBase64Url } = await load();
    const unpadded = Buffer.from(text, 'utf8').toString('base64url');
    const padded = unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4);

    expect(decodeBase64Url(unpadded)).toBe(text);
    expect(decodeBase64Url(padded)).toBe(text);
  });

  it.each([
    ['a character of standard base64', 'YW+/'],
    ['a character outside base64', 'YWJj!'],
    ['white space', 'YW Jj'],
    ['an impossible length', 'YWJjZ'],
    ['too much padding', 'YQ==='],
    ['padding in the middle', 'YQ==YQ'],
  ])('refuses %s', async (_, encoded) => {
    const { decodeBase64Url } = await load();

    expect(decodeBase64Url(encoded)).toBeUndefined();
  });

  it('refuses bytes that are not UTF-8', async () => {
    const { decodeBase64Url } = await load();

    expect(decodeBase64Url(Buffer.from([0x61, 0xff, 0xfe]).toString('base64url'))).toBeUndefined();
    expect(decodeBase64Url(Buffer.from([0xc3]).toString('base64url'))).toBeUndefined();
  });
});

describe('base64url in a runtime without Buffer', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('encodes with btoa and decodes with atob', async () => {
    const { encodeBase64Url, decodeBase64Url } = await loadWithoutBuffer();
    const btoa = vi.spyOn(globalThis, 'btoa');
    const atob = vi.spyOn(globalThis, 'atob');

    expect(decodeBase64Url(encodeBase64Url('ak=x'))).toBe('ak=x');
    expect(btoa).toHaveBeenCalled();
    expect(atob).toHaveBeenCalled();
  });
});
