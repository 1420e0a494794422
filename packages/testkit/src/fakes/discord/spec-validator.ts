import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import type { JsonObject } from './shapes.ts';

/**
 * Validates REST request bodies against Discord's own OpenAPI 3.1 description
 * (fixtures/discord-openapi.json, from discord/discord-api-spec, MIT). Operations are looked up by
 * method and path template; validators are compiled on first use and cached.
 */

const SPEC_ID = 'discord-openapi';
const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

export const BUNDLED_SPEC_PATH = new URL('../../../fixtures/discord-openapi.json', import.meta.url);

export interface SpecOperation {
  method: string;
  /** Path template as the spec writes it, e.g. `/channels/{channel_id}/messages`. */
  template: string;
  operationId: string;
  /** True when the spec allows the call without a bot token (interaction and webhook-token routes). */
  anonymous: boolean;
  /** True when the spec declares a JSON request body. */
  hasJsonBody: boolean;
  segments: string[];
}

export interface MatchedOperation {
  operation: SpecOperation;
  params: Record<string, string>;
}

/** One problem with a request body, in Discord's error vocabulary. */
export interface ValidationIssue {
  /** Dotted path into the body, e.g. `data.content`; '' for the body itself. */
  path: string;
  code: string;
  message: string;
}

export type ValidationResult =
  | { valid: true }
  | { valid: false; issues: ValidationIssue[]; errors: JsonObject; ajvErrors: ErrorObject[] };

export interface SpecValidator {
  operations: readonly SpecOperation[];
  match(method: string, path: string): MatchedOperation | undefined;
  validateBody(operation: SpecOperation, body: unknown): ValidationResult;
}

type SchemaObject = Record<string, unknown>;
interface OpenApiDoc {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

interface CompiledBody {
  whole: ValidateFunction;
  /** Top-level union branches (`anyOf`/`oneOf` of `$ref`s), compiled for sharper error reports. */
  branches: ValidateFunction[];
}

let bundled: OpenApiDoc | undefined;

export function loadBundledSpec(): OpenApiDoc {
  bundled ??= JSON.parse(readFileSync(BUNDLED_SPEC_PATH, 'utf8')) as OpenApiDoc;
  return bundled;
}

let shared: SpecValidator | undefined;

/** One validator per process: compiling is the costly part, and every fake can share it. */
export function sharedSpecValidator(): SpecValidator {
  shared ??= createSpecValidator(loadBundledSpec());
  return shared;
}

export function createSpecValidator(spec: OpenApiDoc): SpecValidator {
  const operations = listOperations(spec);
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  // ajv-formats is CommonJS; under Node's ESM loader the plugin is its default export.
  const addFormats = ((addFormatsPlugin as unknown as { default?: unknown }).default ??
    addFormatsPlugin) as unknown as (a: Ajv2020) => void;
  addFormats(ajv);
  ajv.addFormat('snowflake', /^(0|[1-9][0-9]{0,19})$/);
  ajv.addFormat('nonce', true);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema(spec as unknown as SchemaObject, SPEC_ID);
  const cache = new Map<string, CompiledBody | null>();

  function compiled(operation: SpecOperation): CompiledBody | null {
    const key = `${operation.method} ${operation.template}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const pointer = jsonPointer(['paths', operation.template, operation.method.toLowerCase(), 'requestBody']);
    const body = (spec.paths[operation.template]?.[operation.method.toLowerCase()] as SchemaObject | undefined)
      ?.requestBody as { content?: Record<string, { schema?: SchemaObject }> } | undefined;
    const schema = body?.content?.['application/json']?.schema;
    if (!schema) {
      cache.set(key, null);
      return null;
    }
    const base = `${SPEC_ID}#${pointer}/${jsonPointer(['content', 'application/json', 'schema']).slice(1)}`;
    const union = (schema.anyOf ?? schema.oneOf) as SchemaObject[] | undefined;
    const unionKey = schema.anyOf ? 'anyOf' : 'oneOf';
    const entry: CompiledBody = {
      whole: ajv.compile({ $ref: base }),
      branches: Array.isArray(union) ? union.map((_, i) => ajv.compile({ $ref: `${base}/${unionKey}/${i}` })) : [],
    };
    cache.set(key, entry);
    return entry;
  }

  return {
    operations,
    match(method, path) {
      return matchOperation(operations, method, path);
    },
    validateBody(operation, body) {
      const entry = compiled(operation);
      if (!entry || entry.whole(body)) return { valid: true };
      const ajvErrors = pickRelevantErrors(entry, body);
      const issues = toIssues(ajvErrors);
      return { valid: false, issues, errors: toDiscordErrors(issues), ajvErrors };
    },
  };
}

function listOperations(spec: OpenApiDoc): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as
        | { operationId?: string; security?: Record<string, unknown>[]; requestBody?: { content?: object } }
        | undefined;
      if (!op) continue;
      out.push({
        method: method.toUpperCase(),
        template,
        operationId: op.operationId ?? `${method} ${template}`,
        anonymous: (op.security ?? []).some((s) => Object.keys(s).length === 0),
        hasJsonBody: Boolean(op.requestBody?.content && 'application/json' in op.requestBody.content),
        segments: template.split('/').filter(Boolean),
      });
    }
  }
  return out;
}

