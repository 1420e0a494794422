import { describe, expect, it } from 'vitest';
import { createDockerSpecValidator, type SwaggerDoc, swaggerDefinitionsToJsonSchema } from './spec.ts';

const definitions = {
  Base: { type: 'object', properties: { A: { type: 'string' } }, required: ['A'] },
  Kind: { type: 'string', enum: ['bind', 'volume'] },
  Thing: {
    type: 'object',
    'x-go-name': 'Thing',
    description: 'docs',
    properties: {
      When: { type: 'string', format: 'dateTime', example: '2026-01-01T00:00:00Z' },
      Size: { type: 'integer', format: 'int64', 'x-nullable': true },
      Base: { $ref: '#/definitions/Base', 'x-nullable': true },
      Kind: { allOf: [{ $ref: '#/definitions/Kind' }] },
      Merged: { allOf: [{ $ref: '#/definitions/Base' }, { type: 'object', properties: { B: { type: 'integer' } } }] },
    },
  },
};

const doc: SwaggerDoc = { swagger: '2.0', info: { version: '9.99' }, paths: {}, definitions };

describe('Swagger 2.0 definitions as JSON Schema', () => {
  it('drops documentation keys, maps dateTime, makes x-nullable explicit', () => {
    const thing = swaggerDefinitionsToJsonSchema(definitions).definitions.Thing!;
    const props = thing.properties as Record<string, Record<string, unknown>>;
    expect(thing).not.toHaveProperty('x-go-name');
    expect(thing).not.toHaveProperty('description');
    expect(props.When).toEqual({ type: 'string', format: 'date-time' });
    expect(props.Size).toEqual({ anyOf: [{ type: 'integer' }, { type: 'null' }] });
    expect(props.Base).toEqual({ anyOf: [{ $ref: '#/definitions/Base' }, { type: 'null' }] });
  });

  it('open schemas accept unknown fields; closed ones reject them and merge object allOf parts', () => {
    const open = createDockerSpecValidator(doc);
    const closed = createDockerSpecValidator(doc, { closed: true });
    const value = {
      When: '2026-11-21T08:00:00Z',
      Size: null,
      Base: { A: 'x' },
      Kind: 'bind',
      Merged: { A: 'a', B: 1 },
    };
    expect(open.validate('Thing', { ...value, Extra: 1 }).valid).toBe(true);
    expect(closed.validate('Thing', value).errors).toEqual([]);
    expect(closed.validate('Thing', { ...value, Extra: 1 }).errors).toEqual([
      '/: must NOT have additional properties (Extra)',
    ]);
    expect(closed.validate('Thing', { ...value, Merged: { B: 1 } }).errors).toEqual([
      "/Merged: must have required property 'A'",
    ]);
    expect(closed.validate('Thing', { ...value, Merged: { A: 'a', C: 1 } }).valid).toBe(false);
    expect(closed.validate('Thing', { ...value, Kind: 'pipe' }).valid).toBe(false);
    expect(closed.validate('Thing', { ...value, When: 'yesterday' }).errors).toEqual([
      '/When: must match format "date-time"',
    ]);
    expect(closed.validate('Thing', { ...value, Base: { A: 1 } }).errors).toEqual(['/Base/A: must be string']);
  });

  it('refuses an unknown definition name instead of passing everything', () => {
    expect(() => createDockerSpecValidator(doc).validate('Nope', {})).toThrow(/no definition Nope/);
  });
});
