import { describe, expect, it } from 'vitest';
import { ROLES, isRole, roleAtLeast, roleFromCode, roleToCode, type Role } from '../src/index.js';

describe('roles', () => {
  it('lists the roles from most to least power', () => {
    expect(ROLES).toEqual(['admin', 'writer', 'reader']);
  });

  it.each([
    ['admin', '0'],
    ['writer', '1'],
    ['reader', '2'],
  ] as const)('writes %s as %s and reads it back', (role, code) => {
    expect(roleToCode(role)).toBe(code);
    expect(roleFromCode(code)).toBe(role);
  });

  it.each(['3', '-1', '01', ' 0', '', 'admin', '__proto__', 'toString', 'hasOwnProperty'])(
    'reads no role from the code %j',
    (code) => {
      expect(roleFromCode(code)).toBeUndefined();
    },
  );

  it('recognises only the three role names', () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const value of ['Admin', '0', '', 'owner', 0, undefined, null, ['admin']]) {
      expect(isRole(value)).toBe(false);
    }
  });

  it.each([
    ['admin', 'admin', true],
    ['admin', 'writer', true],
    ['admin', 'reader', true],
    ['writer', 'admin', false],
    ['writer', 'writer', true],
    ['writer', 'reader', true],
    ['reader', 'admin', false],
    ['reader', 'writer', false],
    ['reader', 'reader', true],
  ] satisfies [Role, Role, boolean][])('says %s at least %s is %s', (role, required, expected) => {
    expect(roleAtLeast(role, required)).toBe(expected);
  });
});
