import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { parse } from 'yaml';

/**
 * The Docker Engine API description (fixtures/docker-engine-swagger.yaml, Swagger 2.0, from
 * moby/moby, Apache-2.0) turned into JSON Schema draft-07 so ajv can check what the fake answers.
 *
 * Swagger 2.0 schemas are almost JSON Schema; the differences handled here:
 * - `x-nullable: true` means the value may also be `null` (draft-07 has no `nullable`);
 * - `$ref` siblings are ignored by draft-07, so a nullable `$ref` becomes `anyOf [$ref, null]`;
 * - `x-*`, `example`, `description` are documentation only and are dropped;
 * - `format: dateTime` (a typo the spec carries in two places) is read as `date-time`; the
 *   integer/network formats (`int64`, `uint16`, `CIDR`…) are accepted without a check.
 * With `closed: true` every object schema that lists `properties` and says nothing about
 * `additionalProperties` gets `additionalProperties: false` (`allOf` object parts are merged
 * first), so a field the spec does not know — a typo in the fake — fails validation.
 */

export const DOCKER_SPEC_PATH = new URL('../../fixtures/docker-engine-swagger.yaml', import.meta.url);

type Schema = Record<string, unknown>;

export interface SwaggerDoc {
  swagger: string;
  basePath?: string;
  info: { version: string };
  paths: Record<string, Record<string, unknown>>;
  definitions: Record<string, Schema>;
}

let bundled: SwaggerDoc | undefined;

export function loadDockerSpec(): SwaggerDoc {
  bundled ??= parse(readFileSync(DOCKER_SPEC_PATH, 'utf8')) as SwaggerDoc;
  return bundled;
}

export interface ConvertOptions {
  /** Forbid properties the spec does not list (see the module comment). */
  closed?: boolean;
}

const KEPT = new Set([
  'type',
  'title',
  'required',
  'enum',
  'default',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
]);
const FORMAT_ALIASES: Record<string, string> = { dateTime: 'date-time' };
const CHECKED_FORMATS = new Set(['date-time', 'uri']);

