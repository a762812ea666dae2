/**
 * Why an operation of the SDK was refused at once (the room is intact): `readOnly`, `disconnected`,
 * `invalidArgument`, or a refusal of the board such as `elementNotFound` or `sceneNotFound`;
 * `writableRefused` and `superseded` for `setWritable`.
 */
export class RoomError extends Error {
  override readonly name = 'RoomError';
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Why a connection to a room ended for good: `code` is the WebSocket close code (4401, 4410, ...)
 * and `reason` names it as the hosted SDK does (`tokenRefused`, `roomBan`, `roomFull`,
 * `roomNotFound`, `unsupportedVersion`), or `replaced`, `joinTimeout`.
 */
export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
  readonly code: number;
  readonly reason: string;

  constructor(code: number, reason: string, message: string) {
    super(message);
    this.code = code;
    this.reason = reason;
  }
}

/**
 * Why a replay request failed, or why a player stopped: `refused` when the server answered with an
 * error (`code` is its error code, such as 117 for a persistent room or 301 for no such room, and
 * `status` the HTTP status); `invalidAnswer` when an answer does not fit the replay API;
 * `unreachable` when the server could not be reached.
 */
export class ReplayError extends Error {
  override readonly name = 'ReplayError';
  readonly reason: 'refused' | 'invalidAnswer' | 'unreachable';
  readonly code: number | undefined;
  readonly status: number | undefined;

  constructor(
    reason: ReplayError['reason'],
    message: string,
    details: { code?: number; status?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.reason = reason;
    this.code = details.code;
    this.status = details.status;
  }
}
