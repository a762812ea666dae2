/**
 * Every error Whiteroom's REST API can answer with, in one place.
 *
 * `code` is stable: it is the `code` of a legacy `{ code, msg }` envelope and the `error.code` of a
 * current-API error body, so a client can switch on it whichever generation it speaks. `status` is
 * the HTTP status of both generations. `message` is what a person reads; where the hosted service
 * documented a message (the token errors, `require uuid`), it is kept word for word, because
 * existing clients compare against it.
 */
export const API_ERRORS = {
  // 1xx: the request itself is malformed. Nothing was changed.
  badRequest: { code: 100, status: 400, title: 'Bad request', message: 'bad request' },
  invalidJson: {
    code: 101,
    status: 400,
    title: 'Malformed JSON',
    message: 'request body is not valid JSON',
  },
  invalidBody: {
    code: 102,
    status: 400,
    title: 'Invalid body',
    message: 'request body does not match the expected shape',
  },
  invalidQuery: {
    code: 103,
    status: 400,
    title: 'Invalid query',
    message: 'query parameters do not match the expected shape',
  },
  invalidHeaders: {
    code: 104,
    status: 400,
    title: 'Invalid headers',
    message: 'request headers do not match the expected shape',
  },
  invalidPath: {
    code: 105,
    status: 400,
    title: 'Invalid path',
    message: 'path parameters do not match the expected shape',
  },
  invalidUuid: {
    code: 111,
    status: 400,
    title: 'Invalid uuid',
    message: 'uuid must be 32 lower-case hexadecimal characters',
  },
  requireUuid: { code: 112, status: 400, title: 'Missing uuid', message: 'require uuid' },
  bodyTooLarge: {
    code: 113,
    status: 413,
    title: 'Body too large',
    message: 'request body is larger than 1 MiB',
  },
  unsupportedMediaType: {
    code: 114,
    status: 415,
    title: 'Unsupported media type',
    message: 'request body must be application/json',
  },

  // 2xx (never 200, the legacy success code): the token is missing or is not a good token (401), or is good but lacks the right (403).
  tokenMissing: {
    code: 209,
    status: 401,
    title: 'Missing token',
    // Where a token goes differs (a header; also `?token=` on the legacy API; the join message),
    // so the message names none.
    message: 'token is required',
  },
  tokenInvalidFormat: {
    code: 201,
    status: 401,
    title: 'Bad token',
    message: 'invalid format of token',
  },
  tokenExpired: { code: 202, status: 401, title: 'Expired token', message: 'expired token' },
  tokenInvalidSignature: {
    code: 203,
    status: 401,
    title: 'Bad token',
    message: 'invalid signature of token',
  },
  tokenTeamForbidden: {
    code: 204,
    status: 403,
    title: 'Forbidden',
    message: 'token access team forbidden',
  },
  tokenRoomForbidden: {
    code: 205,
    status: 403,
    title: 'Forbidden',
    message: 'token access room forbidden',
  },
  tokenTaskForbidden: {
    code: 206,
    status: 403,
    title: 'Forbidden',
    message: 'token access task forbidden',
  },
  tokenRoleForbidden: {
    code: 207,
    status: 403,
    title: 'Forbidden',
    // The role digit is filled in: `token access role2 forbidden` for a reader.
    message: 'token access role{role} forbidden',
  },
  invalidKeyPair: {
    code: 208,
    status: 403,
    title: 'Forbidden',
    message: 'token access team forbidden',
  },

  // 3xx: what the request names does not exist.
  roomNotFound: { code: 301, status: 404, title: 'Not found', message: 'room not found' },
  routeNotFound: { code: 302, status: 404, title: 'Not found', message: 'no such endpoint' },
  sceneNotFound: { code: 304, status: 404, title: 'Not found', message: 'scene not found' },
  headersTooLarge: {
    code: 116,
    status: 431,
    title: 'Headers too large',
    message: 'request headers are larger than 16 KiB',
  },
  invalidSceneChange: {
    code: 115,
    status: 400,
    title: 'Invalid page change',
    message: 'the pages cannot be changed that way',
  },
  roomNotRecorded: {
    code: 117,
    status: 400,
    title: 'Not recorded',
    message: 'the room is persistent: nothing of it is recorded for replay',
  },
  timeOutOfRange: {
    code: 118,
    status: 400,
    title: 'Time out of range',
    message: 'the time asked for is outside what the room recorded',
  },
  fileNotFound: { code: 305, status: 404, title: 'Not found', message: 'no such exported file' },
  methodNotAllowed: {
    code: 303,
    status: 405,
    title: 'Method not allowed',
    message: 'method not allowed on this endpoint',
  },

  // 5xx: Whiteroom failed. The cause is in the server's log, never in the answer.
  internal: { code: 500, status: 500, title: 'Internal error', message: 'internal server error' },
  unavailable: {
    code: 503,
    status: 503,
    title: 'Unavailable',
    message: 'server is shutting down',
  },
  exportsBusy: {
    code: 504,
    status: 503,
    title: 'Busy',
    message: 'too many exports are waiting; try again in a few seconds',
  },
} as const satisfies Record<string, ApiErrorDefinition>;

export interface ApiErrorDefinition {
  code: number;
  status: number;
  title: string;
  message: string;
}

export type ApiErrorName = keyof typeof API_ERRORS;

/** The body of a current-API (`/v5`) error. */
export interface CurrentErrorBody {
  message: string;
  error: { code: number; title: string; messages: string[] };
}

/** The body of a legacy-API error: the same envelope as success, with a non-200 code. */
export interface LegacyErrorBody {
  code: number;
  msg: string;
}
