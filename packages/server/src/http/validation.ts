import { Ajv, type Options } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';

// ajv-formats is CommonJS with its plugin as the default export.
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;

const common: Options = {
  allErrors: false,
  useDefaults: true,
  // Unknown fields are refused where a schema says so, never silently dropped.
  removeAdditional: false,
  strict: false,
};

/**
 * Two validators: query strings, path parameters and headers arrive as text, so `limit=10` is
 * read as a number there; JSON bodies carry their own types, so `"limit": "10"` or
 * `"isBan": null` is a wrong type and refused, never converted.
 */
const textParts = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));
const bodies = addFormats(new Ajv({ ...common, coerceTypes: false }));

export function installValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodies : textParts).compile(schema as FastifySchema & object),
  );
}
