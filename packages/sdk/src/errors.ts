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
