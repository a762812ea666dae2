import { Ajv, type Options, type ValidateFunction } from 'ajv';
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

/** How a number is written in a query: decimal digits, a sign and a fraction at most. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** The fields of an object schema that hold numbers. */
function numberFields(schema: object): string[] {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties;
  return Object.entries(properties ?? {})
    .filter(([, field]) => field.type === 'number' || field.type === 'integer')
    .map(([name]) => name);
}

/**
 * A query validator that also refuses numbers written otherwise than in decimal. Converting text
 * to a number as JavaScript does would read `0x10` as 16, ` 5` as 5 and `1e3` as 1000: each is
 * more likely a mistake than meant, and a wrong `afterSeq` or `until` silently replays the wrong
 * part of a recording.
 */
function queryValidator(schema: object): ValidateFunction {
  const validate = textParts.compile(schema);
  const fields = numberFields(schema);
  const check = ((data: Record<string, unknown> | undefined) => {
    for (const name of fields) {
      const values = [data?.[name]].flat();
      if (values.some((value) => typeof value === 'string' && !DECIMAL.test(value))) {
        const message = 'must be a decimal number';
        check.errors = [
          { instancePath: `/${name}`, schemaPath: '', keyword: 'type', params: {}, message },
        ];
        return false;
      }
    }
    const valid = validate(data);
    check.errors = validate.errors;
    return valid;
  }) as ValidateFunction;
  return check;
}

export function installValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const definition = schema as FastifySchema & object;
    if (httpPart === 'querystring') return queryValidator(definition);
    return (httpPart === 'body' ? bodies : textParts).compile(definition);
  });
}
