import { describe, expect, it } from 'vitest';
import { mintToken, verifyToken, type Role } from '../src/index.js';
import { loadNetlessVectors } from './helpers.js';

const ROLE_OF_CODE: Record<string, Role> = { '0': 'admin', '1': 'writer', '2': 'reader' };
const vectors = loadNetlessVectors();

function roleOf(code: string): Role {
  const role = ROLE_OF_CODE[code];
  if (!role) throw new Error(`unknown role code ${code}`);
  return role;
}

describe('the vectors of the public Node generator', () => {
  it('covers sdk, room and task tokens, with and without a lifespan', () => {
    const kinds = new Set(vectors.map((v) => `${v.kind}:${v.lifespan > 0}`));
    expect([...kinds].sort()).toEqual([
      'room:false',
      'room:true',
      'sdk:false',
      'sdk:true',
      'task:false',
      'task:true',
    ]);
  });

  it.each(vectors.map((v) => [`#${v.n} (${v.kind}, lifespan ${v.lifespan})`, v] as const))(
    'mints vector %s byte for byte',
    (_, vector) => {
      const token = mintToken(vector.kind, {
        accessKey: vector.ak,
        secretAccessKey: vector.sk,
        role: roleOf(vector.content.role),
        lifespan: vector.lifespan,
        nonce: vector.nonce,
        now: vector.now,
        ...(vector.content.uuid === undefined ? {} : { uuid: vector.content.uuid }),
      });

      expect(token).toBe(vector.token);
    },
  );

  it.each(vectors.map((v) => [`#${v.n} (${v.kind}, lifespan ${v.lifespan})`, v] as const))(
    'verifies vector %s with its claims',
    (_, vector) => {
      const result = verifyToken(vector.token, {
        secretFor: (accessKey) => (accessKey === vector.ak ? vector.sk : undefined),
        now: vector.now,
      });

      expect(result).toEqual({
        ok: true,
        claims: {
          kind: vector.kind,
          accessKey: vector.ak,
          role: roleOf(vector.content.role),
          nonce: vector.nonce,
          ...(vector.content.uuid === undefined ? {} : { uuid: vector.content.uuid }),
          ...(vector.lifespan > 0 ? { expireAt: vector.now + vector.lifespan } : {}),
        },
      });
    },
  );
});
