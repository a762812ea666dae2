/**
 * Close codes of the room socket and error codes of refused frames and changes, in one place.
 * Close codes 4000-4999 are the application's own range of the WebSocket protocol.
 */
export const CLOSE_CODES = {
  /** Standard: the server is shutting down (or restarting); reconnect. */
  goingAway: 1001,
  /** The first message was not a valid `connect`, or came too late. */
  badHandshake: 4000,
  unsupportedVersion: 4001,
  /** The token is missing, malformed, forged or expired. */
  badToken: 4401,
  /** The token is valid but does not give access to this room (another room, disabled key). */
  forbidden: 4403,
  roomNotFound: 4404,
  /** The room was banned: everyone is removed; joins are refused until it is un-banned. */
  roomBanned: 4410,
  /** The room already has as many writers as its limit allows. */
  roomFull: 4409,
  /** Too many invalid frames, or frames too large: the connection is dropped. */
  abuse: 4429,
  /** The client read too slowly and its send buffer filled up; reconnect to catch up. */
  slowConsumer: 4408,
  /** The client asked to disconnect. */
  clientLeft: 4100,
  /** Another connection took over this one (same client id). */
  replaced: 4101,
} as const;
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** The reason a client is told when it is removed from a room, as the hosted SDK names them. */
export const KICK_REASONS = {
  [CLOSE_CODES.roomBanned]: 'roomBan',
  [CLOSE_CODES.roomFull]: 'roomFull',
  [CLOSE_CODES.badToken]: 'tokenRefused',
  [CLOSE_CODES.forbidden]: 'tokenRefused',
  [CLOSE_CODES.roomNotFound]: 'roomNotFound',
  [CLOSE_CODES.unsupportedVersion]: 'unsupportedVersion',
} as const;

/** Codes of `error` and `reject` messages: a frame or a change was refused; the room is intact. */
export const ROOM_ERROR_CODES = {
  /** The frame is not JSON or not any message of the protocol. */
  invalidFrame: 'invalidFrame',
  frameTooLarge: 'frameTooLarge',
  /** A second `connect` on a connected socket. */
  alreadyConnected: 'alreadyConnected',
  /** The member may not write: a reader, or a writer observing with `isWritable: false`. */
  readOnly: 'readOnly',
  /** Readers cannot send custom events. */
  eventForbidden: 'eventForbidden',
  /** `setWritable(true)` refused: the token is a reader's, or the room's writer limit is reached. */
  writableRefused: 'writableRefused',
  /** The change names something that does not exist or would break the board. */
  invalidChange: 'invalidChange',
  elementNotFound: 'elementNotFound',
  elementExists: 'elementExists',
  sceneNotFound: 'sceneNotFound',
  sceneExists: 'sceneExists',
  /** A limit of the server: points per stroke, elements per page, pages per room. */
  limitExceeded: 'limitExceeded',
  /** Too many changes per second from this connection. */
  rateLimited: 'rateLimited',
  /** Nothing to undo or redo. */
  nothingToUndo: 'nothingToUndo',
} as const;
export type RoomErrorCode = (typeof ROOM_ERROR_CODES)[keyof typeof ROOM_ERROR_CODES];
