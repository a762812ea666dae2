import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type TokenKind, type VerifyOptions } from '../src/index.js';

export const AK = 'test-ak';
export const SK = 'test-sk';
export const ROOM_UUID = 'd07bcaf0a17911ea9d7e23232cddf42d';
export const NOW = 1_600_000_000_000;

export const PREFIX: Record<TokenKind, string> = {
  sdk: 'NETLESSSDK_',
  room: 'NETLESSROOM_',
  task: 'NETLESSTASK_',
};

/** Verify options that know one key pair, at a fixed clock. */
export function knownKey(secret = SK, now = NOW): VerifyOptions {
  return { secretFor: (accessKey) => (accessKey === AK ? secret : undefined), now };
}

/** The reference signature of COMPAT §4, computed independently of the library. */
export function referenceSig(secret: string, fields: Record<string, string>): string {
  const sorted = Object.fromEntries(
    Object.keys(fields)
      .sort()
      .map((name) => [name, fields[name]]),
  );
  return createHmac('sha256', secret).update(JSON.stringify(sorted)).digest('hex');
}

/** Unpadded base64url of UTF-8 text, or of raw bytes. */
export function base64Url(content: string | Uint8Array): string {
  return Buffer.from(content).toString('base64url');
}

/** A token whose query is exactly `query`, whatever it holds. */
export function tokenFromQuery(kind: TokenKind, query: string): string {
  return PREFIX[kind] + base64Url(query);
}

/** A token carrying `pairs` in the given order, percent-encoded with encodeURIComponent. */
export function tokenFromPairs(
  kind: TokenKind,
  pairs: readonly (readonly [string, string])[],
): string {
  const query = pairs
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  return tokenFromQuery(kind, query);
}

/** A token signed by the reference signature over `fields`, sorted as the Node generator sorts. */
export function signedToken(
  kind: TokenKind,
  fields: Record<string, string>,
  secret: string = SK,
): string {
  const sig = referenceSig(secret, fields);
  const pairs = Object.entries({ ...fields, sig }).sort(([a], [b]) => (a < b ? -1 : 1));
  return tokenFromPairs(kind, pairs);
}

/** The fields of a token's query, in order, as a form decoder reads them. */
export function decodePairs(token: string): [string, string][] {
  const body = token.slice(token.indexOf('_') + 1);
  return [...new URLSearchParams(Buffer.from(body, 'base64url').toString('utf8'))];
}

/** The same token with one field's value replaced, re-encoded the way the Node generator does. */
export function withField(token: string, name: string, value: string): string {
  const kind = (Object.keys(PREFIX) as TokenKind[]).find((k) => token.startsWith(PREFIX[k]));
  if (!kind) throw new Error('not a token');

  const pairs = decodePairs(token);
  if (!pairs.some(([n]) => n === name)) throw new Error(`the token has no ${name}`);
  return tokenFromPairs(
    kind,
    pairs.map(([n, v]) => [n, n === name ? value : v] as const),
  );
}

export interface NetlessVector {
  n: number;
  kind: TokenKind;
  ak: string;
  sk: string;
  lifespan: number;
  content: { role: string; uuid?: string };
  now: number;
  nonce: string;
  signedJSON: string;
  query: string;
  sig: string;
  token: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readVector(value: unknown, index: number): NetlessVector {
  const fail = (what: string): never => {
    throw new Error(`vector ${index}: ${what}`);
  };
  if (!isRecord(value) || !isRecord(value.content)) return fail('not an object');
  const { content } = value;

  const text = (record: Record<string, unknown>, name: string): string => {
    const field = record[name];
    return typeof field === 'string' ? field : fail(`${name} is not a string`);
  };
  const number = (name: string): number => {
    const field = value[name];
    return typeof field === 'number' ? field : fail(`${name} is not a number`);
  };
  const kind = value.kind;
  if (kind !== 'sdk' && kind !== 'room' && kind !== 'task') return fail('unknown kind');

  return {
    n: number('n'),
    kind,
    ak: text(value, 'ak'),
    sk: text(value, 'sk'),
    lifespan: number('lifespan'),
    content: {
      role: text(content, 'role'),
      ...(content.uuid === undefined ? {} : { uuid: text(content, 'uuid') }),
    },
    now: number('now'),
    nonce: text(value, 'nonce'),
    signedJSON: text(value, 'signedJSON'),
    query: text(value, 'query'),
    sig: text(value, 'sig'),
    token: text(value, 'token'),
  };
}

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/**
 * The tokens made by the public Node generator (`netless-token`) with a fixed clock and nonce,
 * kept beside the tests as fixtures.
 */
export function loadNetlessVectors(): NetlessVector[] {
  const file = path.join(fixtures, 'netless-token-vectors.json');
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed) || parsed.length === 0) throw new Error(`${file}: not a list`);
  return parsed.map(readVector);
}
