export { ROLES, isRole, roleAtLeast, roleFromCode, roleToCode } from './roles.js';
export type { Role, RoleCode } from './roles.js';
export { TOKEN_PREFIXES } from './kinds.js';
export type { TokenKind } from './kinds.js';
export {
  mintRoomToken,
  mintSdkToken,
  mintTaskToken,
  mintToken,
  parseToken,
  verifyParsedToken,
  verifyToken,
} from './token.js';
export type {
  MintOptions,
  ParsedToken,
  TokenClaims,
  TokenFailureReason,
  VerifyOptions,
  VerifyResult,
} from './token.js';
