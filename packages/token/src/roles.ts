/**
 * Token roles. The token format stores a role as a digit where a smaller number is more power,
 * so `admin` ("0") can do everything a `writer` ("1") can, and a writer everything a `reader` ("2") can.
 */
export const ROLES = ['admin', 'writer', 'reader'] as const;

export type Role = (typeof ROLES)[number];

/** The digit a role is written as inside a token. */
export type RoleCode = '0' | '1' | '2';

const CODE_BY_ROLE: Record<Role, RoleCode> = { admin: '0', writer: '1', reader: '2' };
const ROLE_BY_CODE: Record<RoleCode, Role> = { '0': 'admin', '1': 'writer', '2': 'reader' };

export function roleToCode(role: Role): RoleCode {
  return CODE_BY_ROLE[role];
}

export function roleFromCode(code: string): Role | undefined {
  return Object.hasOwn(ROLE_BY_CODE, code) ? ROLE_BY_CODE[code as RoleCode] : undefined;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` has at least the power of `required` (admin ≥ writer ≥ reader). */
export function roleAtLeast(role: Role, required: Role): boolean {
  return roleToCode(role) <= roleToCode(required);
}
