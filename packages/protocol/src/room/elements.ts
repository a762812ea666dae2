import { Type, type Static } from 'typebox';

/**
 * What can be on a page. Every element has an id (unique in its room), a type, and a position
 * (`x`, `y`): the coordinates its own points and sizes are relative to, so moving an element is
 * one change of `x` and `y` whatever its size. Coordinates are board units (CSS pixels at zoom 1).
 */

const Coordinate = Type.Number({ minimum: -1e7, maximum: 1e7 });
const Size = Type.Number({ minimum: 0, maximum: 1e7 });

/** A colour as `[r, g, b]`, each 0 to 255, as the hosted service's SDK writes it. */
export const Color = Type.Tuple([
  Type.Integer({ minimum: 0, maximum: 255 }),
  Type.Integer({ minimum: 0, maximum: 255 }),
  Type.Integer({ minimum: 0, maximum: 255 }),
]);
export type Color = Static<typeof Color>;

export const ElementId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });

/** Properties every element has. */
const Common = {
  id: ElementId,
  x: Coordinate,
  y: Coordinate,
  /** Degrees, clockwise, around the element's position. */
  rotation: Type.Optional(Type.Number({ minimum: -360, maximum: 360 })),
  opacity: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  locked: Type.Optional(Type.Boolean()),
};

/** Line style shared by everything drawn with a stroke. */
const Stroke = {
  strokeColor: Color,
  strokeWidth: Type.Number({ minimum: 0.1, maximum: 200 }),
  dotted: Type.Optional(Type.Boolean()),
};

/** Flat `[x0, y0, p0, x1, y1, p1, ...]`: positions relative to the element, pressure 0..1. */
export const PressurePoints = Type.Array(Type.Number({ minimum: -1e7, maximum: 1e7 }), {
  maxItems: 3 * 50_000,
});

export const PencilElement = Type.Object(
  { ...Common, type: Type.Literal('pencil'), ...Stroke, points: PressurePoints },
  { additionalProperties: false },
);

/** A straight line or an arrow from `(x, y)` to `(x + dx, y + dy)`. */
export const LineElement = Type.Object(
  {
    ...Common,
    type: Type.Union([Type.Literal('straight'), Type.Literal('arrow')]),
    ...Stroke,
    dx: Coordinate,
    dy: Coordinate,
  },
  { additionalProperties: false },
);

export const ShapeType = Type.Union([
  Type.Literal('triangle'),
  Type.Literal('rhombus'),
  Type.Literal('pentagram'),
  Type.Literal('speechBalloon'),
]);
export type ShapeType = Static<typeof ShapeType>;

/** Rectangles, ellipses and the shapes: a box from `(x, y)` of `width` by `height`. */
export const BoxElement = Type.Object(
  {
    ...Common,
    type: Type.Union([Type.Literal('rectangle'), Type.Literal('ellipse'), Type.Literal('shape')]),
    ...Stroke,
    width: Size,
    height: Size,
    /** Only for `shape`. */
    shapeType: Type.Optional(ShapeType),
    /** No fill when absent. */
    fillColor: Type.Optional(Color),
  },
  { additionalProperties: false },
);

export const TextElement = Type.Object(
  {
    ...Common,
    type: Type.Literal('text'),
    text: Type.String({ maxLength: 10_000 }),
    textSize: Type.Number({ minimum: 1, maximum: 1000 }),
    textColor: Color,
    bold: Type.Optional(Type.Boolean()),
    italic: Type.Optional(Type.Boolean()),
    underline: Type.Optional(Type.Boolean()),
    /** Wrapping width; the text runs on one line per paragraph when absent. */
    width: Type.Optional(Size),
  },
  { additionalProperties: false },
);

export const ImageElement = Type.Object(
  {
    ...Common,
    type: Type.Literal('image'),
    src: Type.String({ minLength: 1, maxLength: 4096 }),
    width: Size,
    height: Size,
  },
  { additionalProperties: false },
);

export const Element = Type.Union([
  PencilElement,
  LineElement,
  BoxElement,
  TextElement,
  ImageElement,
]);
export type Element = Static<typeof Element>;
export type ElementType = Element['type'];
export type PencilElement = Static<typeof PencilElement>;
export type LineElement = Static<typeof LineElement>;
export type BoxElement = Static<typeof BoxElement>;
export type TextElement = Static<typeof TextElement>;
export type ImageElement = Static<typeof ImageElement>;

/**
 * A change to some properties of an element. `id` and `type` never change; a property set to
 * null is removed (for optional ones such as `fillColor`). The merged element is validated again.
 */
export const ElementPatch = Type.Record(
  Type.String({ pattern: '^(?!id$|type$)[A-Za-z]{1,32}$' }),
  Type.Unknown(),
  { maxProperties: 32 },
);
export type ElementPatch = Static<typeof ElementPatch>;