/**
 * Finds the operation for a concrete path. Segments are compared after percent-decoding, so
 * `%40original` matches `@original`; literal segments win over `{param}` ones.
 */
export function matchOperation(
  operations: readonly SpecOperation[],
  method: string,
  path: string,
): MatchedOperation | undefined {
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((s) => safeDecode(s));
  let best: { match: MatchedOperation; score: number[] } | undefined;
  for (const operation of operations) {
    if (operation.method !== method.toUpperCase() || operation.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const score: number[] = [];
    let ok = true;
    for (let i = 0; i < segments.length; i++) {
      const want = operation.segments[i]!;
      const got = segments[i]!;
      if (want.startsWith('{') && want.endsWith('}')) {
        params[want.slice(1, -1)] = got;
        score.push(0);
      } else if (want === got) {
        score.push(1);
      } else {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    if (!best || compareScores(score, best.score) > 0) best = { match: { operation, params }, score };
  }
  return best?.match;
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function jsonPointer(parts: string[]): string {
  return `/${parts.map((p) => encodeURIComponent(p.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/')}`;
}

/**
 * Union bodies (the interaction callback is an `anyOf` of seven request kinds) make ajv report the
 * failures of every branch. Like Discord, report only the branch the body's discriminator (`type`)
 * selects: branches that reject a top-level `const`/`enum` are out; the closest remaining one wins.
 */
function pickRelevantErrors(entry: CompiledBody, body: unknown): ErrorObject[] {
  const all = entry.whole.errors ?? [];
  if (entry.branches.length === 0) return cleanUnionNoise(all);
  let best: ErrorObject[] | undefined;
  for (const branch of entry.branches) {
    if (branch(body)) continue;
    const errs = branch.errors ?? [];
    const discriminated = errs.some(
      (e) => (e.keyword === 'enum' || e.keyword === 'const') && e.instancePath.split('/').length === 2,
    );
    if (discriminated) continue;
    const cleaned = cleanUnionNoise(errs);
    if (!best || cleaned.length < best.length) best = cleaned;
  }
  if (best && best.length > 0) return best;
  const discriminator = all.filter((e) => e.keyword === 'enum' || e.keyword === 'const');
  return discriminator.length > 0 ? mergeChoices(discriminator) : cleanUnionNoise(all);
}

/** Drops the "must be null" and "must match one of" echoes of nullable `oneOf`s when a real cause exists. */
function cleanUnionNoise(errs: ErrorObject[]): ErrorObject[] {
  const real = errs.filter((e) => !(e.keyword === 'oneOf' || e.keyword === 'anyOf'));
  const withoutNull = real.filter(
    (e) =>
      !(
        e.keyword === 'type' &&
        (e.params as { type?: unknown }).type === 'null' &&
        real.some((o) => o !== e && o.instancePath.startsWith(e.instancePath))
      ),
  );
  const kept = withoutNull.length > 0 ? withoutNull : errs;
  const seen = new Set<string>();
  return kept.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function mergeChoices(errs: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, Set<unknown>>();
  for (const e of errs) {
    const set = byPath.get(e.instancePath) ?? new Set<unknown>();
    const p = e.params as { allowedValues?: unknown[]; allowedValue?: unknown };
    for (const v of p.allowedValues ?? [p.allowedValue]) set.add(v);
    byPath.set(e.instancePath, set);
  }
  return [...byPath].map(([instancePath, values]) => ({
    instancePath,
    schemaPath: '',
    keyword: 'enum',
    params: { allowedValues: [...values].sort() },
    message: 'must be equal to one of the allowed values',
  }));
}

function toIssues(errs: ErrorObject[]): ValidationIssue[] {
  return errs.map((e) => {
    const parts = e.instancePath.split('/').filter(Boolean).map(unescapePointer);
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'required') parts.push(String(p.missingProperty));
    return { path: parts.join('.'), ...describe(e) };
  });
}

function unescapePointer(s: string): string {
  return s.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Maps an ajv error to the code and wording Discord uses in its 50035 error tree. */
function describe(e: ErrorObject): { code: string; message: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' };
    case 'maxLength':
    case 'maxItems':
    case 'maxProperties':
      return { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${String(p.limit)} or fewer in length.` };
    case 'minLength':
    case 'minItems':
    case 'minProperties':
      return { code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${String(p.limit)} or more in length.` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { code: 'NUMBER_TYPE_MAX', message: `int value should be less than or equal to ${String(p.limit)}.` };
    case 'minimum':
    case 'exclusiveMinimum':
      return {
        code: 'NUMBER_TYPE_MIN',
        message: `int value should be greater than or equal to ${String(p.limit)}.`,
      };
    case 'enum':
    case 'const': {
      const values = (p.allowedValues as unknown[] | undefined) ?? [p.allowedValue];
      return { code: 'BASE_TYPE_CHOICES', message: `Value must be one of {${values.map(String).join(', ')}}.` };
    }
    case 'type': {
      const want = String(p.type);
      if (want.includes('integer') || want.includes('number'))
        return { code: 'NUMBER_TYPE_COERCE', message: 'Value is not int.' };
      if (want.includes('object'))
        return { code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' };
      if (want.includes('array'))
        return { code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' };
      if (want.includes('boolean')) return { code: 'BOOLEAN_TYPE_CONVERT', message: 'Must be either true or false.' };
      return { code: 'STRING_TYPE_CONVERT', message: 'Could not interpret value as string.' };
    }
    case 'format':
      if (p.format === 'uri') return { code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' };
      if (p.format === 'snowflake') return { code: 'NUMBER_TYPE_COERCE', message: 'Value is not snowflake.' };
      return { code: 'BASE_TYPE_BAD_FORMAT', message: `Must be a valid ${String(p.format)}.` };
    case 'pattern':
      return { code: 'STRING_TYPE_REGEX', message: `String value did not match validation regex.` };
    case 'uniqueItems':
      return { code: 'BASE_TYPE_BAD_UNIQUE', message: 'Items must be unique.' };
    default:
      return { code: 'BASE_TYPE_INVALID', message: e.message ?? `Failed ${e.keyword}` };
  }
}

/** Builds Discord's nested `errors` tree: `{ data: { content: { _errors: [{code, message}] } } }`. */
export function toDiscordErrors(issues: ValidationIssue[]): JsonObject {
  const root: JsonObject = {};
  for (const issue of issues) {
    let node = root;
    for (const part of issue.path ? issue.path.split('.') : []) {
      node[part] ??= {};
      node = node[part] as JsonObject;
    }
    node._errors ??= [];
    (node._errors as JsonObject[]).push({ code: issue.code, message: issue.message });
  }
  return root;
}
