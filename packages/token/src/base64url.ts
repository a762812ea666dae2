const BASE64URL = /^[A-Za-z0-9_-]*$/;
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/**
 * Node's Buffer when it exists: several times faster than atob/btoa there. Browsers take the
 * portable path. Looked up through globalThis so that bundlers do not pull in a Buffer polyfill.
 */
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/** UTF-8 text to unpadded base64url, the encoding of a token's body. */
export function encodeBase64Url(text: string): string {
  if (NodeBuffer) return NodeBuffer.from(text, 'utf8').toString('base64url');

  let binary = '';
  for (const byte of utf8Encoder.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Unpadded (or padded) base64url to UTF-8 text; undefined when it is not valid base64url or UTF-8. */
export function decodeBase64Url(encoded: string): string | undefined {
  const unpadded = encoded.replace(/={1,2}$/, '');
  if (!BASE64URL.test(unpadded) || unpadded.length % 4 === 1) return undefined;

  try {
    const bytes = NodeBuffer
      ? NodeBuffer.from(unpadded, 'base64url')
      : Uint8Array.from(atob(unpadded.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
          c.charCodeAt(0),
        );
    return utf8Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
