import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';

/**
 * Request-body validators built from Discord's own OpenAPI 3.1 description (a copy under
 * the package's fixtures/, see its README). OpenAPI 3.1 schemas are JSON Schema 2020-12, so ajv's 2020
 * validator reads them as they are; operation bodies are found by walking the spec and resolving
 * `$ref`s, not by naming schemas by hand.
 */
type Json = Record<string, unknown>;

const specPath = new URL('../../fixtures/discord-openapi.json', import.meta.url);
export const discordSpec = JSON.parse(readFileSync(specPath, 'utf8')) as Json;
const specId = 'https://discord.com/api/v10/openapi.json';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, strictRequired: false });
  addFormats(ajv);
  // OpenAPI's own formats, and Discord's.
  const inRange = (bits: number) => (n: number) =>
    Number.isInteger(n) && n >= -(2 ** (bits - 1)) && n < 2 ** (bits - 1);
  ajv.addFormat('int32', { type: 'number', validate: inRange(32) });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('snowflake', /^(0|[1-9][0-9]*)$/);
  ajv.addFormat('nonce', true);
  // Annotations the spec carries that are not JSON Schema keywords.
  ajv.addKeyword({ keyword: 'x-discord-union' });
  ajv.addKeyword({ keyword: 'discriminator' });
  // The document's own top-level members: ajv compiles the root when it resolves a pointer into it.
  for (const keyword of Object.keys(discordSpec)) ajv.addKeyword({ keyword });
  return ajv;
}

/** Follows a local `$ref` (`#/components/...`) inside the spec. */
export function resolvePointer(ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`not a local ref: ${ref}`);
  let node: unknown = discordSpec;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !(key in node)) throw new Error(`unresolvable ref ${ref}`);
    node = (node as Json)[key];
  }
  return node;
}

function deref(node: unknown): Json {
  let current = node as Json;
  for (let hops = 0; typeof current.$ref === 'string'; hops++) {
    if (hops > 10) throw new Error('ref loop');
    current = resolvePointer(current.$ref) as Json;
  }
  return current;
}

/** JSON pointer (escaped) to the JSON request body schema of `method path`. */
export function requestBodyPointer(method: string, path: string): string {
  const paths = discordSpec.paths as Json;
  const item = paths[path];
  if (item === undefined) throw new Error(`no path ${path} in the spec`);
  const operation = deref((item as Json)[method.toLowerCase()]);
  const body = deref(operation.requestBody);
  const content = body.content as Json;
  if (!content['application/json']) throw new Error(`${method} ${path} has no JSON body`);
  const escaped = path.replaceAll('~', '~0').replaceAll('/', '~1');
  return `#/paths/${escaped}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
}

export function operationId(method: string, path: string): string {
  const item = (discordSpec.paths as Json)[path] as Json;
  return String(deref(item[method.toLowerCase()]).operationId);
}

/**
 * A copy of the spec in which every object schema that lists its properties admits no others —
 * stricter than Discord as published (which allows unknown fields), so a misspelt field such as
 * `max_lenght` fails instead of being silently ignored by Discord.
 */
function closedSpec(): Json {
  const copy = structuredClone(discordSpec);
  const close = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) close(child);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const schema = node as Json;
    const isObjectSchema =
      typeof schema.properties === 'object' &&
      schema.additionalProperties === undefined &&
      schema.allOf === undefined &&
      schema.oneOf === undefined &&
      schema.anyOf === undefined;
    if (isObjectSchema) schema.additionalProperties = false;
    for (const child of Object.values(schema)) close(child);
  };
  close((copy.components as Json).schemas);
  close(copy.paths);
  return copy;
}

const validators = new Map<string, ValidateFunction>();

/** Validator for the JSON body of `method path`; `closed` rejects unknown fields too. */
export function requestBodyValidator(
  method: string,
  path: string,
  options: { closed?: boolean } = {},
): ValidateFunction {
  const key = `${options.closed ? 'closed' : 'open'} ${method} ${path}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    const ajv = newAjv();
    ajv.addSchema(options.closed ? closedSpec() : discordSpec, specId);
    validate = ajv.compile({ $ref: `${specId}${requestBodyPointer(method, path)}` });
    validators.set(key, validate);
  }
  return validate;
}

export function formatErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
