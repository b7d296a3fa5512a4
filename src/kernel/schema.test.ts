import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import { Nullable } from './schema.ts';

// The options the API validates bodies with (src/server.ts): type coercion on.
const ajv = new Ajv({ coerceTypes: 'array', removeAdditional: false, allErrors: true });
const validate = ajv.compile(
  Type.Object({
    progress: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
    figure: Nullable(Type.Number()),
    flag: Nullable(Type.Boolean()),
    text: Nullable(Type.String()),
  }),
);
const parse = (body: Record<string, unknown>) => {
  const copy = structuredClone(body);
  return { valid: validate(copy), body: copy };
};

describe('Nullable', () => {
  it('keeps 0 and false as they are instead of coercing them to null', () => {
    assert.deepEqual(parse({ progress: 0, figure: 0, flag: false, text: 'x' }), {
      valid: true,
      body: { progress: 0, figure: 0, flag: false, text: 'x' },
    });
  });

  it('keeps null as null instead of coercing it to 0, false or ""', () => {
    assert.deepEqual(parse({ progress: null, figure: null, flag: null, text: null }), {
      valid: true,
      body: { progress: null, figure: null, flag: null, text: null },
    });
  });

  it('still coerces a number sent as text, and refuses what is neither', () => {
    assert.deepEqual(parse({ progress: '40', figure: '2.5', flag: 'true', text: null }).body, {
      progress: 40,
      figure: 2.5,
      flag: true,
      text: null,
    });
    assert.equal(parse({ progress: 'fyrtio', figure: null, flag: null, text: null }).valid, false);
    assert.equal(parse({ progress: 101, figure: null, flag: null, text: null }).valid, false);
  });
});
