import { Type, type Static } from 'typebox';
import { Element, ElementId, ElementPatch, PressurePoints } from './elements.js';

/**
 * Changes to a room's board. Every change a client proposes is one of these; the server checks
 * it, gives it the room's next sequence number and its time, and sends it to everyone. Applied in
 * sequence order, the same changes give every client the same board.
 */

/** A page path such as `/init` or `/lesson1/page2`. */
export const ScenePath = Type.String({ pattern: '^(/[^/]{1,128}){1,8}$', maxLength: 1024 });
/** A folder of pages: `/` or a path such as `/lesson1`. */
export const SceneDir = Type.String({ pattern: '^/$|^(/[^/]{1,128}){1,7}$', maxLength: 1024 });
export const SceneName = Type.String({ pattern: '^[^/]{1,128}$' });

export const SceneDescription = Type.Object(
  {
    name: SceneName,
    /** A background (a converted document page) for the page. */
    ppt: Type.Optional(
      Type.Object({
        src: Type.String({ maxLength: 4096 }),
        width: Type.Number({ minimum: 0 }),
        height: Type.Number({ minimum: 0 }),
      }),
    ),
  },
  { additionalProperties: false },
);
export type SceneDescription = Static<typeof SceneDescription>;

const JsonObject = Type.Record(Type.String({ maxLength: 128 }), Type.Unknown(), {
  maxProperties: 256,
});

export const AddElementOp = Type.Object(
  {
    type: Type.Literal('addElement'),
    scenePath: ScenePath,
    element: Element,
    /** Where in the page's stacking order; on top when absent. */
    index: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const UpdateElementOp = Type.Object(
  { type: Type.Literal('updateElement'), id: ElementId, patch: ElementPatch },
  { additionalProperties: false },
);

/** Points added to the end of a pencil stroke while it is drawn, so others see it grow. */
export const AppendPointsOp = Type.Object(
  { type: Type.Literal('appendPoints'), id: ElementId, points: PressurePoints },
  { additionalProperties: false },
);

export const RemoveElementsOp = Type.Object(
  {
    type: Type.Literal('removeElements'),
    ids: Type.Array(ElementId, { minItems: 1, maxItems: 10_000 }),
  },
  { additionalProperties: false },
);

/** Moves an element to a position in its page's stacking order (0 is the bottom). */
export const ReorderElementOp = Type.Object(
  { type: Type.Literal('reorderElement'), id: ElementId, index: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);

export const CleanSceneOp = Type.Object(
  {
    type: Type.Literal('cleanScene'),
    scenePath: ScenePath,
    /** Keep images (backgrounds put on the page) when true. */
    retainImages: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const PutScenesOp = Type.Object(
  {
    type: Type.Literal('putScenes'),
    dir: SceneDir,
    scenes: Type.Array(SceneDescription, { minItems: 1, maxItems: 500 }),
    /** Where among the folder's pages; at the end when absent. */
    index: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

/** Removes a page, or a folder with every page under it. */
export const RemoveScenesOp = Type.Object(
  { type: Type.Literal('removeScenes'), path: Type.Union([ScenePath, SceneDir]) },
  { additionalProperties: false },
);

/** Moves a page to a position among the pages of its folder. */
export const MoveSceneOp = Type.Object(
  { type: Type.Literal('moveScene'), path: ScenePath, index: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);

/** The page everyone in the room is on. */
export const SetScenePathOp = Type.Object(
  { type: Type.Literal('setScenePath'), path: ScenePath },
  { additionalProperties: false },
);

/** Shallow-merges into the room's shared JSON; a key set to null is removed. */
export const SetGlobalStateOp = Type.Object(
  { type: Type.Literal('setGlobalState'), patch: JsonObject },
  { additionalProperties: false },
);

export const BoardOp = Type.Union([
  AddElementOp,
  UpdateElementOp,
  AppendPointsOp,
  RemoveElementsOp,
  ReorderElementOp,
  CleanSceneOp,
  PutScenesOp,
  RemoveScenesOp,
  MoveSceneOp,
  SetScenePathOp,
  SetGlobalStateOp,
]);
export type BoardOp = Static<typeof BoardOp>;
export type BoardOpType = BoardOp['type'];

/** What a client may propose: a board change, or undo / redo of its own last change. */
export const ProposedOp = Type.Union([
  BoardOp,
  Type.Object({ type: Type.Literal('undo') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('redo') }, { additionalProperties: false }),
]);
export type ProposedOp = Static<typeof ProposedOp>;
