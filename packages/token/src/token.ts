import { decodeBase64Url, encodeBase64Url } from './base64url.js';
import { constantTimeEqual, hmacSha256Hex, randomNonce } from './crypto.js';
import { TOKEN_PREFIXES, kindOfToken, type TokenKind } from './kinds.js';
import { roleFromCode, roleToCode, type Role } from './roles.js';

export interface MintOptions {
  accessKey: string;
  secretAccessKey: string;
  role: Role;
  /** Milliseconds the token lives; 0 (the default) means it never expires. */
  lifespan?: number;
  /** The room uuid of a room token, the task uuid of a task token. */
  uuid?: string;
  /** Any unique string. Defaults to a random UUID; fixed only to reproduce a known token. */
  nonce?: string;
  /** The clock, in epoch milliseconds, that `lifespan` counts from. Defaults to `Date.now()`. */
  now?: number;
}

/** What a verified token says. */
export interface TokenClaims {
  kind: TokenKind;
  accessKey: string;
  role: Role;
  nonce: string;
  /** Present on room and task tokens. */
  uuid?: string;
  /** Epoch milliseconds after which the token is refused; absent when it never expires. */
  expireAt?: number;
}

export type TokenFailureReason = 'invalidFormat' | 'unknownKey' | 'invalidSignature' | 'expired';

export type VerifyResult =
  { ok: true; claims: TokenClaims } | { ok: false; reason: TokenFailureReason };

export interface VerifyOptions {
  /** The secret of an access key, or undefined when the key is not known. */
  secretFor: (accessKey: string) => string | undefined;
  now?: number;
}

/**
 * The JSON text that is signed: field names sorted, every value a string, no white space.
 * This is exactly what the public generators sign, whatever order they put the query in.
 */
function signedJson(fields: Readonly<Record<string, string>>): string {
  const names = Object.keys(fields);
  // The fields of a token are usually in sorted order already, and stringifying them as they are
  // saves building a second object on every verification. Only names that keep their insertion
  // order can take that path: JSON.stringify puts integer-like names first, and `__proto__` would
  // be dropped by the copy below.
  if (isSortedPlain(names)) return JSON.stringify(fields);

  const sorted: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const name of names.sort()) sorted[name] = fields[name] as string;
  return JSON.stringify(sorted);
}

function isSortedPlain(names: readonly string[]): boolean {
  let previous = '';
  for (const name of names) {
    const first = name.charCodeAt(0);
    if (name < previous || (first >= 0x30 && first <= 0x39) || name === '__proto__') return false;
    previous = name;
  }
  return true;
}

