import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type * as NodeCryptoModule from 'node:crypto';

type NodeCrypto = typeof NodeCryptoModule;

/**
 * Node's own crypto where the runtime offers it synchronously (Node.js 20.16 and later), which is
 * several times faster than a JavaScript hash; @noble/hashes everywhere else (browsers, workers).
 * Both are synchronous, so minting and verifying stay synchronous in every runtime.
 */
const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

/**
 * Node key objects of recent secrets. Node reads a key object without copying and converting it
 * first, which makes an HMAC about a fifth faster than one keyed with a string; a server verifies
 * tokens of a handful of key pairs, so a small cache holds them all. Emptied when full, so that a
 * stream of unknown secrets cannot grow it.
 */
const secretKeys = new Map<string, NodeCryptoModule.KeyObject>();
const SECRET_KEY_CACHE_SIZE = 64;

function secretKeyOf(crypto: NodeCrypto, secret: string): NodeCryptoModule.KeyObject {
  let key = secretKeys.get(secret);
  if (key === undefined) {
    if (secretKeys.size >= SECRET_KEY_CACHE_SIZE) secretKeys.clear();
    key = crypto.createSecretKey(secret, 'utf8');
    secretKeys.set(secret, key);
  }
  return key;
}

/** HMAC-SHA256 of `message` keyed with `key`, as 64 lower-case hex characters. */
export function hmacSha256Hex(key: string, message: string): string {
  if (nodeCrypto) {
    return nodeCrypto
      .createHmac('sha256', secretKeyOf(nodeCrypto, key))
      .update(message)
      .digest('hex');
  }
  return portableHmacSha256Hex(key, message);
}

/** The portable implementation alone, so that tests can check it against Node's. */
export function portableHmacSha256Hex(key: string, message: string): string {
  return bytesToHex(hmac(sha256, utf8ToBytes(key), utf8ToBytes(message)));
}

/**
 * Compares two strings in time that depends only on their length, so that a forged signature
 * cannot be guessed one character at a time from response times.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

export function randomNonce(): string {
  return globalThis.crypto.randomUUID();
}
