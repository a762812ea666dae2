import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { constantTimeEqual, hmacSha256Hex, portableHmacSha256Hex } from '../src/crypto.js';

const inputs: [string, string, string][] = [
  ['empty key and message', '', ''],
  ['ASCII text', 'netless-test-sk', '{"ak":"netless-test-ak","nonce":"n","role":"0"}'],
  ['accented Latin text', 'clé secrète', 'Grüße aus Köln, ça va ?'],
  ['CJK text', '白板密钥', '{"ak":"白板","role":"1"}'],
  ['emoji outside the BMP', '🔑', '🧑‍🏫 draws a 🟥'],
  ['a key longer than a SHA-256 block', 'k'.repeat(200), 'message'],
  ['a long message', 'key', 'ü'.repeat(10_000)],
];

function nodeHmac(key: string, message: string): string {
  return createHmac('sha256', key).update(message).digest('hex');
}

describe('HMAC-SHA256', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(inputs)('computes the same portable HMAC as node:crypto for %s', (_, key, message) => {
    expect(portableHmacSha256Hex(key, message)).toBe(nodeHmac(key, message));
  });

  it.each(inputs)('computes the same default HMAC as node:crypto for %s', (_, key, message) => {
    expect(hmacSha256Hex(key, message)).toBe(nodeHmac(key, message));
  });

  it('matches the RFC 4231 test case 2', () => {
    const expected = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';

    expect(portableHmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(expected);
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(expected);
  });

  it('falls back to the portable HMAC where node:crypto cannot be loaded synchronously', async () => {
    vi.resetModules();
    const getBuiltinModule = vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined);
    const browserLike = await import('../src/crypto.js');
    expect(getBuiltinModule).toHaveBeenCalledWith('node:crypto');
    vi.restoreAllMocks();

    expect(browserLike.hmacSha256Hex('clé', 'Grüße')).toBe(nodeHmac('clé', 'Grüße'));
  });

  it('keeps computing the right HMAC when more secrets are used than it caches', () => {
    const secrets = Array.from({ length: 200 }, (_, i) => `secret-${i}`);

    for (const round of [1, 2]) {
      for (const secret of secrets) {
        expect(hmacSha256Hex(secret, `round ${round}`)).toBe(nodeHmac(secret, `round ${round}`));
      }
    }
  });

  it('writes 64 lower-case hex characters', () => {
    expect(portableHmacSha256Hex('key', 'message')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('constantTimeEqual', () => {
  it('is true for equal strings', () => {
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('0a1b2c', '0a1b2c')).toBe(true);
  });

  it('is false for strings of the same length that differ', () => {
    expect(constantTimeEqual('0a1b2c', '0a1b2d')).toBe(false);
    expect(constantTimeEqual('0a1b2c', '1a1b2c')).toBe(false);
    expect(constantTimeEqual('abc', 'ABC')).toBe(false);
  });

  it('is false for strings of different lengths', () => {
    expect(constantTimeEqual('0a1b2c', '0a1b2')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
    expect(constantTimeEqual('a', 'a\u0000')).toBe(false);
  });
});
