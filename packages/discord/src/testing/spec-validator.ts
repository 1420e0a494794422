import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import type { JsonObject } from './shapes.ts';
import { explainFailure, type Pointer, toDiscordErrors, type ValidationIssue } from './spec-errors.ts';

export { toDiscordErrors, type ValidationIssue } from './spec-errors.ts';

/**
 * Validates REST request bodies against Discord's own OpenAPI 3.1 description
 * (fixtures/discord-openapi.json, from discord/discord-api-spec, MIT). Operations are looked up by
 * method and path template; validators are compiled on first use and cached.
 */

const SPEC_ID = 'discord-openapi';
const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

export const BUNDLED_SPEC_PATH = new URL('../../fixtures/discord-openapi.json', import.meta.url);

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
  const validators = new Map<string, ValidateFunction>();
  const walker = {
    validatorAt(pointer: Pointer): ValidateFunction {
      const ref = `${SPEC_ID}#${jsonPointer(pointer)}`;
      let v = validators.get(ref);
      if (!v) {
        v = ajv.compile({ $ref: ref });
        validators.set(ref, v);
      }
      return v;
    },
    schemaAt(pointer: Pointer): unknown {
      let node: unknown = spec;
      for (const part of pointer) node = (node as Record<string, unknown> | undefined)?.[part];
      return node;
    },
  };

  /** The pointer to an operation's JSON request-body schema, or undefined when it takes none. */
  function bodyPointer(operation: SpecOperation): Pointer | undefined {
    if (!operation.hasJsonBody) return undefined;
    return [
      'paths',
      operation.template,
      operation.method.toLowerCase(),
      'requestBody',
      'content',
      'application/json',
      'schema',
    ];
  }

  return {
    operations,
    match(method, path) {
      return matchOperation(operations, method, path);
    },
    validateBody(operation, body) {
      const pointer = bodyPointer(operation);
      if (!pointer) return { valid: true };
      const whole = walker.validatorAt(pointer);
      if (whole(body)) return { valid: true };
      const ajvErrors = [...(whole.errors ?? [])];
      const issues = explainFailure(walker, pointer, body);
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

function jsonPointer(parts: readonly string[]): string {
  return `/${parts.map((p) => encodeURIComponent(p.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/')}`;
}
