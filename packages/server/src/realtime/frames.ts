import { Compile } from 'typebox/compile';
import { ClientMessage, ROOM_ERROR_CODES, type RoomErrorCode } from '@whiteroom/protocol';
import type { ClientMessage as ClientMessageType } from '@whiteroom/protocol';

/** Nesting deeper than this is refused: nothing in the protocol needs it, and serialising it back
 * out could exhaust the stack. */
export const MAX_JSON_DEPTH = 32;
/** A member's `userPayload` is copied into every welcome; it is meant for a name and an avatar. */
export const MAX_USER_PAYLOAD_BYTES = 4096;
/** Custom events are signals, not file transfers. */
export const MAX_EVENT_PAYLOAD_BYTES = 64 * 1024;

type Validator = {
  Check(value: unknown): boolean;
  Errors(value: unknown): { instancePath: string; message: string }[];
};

/** One validator per message type, so that an error names the field at fault in that message. */
const VALIDATORS = new Map<string, Validator>(
  (ClientMessage as unknown as { anyOf: { properties: { type: { const: string } } }[] }).anyOf.map(
    (schema) => [schema.properties.type.const, Compile(schema as never) as Validator],
  ),
);

export type FrameResult =
  | { ok: true; message: ClientMessageType }
  | { ok: false; code: RoomErrorCode; message: string; clientSeq?: number };

function depthExceeds(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  for (const child of Object.values(value)) if (depthExceeds(child, limit - 1)) return true;
  return false;
}

const invalid = (message: string, clientSeq?: number): FrameResult => ({
  ok: false,
  code: clientSeq === undefined ? ROOM_ERROR_CODES.invalidFrame : ROOM_ERROR_CODES.invalidChange,
  message,
  ...(clientSeq === undefined ? {} : { clientSeq }),
});

/**
 * Reads one text frame into a valid client message, or says precisely why it is not one. A
 * change that is wrong in its op still names its `clientSeq`, so its author can drop it.
 */
export function readFrame(text: string): FrameResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid('frames are JSON text');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid('a message is a JSON object with a type');
  }
  if (depthExceeds(value, MAX_JSON_DEPTH)) {
    return invalid(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  }

  const type = (value as { type?: unknown }).type;
  const validator = typeof type === 'string' ? VALIDATORS.get(type) : undefined;
  if (!validator) return invalid(`unknown message type ${JSON.stringify(type)?.slice(0, 40)}`);
  if (!validator.Check(value)) {
    const [issue] = validator.Errors(value);
    const detail = issue ? `${type}${issue.instancePath} ${issue.message}` : `invalid ${type}`;
    const clientSeq = (value as { clientSeq?: unknown }).clientSeq;
    const named = type === 'change' && Number.isSafeInteger(clientSeq) && (clientSeq as number) > 0;
    return invalid(detail, named ? (clientSeq as number) : undefined);
  }

  const message = value as ClientMessageType;
  if (message.type === 'connect' && serialisedSize(message.userPayload) > MAX_USER_PAYLOAD_BYTES) {
    return invalid(`userPayload is at most ${MAX_USER_PAYLOAD_BYTES} bytes of JSON`);
  }
  if (message.type === 'magixEvent' && serialisedSize(message.payload) > MAX_EVENT_PAYLOAD_BYTES) {
    return invalid(`an event payload is at most ${MAX_EVENT_PAYLOAD_BYTES} bytes of JSON`);
  }
  return { ok: true, message };
}

function serialisedSize(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value));
}
