import { Compile } from 'typebox/compile';
import { Type, type TSchema } from 'typebox';
import {
  AddElementOp,
  AppendPointsOp,
  BoxElement,
  CleanSceneOp,
  ClientMessage,
  Element,
  ImageElement,
  LineElement,
  MoveSceneOp,
  PencilElement,
  PutScenesOp,
  RemoveElementsOp,
  RemoveScenesOp,
  ReorderElementOp,
  SceneDescription,
  ServerMessage,
  SetGlobalStateOp,
  SetScenePathOp,
  TextElement,
  UpdateElementOp,
  type BoardOp,
  type ElementType,
} from '@whiteroom/protocol';
import type { BoardSnapshot } from '@whiteroom/board';

/**
 * Runtime checks at the SDK's two boundaries: every frame from the server before anything acts on
 * it, and every change or message built from application input before it is applied or sent, so
 * that a bad argument is refused at the call rather than by the server long after.
 */

const serverMessage = Compile(ServerMessage);
const clientMessage = Compile(ClientMessage);

/** One validator per kind of change, so that a refusal names the field at fault. */
const opValidators = compileEach({
  addElement: AddElementOp,
  updateElement: UpdateElementOp,
  appendPoints: AppendPointsOp,
  removeElements: RemoveElementsOp,
  reorderElement: ReorderElementOp,
  cleanScene: CleanSceneOp,
  putScenes: PutScenesOp,
  removeScenes: RemoveScenesOp,
  moveScene: MoveSceneOp,
  setScenePath: SetScenePathOp,
  setGlobalState: SetGlobalStateOp,
} satisfies Record<BoardOp['type'], TSchema>);

const elementValidators = compileEach({
  pencil: PencilElement,
  straight: LineElement,
  arrow: LineElement,
  rectangle: BoxElement,
  ellipse: BoxElement,
  shape: BoxElement,
  text: TextElement,
  image: ImageElement,
} satisfies Record<ElementType, TSchema>);

/**
 * The board a welcome carries. The protocol types it loosely (it is the board package's JSON), so
 * it is checked here against the shape `Board` reads, elements included.
 */
const snapshot = Compile(
  Type.Object({
    version: Type.Literal(1),
    scenes: Type.Record(Type.String(), Type.Array(SceneDescription)),
    pages: Type.Record(
      Type.String(),
      Type.Object({
        order: Type.Array(Type.String()),
        elements: Type.Record(Type.String(), Element),
      }),
    ),
    scenePath: Type.String(),
    globalState: Type.Record(Type.String(), Type.Unknown()),
  }),
);

interface Checker {
  Check(value: unknown): boolean;
  Errors(value: unknown): { instancePath: string; message: string }[];
}

function compileEach<K extends string>(schemas: Record<K, TSchema>): Record<K, Checker> {
  const entries = Object.entries<TSchema>(schemas).map(([key, schema]) => [key, Compile(schema)]);
  return Object.fromEntries(entries) as Record<K, Checker>;
}

function firstError(checker: Checker, value: unknown, prefix = ''): string {
  const [error] = checker.Errors(value);
  return error ? `${prefix}${error.instancePath || '/'} ${error.message}` : 'not valid';
}

export function parseServerMessage(text: string): ServerMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return serverMessage.Check(value) ? value : undefined;
}

/** Why a message built from application input is not valid; undefined when it is. */
export function clientMessageProblem(message: ClientMessage): string | undefined {
  return clientMessage.Check(message) ? undefined : firstError(clientMessage, message);
}

/** Why a change is not valid; undefined when it is. */
export function boardOpProblem(op: BoardOp): string | undefined {
  const checker = (opValidators as Partial<Record<string, Checker>>)[op.type];
  if (!checker) return `unknown change ${String(op.type)}`;
  if (checker.Check(op)) return undefined;
  if (op.type === 'addElement') {
    // The union of element kinds reports errors of every kind; the element's own kind is clearer.
    const element = (elementValidators as Partial<Record<string, Checker>>)[op.element.type];
    if (!element) return `unknown element type ${String(op.element.type)}`;
    if (!element.Check(op.element)) return firstError(element, op.element, '/element');
  }
  return firstError(checker, op);
}

/**
 * The server's default frame limit (`--max-frame-bytes`). A larger change would close the
 * connection with 1009 and, resent on every reconnect, close it again; it is refused at the call.
 */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** Room for the envelope of a change message around its op. */
const ENVELOPE_BYTES = 64;
const encoder = new TextEncoder();

/** Whether a change is too large to send. Counts bytes only when the text could be too long. */
export function isOversized(op: BoardOp): boolean {
  const text = JSON.stringify(op);
  const budget = MAX_FRAME_BYTES - ENVELOPE_BYTES;
  if (text.length * 3 <= budget) return false;
  return encoder.encode(text).length > budget;
}

export function isBoardSnapshot(value: unknown): value is BoardSnapshot {
  return snapshot.Check(value);
}
