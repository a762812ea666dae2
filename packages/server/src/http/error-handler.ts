import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, errorBody, type ApiGeneration } from './api-error.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which API generation the route belongs to; decides the shape of its error bodies. */
    generation?: ApiGeneration;
  }
  interface FastifyRequest {
    /** The unexpected error behind a 5xx answer, kept for the request's log line. */
    failure?: unknown;
  }
}

/** When a refused export is worth trying again: about what the queue ahead of it takes. */
const EXPORTS_RETRY_AFTER_S = 10;

function generationOf(request: FastifyRequest): ApiGeneration {
  const configured = request.routeOptions.config.generation;
  if (configured) return configured;
  return request.url.startsWith('/v5/') ? 'current' : 'legacy';
}

/** Maps what Fastify and its schema validator throw onto the error registry. */
function toApiError(error: FastifyError): ApiError | undefined {
  if (error instanceof ApiError) return error;

  if (error.validation) {
    const details = error.validation.map((issue) => {
      const where = `${error.validationContext ?? 'request'}${issue.instancePath}`;
      return `${where} ${issue.message ?? 'is invalid'}`;
    });
    const names = error.validation.map((issue) => {
      const missing = (issue.params as { missingProperty?: unknown }).missingProperty;
      return typeof missing === 'string' ? missing : issue.instancePath.split('/').pop();
    });
    if (names.includes('uuid')) return new ApiError('invalidUuid', { details });
    if (error.validationContext === 'params') return new ApiError('invalidPath', { details });
    switch (error.validationContext) {
      case 'body':
        return new ApiError('invalidBody', { details });
      case 'querystring':
        return new ApiError('invalidQuery', { details });
      case 'headers':
        return new ApiError('invalidHeaders', { details });
      default:
        return new ApiError('badRequest', { details });
    }
  }

  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('bodyTooLarge');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('unsupportedMediaType');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('invalidJson');
  }
  if (error.statusCode === 503) return new ApiError('unavailable');
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError('badRequest', { details: [error.message] });
  }
  return undefined;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = toApiError(error);
    const answer = known ?? new ApiError('internal');
    if (!known) request.failure = error;
    // The rest of an oversized body is still on its way: close the connection rather than read it.
    if (answer.errorName === 'bodyTooLarge') reply.header('connection', 'close');
    if (answer.errorName === 'exportsBusy') reply.header('retry-after', EXPORTS_RETRY_AFTER_S);
    return reply
      .code(answer.status)
      .type('application/json; charset=utf-8')
      .send(errorBody(answer, generationOf(request)));
  });

  app.setNotFoundHandler((request, reply) => {
    return reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(errorBody(new ApiError('routeNotFound'), generationOf(request)));
  });
}