/** Converts every definition of a Swagger 2.0 document into one JSON Schema document. */
export function swaggerDefinitionsToJsonSchema(
  definitions: Record<string, Schema>,
  options: ConvertOptions = {},
): { definitions: Record<string, Schema> } {
  const closed = options.closed ?? false;
  const resolve = (ref: string): Schema => {
    const name = ref.replace(/^#\/definitions\//, '');
    const target = definitions[name];
    if (!target) throw new Error(`docker spec: unresolved $ref ${ref}`);
    return target;
  };

  const convert = (schema: Schema, seen: readonly string[]): Schema => {
    const nullable = schema['x-nullable'] === true;
    let out: Schema;
    if (typeof schema.$ref === 'string') {
      out = { $ref: schema.$ref };
    } else {
      out = {};
      for (const [key, value] of Object.entries(schema)) {
        if (KEPT.has(key)) out[key] = value;
      }
      if (typeof schema.format === 'string') {
        const format = FORMAT_ALIASES[schema.format] ?? schema.format;
        if (CHECKED_FORMATS.has(format)) out.format = format;
      }
      if (isSchema(schema.items)) out.items = convert(schema.items, seen);
      if (isSchema(schema.properties)) {
        out.properties = Object.fromEntries(
          Object.entries(schema.properties).map(([name, sub]) => [name, convert(sub as Schema, seen)]),
        );
      }
      if (isSchema(schema.additionalProperties)) {
        out.additionalProperties = convert(schema.additionalProperties, seen);
      } else if (typeof schema.additionalProperties === 'boolean') {
        out.additionalProperties = schema.additionalProperties;
      }
      if (Array.isArray(schema.allOf)) {
        const parts = schema.allOf as Schema[];
        if (closed && parts.every((part) => isObjectSchema(part))) {
          out = mergeObjectParts(out, parts, seen);
        } else {
          out.allOf = parts.map((part) => convert(part, seen));
        }
      }
      if (closed && out.properties && out.additionalProperties === undefined && !out.allOf) {
        out.additionalProperties = false;
      }
    }
    return nullable ? { anyOf: [out, { type: 'null' }] } : out;
  };

  const isObjectSchema = (part: Schema): boolean => {
    const target = typeof part.$ref === 'string' ? resolve(part.$ref) : part;
    return target.type === 'object' || isSchema(target.properties) || Array.isArray(target.allOf);
  };

  /** Inlines `allOf` object parts into one object schema so that closing it stays correct. */
  const mergeObjectParts = (base: Schema, parts: Schema[], seen: readonly string[]): Schema => {
    const merged: Schema = { ...base, type: 'object' };
    const properties: Record<string, Schema> = { ...((base.properties as Record<string, Schema>) ?? {}) };
    const required = new Set<string>((base.required as string[] | undefined) ?? []);
    for (const part of parts) {
      const ref = typeof part.$ref === 'string' ? part.$ref : undefined;
      if (ref && seen.includes(ref)) throw new Error(`docker spec: recursive allOf through ${ref}`);
      const source = ref ? resolve(ref) : part;
      const converted = convert({ ...source, 'x-nullable': false }, ref ? [...seen, ref] : seen);
      const flat = converted.allOf ? mergeObjectParts(converted, [], seen) : converted;
      Object.assign(properties, (flat.properties as Record<string, Schema>) ?? {});
      for (const name of (flat.required as string[] | undefined) ?? []) required.add(name);
    }
    merged.properties = properties;
    if (required.size > 0) merged.required = [...required];
    delete merged.allOf;
    return merged;
  };

  return {
    definitions: Object.fromEntries(Object.entries(definitions).map(([name, def]) => [name, convert(def, [])])),
  };
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface DockerSpecValidator {
  /** The API version the spec describes, e.g. `1.56`. */
  apiVersion: string;
  /** Validates `value` against `#/definitions/{definition}`; `errors` are `path: message` lines. */
  validate(definition: string, value: unknown): { valid: boolean; errors: string[] };
  /** The spec's response schema `$ref` name for `GET {path}` with `status`, e.g. `ContainerInspectResponse`. */
  responseDefinition(path: string, status: number): string | undefined;
}

const validators = new Map<string, DockerSpecValidator>();

/** One validator per option set and process: compiling is the costly part. */
export function dockerSpecValidator(options: ConvertOptions = {}): DockerSpecValidator {
  const key = options.closed ? 'closed' : 'open';
  let validator = validators.get(key);
  if (!validator) {
    validator = createDockerSpecValidator(loadDockerSpec(), options);
    validators.set(key, validator);
  }
  return validator;
}

export function createDockerSpecValidator(spec: SwaggerDoc, options: ConvertOptions = {}): DockerSpecValidator {
  const ajv = new Ajv({ strict: true, allErrors: true });
  // ajv-formats is CommonJS; under Node's ESM loader the plugin is its default export.
  const addFormats = ((addFormatsPlugin as unknown as { default?: unknown }).default ??
    addFormatsPlugin) as unknown as (a: Ajv) => void;
  addFormats(ajv);
  ajv.addSchema({ $id: 'docker', ...swaggerDefinitionsToJsonSchema(spec.definitions, options) });
  const compiled = new Map<string, ValidateFunction>();

  return {
    apiVersion: spec.info.version,
    validate(definition, value) {
      if (!spec.definitions[definition]) throw new Error(`docker spec has no definition ${definition}`);
      let validate = compiled.get(definition);
      if (!validate) {
        validate = ajv.compile({ $ref: `docker#/definitions/${definition}` });
        compiled.set(definition, validate);
      }
      if (validate(value)) return { valid: true, errors: [] };
      // A nullable value is `anyOf [schema, null]`: when the schema branch has its own errors, the
      // null branch's "must be null" and the anyOf summary only repeat them.
      const all = validate.errors ?? [];
      const nullNoise = (e: (typeof all)[number]) =>
        e.keyword === 'anyOf' || (e.keyword === 'type' && e.params.type === 'null');
      const specific = all.filter((e) => !nullNoise(e));
      const errors = (specific.length > 0 ? specific : all).map(
        (e) =>
          `${e.instancePath || '/'}: ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : ''}`,
      );
      return { valid: false, errors };
    },
    responseDefinition(path, status) {
      const operation = spec.paths[path]?.get as
        | { responses?: Record<string, { schema?: { $ref?: string } }> }
        | undefined;
      const ref = operation?.responses?.[String(status)]?.schema?.$ref;
      return ref?.replace(/^#\/definitions\//, '');
    },
  };
}
