import { roomToken, sdkToken, taskToken, TokenRole, type RoomTokenTags } from 'netless-token';
import { describe, expect, it } from 'vitest';
import { mintToken, verifyToken, type Role, type TokenKind } from '../src/index.js';
import { decodePairs } from './helpers.js';

const GENERATORS = { sdk: sdkToken, room: roomToken, task: taskToken } as const;
const NETLESS_ROLE: Record<Role, TokenRole> = {
  admin: TokenRole.Admin,
  writer: TokenRole.Writer,
  reader: TokenRole.Reader,
};

interface Case {
  kind: TokenKind;
  role: Role;
  lifespan: number;
  accessKey: string;
  secretAccessKey: string;
  uuid?: string;
}

const plain = { accessKey: 'netless-ak', secretAccessKey: 'netless-sk' };
// Characters that encodeURIComponent escapes, and some it leaves alone, in every field.
const awkward = {
  accessKey: "ak with space & = + / ? # % ~ * ' ( ) !",
  secretAccessKey: 'clé secrète 白板 🔑',
};

const cases: Case[] = [
  { kind: 'sdk', role: 'admin', lifespan: 0, ...plain },
  { kind: 'sdk', role: 'reader', lifespan: 3_600_000, ...plain },
  { kind: 'room', role: 'writer', lifespan: 0, uuid: 'd07bcaf0a17911ea9d7e23232cddf42d', ...plain },
  {
    kind: 'room',
    role: 'admin',
    lifespan: 600_000,
    uuid: '37875f5089c611eaa629dbb375b5adfc',
    ...plain,
  },
  { kind: 'task', role: 'reader', lifespan: 0, uuid: '2fa00900000000000000000000000001', ...plain },
  { kind: 'task', role: 'writer', lifespan: 86_400_000, uuid: 'task-1', ...plain },
  { kind: 'room', role: 'reader', lifespan: 60_000, uuid: 'room/1?a=b&c=d ü', ...awkward },
  { kind: 'sdk', role: 'writer', lifespan: 0, ...awkward },
];

function name(c: Case): string {
  return `${c.kind} token, ${c.role}, lifespan ${c.lifespan}, key "${c.accessKey}"`;
}

function mintWithNetless(c: Case): string {
  const content = { role: NETLESS_ROLE[c.role], ...(c.uuid === undefined ? {} : { uuid: c.uuid }) };
  return GENERATORS[c.kind](c.accessKey, c.secretAccessKey, c.lifespan, content);
}

function field(token: string, fieldName: string): string | undefined {
  return decodePairs(token).find(([n]) => n === fieldName)?.[1];
}

describe('the netless-token package', () => {
  it.each(cases.map((c) => [name(c), c] as const))(
    'mints the same %s as netless-token, given its nonce and clock',
    (_, c) => {
      const theirs = mintWithNetless(c);
      const nonce = field(theirs, 'nonce');
      const expireAt = field(theirs, 'expireAt');
      expect(nonce).toBeDefined();
      expect(expireAt === undefined).toBe(c.lifespan === 0);

      const ours = mintToken(c.kind, {
        accessKey: c.accessKey,
        secretAccessKey: c.secretAccessKey,
        role: c.role,
        lifespan: c.lifespan,
        nonce,
        // With no lifespan the clock is not in the token: any clock gives the same bytes.
        now: expireAt === undefined ? 0 : Number(expireAt) - c.lifespan,
        ...(c.uuid === undefined ? {} : { uuid: c.uuid }),
      });

      expect(ours).toBe(theirs);
    },
  );

  it.each(cases.map((c) => [name(c), c] as const))(
    'verifies a %s minted by netless-token',
    (_, c) => {
      const before = Date.now();
      const token = mintWithNetless(c);

      const result = verifyToken(token, {
        secretFor: (accessKey) => (accessKey === c.accessKey ? c.secretAccessKey : undefined),
      });

      const expireAt = field(token, 'expireAt');
      expect(result).toEqual({
        ok: true,
        claims: {
          kind: c.kind,
          accessKey: c.accessKey,
          role: c.role,
          nonce: field(token, 'nonce'),
          ...(c.uuid === undefined ? {} : { uuid: c.uuid }),
          ...(expireAt === undefined ? {} : { expireAt: Number(expireAt) }),
        },
      });
      if (c.lifespan > 0) {
        expect(Number(expireAt)).toBeGreaterThanOrEqual(before + c.lifespan);
        expect(Number(expireAt)).toBeLessThanOrEqual(Date.now() + c.lifespan);
      }
    },
  );

  it('verifies a netless-token token carrying extra fields, integer-like names included', () => {
    // JSON.stringify puts integer-like names first, whatever order the generator sorted them in.
    const content = {
      role: TokenRole.Writer,
      uuid: 'room-1',
      '10': 'a',
      '9': 'b',
      Z: 'c',
      zz: 'd',
    };
    const token = roomToken('netless-ak', 'netless-sk', 0, content as RoomTokenTags);

    const result = verifyToken(token, {
      secretFor: (accessKey) => (accessKey === 'netless-ak' ? 'netless-sk' : undefined),
    });

    expect(result).toMatchObject({ ok: true, claims: { kind: 'room', uuid: 'room-1' } });
  });
});
