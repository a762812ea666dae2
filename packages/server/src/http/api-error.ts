import { API_ERRORS, type ApiErrorName } from '@whiteroom/protocol';
import type { CurrentErrorBody, LegacyErrorBody } from '@whiteroom/protocol';

/**
 * An expected refusal of a request, thrown by a route and answered by the error handler with the
 * registry's status and code. Its text never contains a token or a secret.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: number;
  readonly title: string;
  /** Details that follow the main message, such as which field failed validation. */
  readonly details: string[];

  constructor(
    readonly errorName: ApiErrorName,
    options: { details?: string[]; role?: string } = {},
  ) {
    const definition = API_ERRORS[errorName];
    super(definition.message.replace('{role}', options.role ?? ''));
    this.status = definition.status;
    this.code = definition.code;
    this.title = definition.title;
    this.details = options.details ?? [];
  }
}

/** Which API generation a request belongs to decides the shape of its error body. */
export type ApiGeneration = 'legacy' | 'current';

export function errorBody(
  error: ApiError,
  generation: ApiGeneration,
): CurrentErrorBody | LegacyErrorBody {
  if (generation === 'legacy') {
    const msg = error.details.length
      ? `${error.message}: ${error.details.join('; ')}`
      : error.message;
    return { code: error.code, msg };
  }
  return {
    message: error.message,
    error: { code: error.code, title: error.title, messages: [error.message, ...error.details] },
  };
}