function queryString(fields: Record<string, string>): string {
  return Object.keys(fields)
    .sort()
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(fields[name] as string)}`)
    .join('&');
}

/**
 * Mints a token of the given kind. With the same inputs, nonce and clock the result is
 * byte-for-byte the token that the public Node generator makes.
 */
export function mintToken(kind: TokenKind, options: MintOptions): string {
  const lifespan = options.lifespan ?? 0;
  if (!Number.isSafeInteger(lifespan) || lifespan < 0) {
    throw new RangeError('lifespan must be a non-negative integer of milliseconds');
  }
  if (kind !== 'sdk' && options.uuid === undefined) {
    throw new TypeError(`a ${kind} token needs a uuid`);
  }

  const fields: Record<string, string> = {
    ak: options.accessKey,
    nonce: options.nonce ?? randomNonce(),
    role: roleToCode(options.role),
  };
  if (kind !== 'sdk' && options.uuid !== undefined) fields.uuid = options.uuid;
  if (lifespan > 0) fields.expireAt = String((options.now ?? Date.now()) + lifespan);

  fields.sig = hmacSha256Hex(options.secretAccessKey, signedJson(fields));
  return TOKEN_PREFIXES[kind] + encodeBase64Url(queryString(fields));
}

export const mintSdkToken = (options: Omit<MintOptions, 'uuid'>): string =>
  mintToken('sdk', options);
export const mintRoomToken = (options: MintOptions & { uuid: string }): string =>
  mintToken('room', options);
export const mintTaskToken = (options: MintOptions & { uuid: string }): string =>
  mintToken('task', options);

const SIGNATURE = /^[0-9a-f]{64}$/;
const DECIMAL = /^[0-9]{1,16}$/;

/**
 * The name-value pairs of a form-encoded query, exactly as `URLSearchParams` reads them: a leading
 * `?` skipped, empty pairs skipped, `+` a space, percent-escapes decoded as UTF-8. Done by hand it
 * is several times faster. A malformed escape makes `decodeURIComponent` throw, where
 * `URLSearchParams` keeps the text as it is; such a query is handed to `URLSearchParams` itself.
 */
function formFields(query: string): [name: string, value: string][] {
  const decode = query.includes('%') || query.includes('+') ? formDecode : undefined;
  const fields: [string, string][] = [];
  let start = query.startsWith('?') ? 1 : 0;
  try {
    while (start <= query.length) {
      let end = query.indexOf('&', start);
      if (end === -1) end = query.length;
      if (end > start) {
        let equals = query.indexOf('=', start);
        if (equals === -1 || equals > end) equals = end;
        const name = query.slice(start, equals);
        const value = query.slice(equals + 1, end);
        fields.push(decode ? [decode(name), decode(value)] : [name, value]);
      }
      start = end + 1;
    }
  } catch {
    return [...new URLSearchParams(query)];
  }
  return fields;
}

function formDecode(text: string): string {
  return decodeURIComponent(text.replaceAll('+', ' '));
}

/** A token whose fields have been read but whose signature has not been checked yet. */
export interface ParsedToken {
  /** What the token claims; trust none of it before `verifyParsedToken` says so. */
  readonly claims: TokenClaims;
  /** Every field but `sig`, as the signer saw them. */
  readonly signedFields: Readonly<Record<string, string>>;
  readonly sig: string;
}

/**
 * Reads a token's fields without checking its signature, so that a verifier can look up the secret
 * of its access key first. The query is form-decoded, so tokens from generators that order
 * parameters differently or encode spaces as `+` read the same. Undefined when the token is not
 * in the format at all.
 */
export function parseToken(token: string): ParsedToken | undefined {
  const prefixed = kindOfToken(token);
  if (!prefixed) return undefined;

  const query = decodeBase64Url(prefixed.body);
  if (query === undefined || query.length === 0) return undefined;

  // Without a prototype, every name is an own field, `__proto__` included, so every field the
  // token carries is part of what the signature must cover.
  const signedFields: Record<string, string> = Object.create(null) as Record<string, string>;
  let sig: string | undefined;
  for (const [name, value] of formFields(query)) {
    // A field given twice has no single meaning: refuse rather than pick one.
    if (name === 'sig') {
      if (sig !== undefined) return undefined;
      sig = value;
    } else {
      if (Object.hasOwn(signedFields, name)) return undefined;
      signedFields[name] = value;
    }
  }

  const { ak, nonce, uuid, expireAt } = signedFields;
  const role = roleFromCode(signedFields.role ?? '');
  if (sig === undefined || !SIGNATURE.test(sig)) return undefined;
  if (!ak || !nonce || role === undefined) return undefined;
  if (prefixed.kind !== 'sdk' && !uuid) return undefined;
  // The prefix is not signed: a room or task token re-prefixed as an sdkToken would otherwise
  // pass as one. sdkTokens never carry a uuid, so one that does is not an sdkToken.
  if (prefixed.kind === 'sdk' && uuid !== undefined) return undefined;
  if (expireAt !== undefined && !DECIMAL.test(expireAt)) return undefined;

  const claims: TokenClaims = { kind: prefixed.kind, accessKey: ak, role, nonce };
  if (prefixed.kind !== 'sdk') claims.uuid = uuid;
  if (expireAt !== undefined) claims.expireAt = Number(expireAt);
  return { claims, signedFields, sig };
}

/**
 * Checks a parsed token's signature against the secret of its access key, in constant time, and
 * then its expiry. The signature comes first: nothing a token claims is looked at before it.
 */
export function verifyParsedToken(
  parsed: ParsedToken,
  secretAccessKey: string,
  now: number = Date.now(),
): VerifyResult {
  const expected = hmacSha256Hex(secretAccessKey, signedJson(parsed.signedFields));
  if (!constantTimeEqual(expected, parsed.sig)) return { ok: false, reason: 'invalidSignature' };

  const { expireAt } = parsed.claims;
  if (expireAt !== undefined && expireAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: parsed.claims };
}

/**
 * Verifies a token: its format, then its signature against the secret of its access key, then its
 * expiry. A token that does not pass is a returned reason, never an exception, and the reason never
 * carries the token itself.
 */
export function verifyToken(token: string, options: VerifyOptions): VerifyResult {
  const parsed = parseToken(token);
  if (!parsed) return { ok: false, reason: 'invalidFormat' };

  const secret = options.secretFor(parsed.claims.accessKey);
  if (secret === undefined) return { ok: false, reason: 'unknownKey' };
  return verifyParsedToken(parsed, secret, options.now);
}
