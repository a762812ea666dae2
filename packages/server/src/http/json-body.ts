import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { ApiError } from './api-error.js';

/**
 * JSON bodies, parsed with prototype-poisoning protection. An empty body counts as no body: the
 * hosted service's own examples send `content-type: application/json` with no body at all
 * (`POST /room/join`), and those requests must keep working.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  // JSON is the only body the API takes: any other media type is answered with 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(
        null,
        secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }),
      );
    } catch {
      done(new ApiError('invalidJson'), undefined);
    }
  });
}
