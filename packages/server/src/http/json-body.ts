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
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      done(new ApiError('invalidJson'), undefined);
      return;
    }
    try {
      // Valid JSON, but a key that could reach an object's prototype is refused as content.
      if (parsed !== null && typeof parsed === 'object') {
        secureJson.scan(parsed, { protoAction: 'error', constructorAction: 'error' });
      }
    } catch {
      const details = ['keys named __proto__, or constructor holding prototype, are not accepted'];
      done(new ApiError('invalidBody', { details }), undefined);
      return;
    }
    done(null, parsed);
  });
}
