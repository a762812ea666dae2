import { Type, type TSchema } from 'typebox';
import { CurrentErrorBodySchema, LegacyErrorBodySchema, RoomUuid } from '@whiteroom/protocol';

/** Headers every authenticated route accepts, validated like any other input. */
export const AuthHeaders = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 4096, description: 'an sdkToken or room token' })),
  region: Type.Optional(
    Type.String({
      pattern: '^[a-z0-9-]{1,32}$',
      description: 'a data-centre name such as cn-hz; recorded on rooms created with it',
    }),
  ),
});

/** The `?token=` query parameter that the legacy API accepts beside the header. */
export const LegacyTokenQuery = {
  token: Type.Optional(Type.String({ maxLength: 4096, description: 'the sdkToken' })),
};

/** The error answers every route documents, in the body shape of its API generation. */
function errorResponses<T extends TSchema>(body: T) {
  return { 400: body, 401: body, 403: body, 404: body, 413: body };
}
export const CURRENT_ERRORS = errorResponses(CurrentErrorBodySchema);
export const LEGACY_ERRORS = errorResponses(LegacyErrorBodySchema);

/** `{uuid}` in a path: a room's uuid. */
export const UuidParams = Type.Object({ uuid: RoomUuid });
