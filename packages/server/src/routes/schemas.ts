import { Type } from 'typebox';

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
