import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonObject } from './shapes.ts';

/**
 * Turns a failed validation into the errors Discord would report. Discord's schemas are full of
 * unions (the interaction callback is an `anyOf` of seven request kinds, autocomplete choices are
 * a `oneOf` of string/integer/number lists, most fields are nullable `oneOf`s), so ajv reports the
 * failures of every branch. Like Discord, report only the branch the body selects: walk the schema
 * beside the body, drop branches whose discriminator (`type`, a top-level `const`/`enum`) rejects
 * it, follow the closest remaining branch, and descend into properties and items.
 */

/** One problem with a request body, in Discord's error vocabulary. */
export interface ValidationIssue {
  /** Dotted path into the body, e.g. `data.content`; '' for the body itself. */
  path: string;
  code: string;
  message: string;
}

/** A JSON pointer into the spec, as raw (unescaped) segments. */
export type Pointer = readonly string[];

export interface SchemaWalker {
  validatorAt(pointer: Pointer): ValidateFunction;
  schemaAt(pointer: Pointer): unknown;
}

type Schema = Record<string, unknown>;

const MAX_DEPTH = 48;

export function explainFailure(walker: SchemaWalker, pointer: Pointer, instance: unknown): ValidationIssue[] {
  const issues = explain(walker, pointer, instance, [], 0);
  if (issues.length > 0) return dedupe(issues);
  const v = walker.validatorAt(pointer);
  v(instance);
  return dedupe(toIssues(cleanUnionNoise(v.errors ?? []), []));
}

function explain(
  w: SchemaWalker,
  pointer: Pointer,
  instance: unknown,
  path: string[],
  depth: number,
): ValidationIssue[] {
  const v = w.validatorAt(pointer);
  if (v(instance)) return [];
  const errs = [...(v.errors ?? [])];
  if (depth > MAX_DEPTH) return toIssues(cleanUnionNoise(errs), path);
  const { schema, at } = deref(w, pointer);

  const unionKey = Array.isArray(schema.oneOf) ? 'oneOf' : Array.isArray(schema.anyOf) ? 'anyOf' : undefined;
  if (unionKey) {
    const branches = (schema[unionKey] as unknown[]).map((_, i) => {
      const branch = [...at, unionKey, String(i)];
      const bv = w.validatorAt(branch);
      const ok = bv(instance);
      return { branch, ok, errs: [...(bv.errors ?? [])] };
    });
    // A branch matched, so the failure is in a keyword beside the union.
    if (branches.some((b) => b.ok)) return toIssues(cleanUnionNoise(errs), path);
    const viable = branches.filter((b) => !discriminatedOut(b.errs));
    if (viable.length === 0) return toIssues(mergeChoices(branches.flatMap((b) => b.errs)), path);
    const best = viable.reduce((a, b) => (b.errs.length < a.errs.length ? b : a));
    return explain(w, best.branch, instance, path, depth + 1);
  }

  const local = errs.filter((e) => e.instancePath === '' && e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
  const issues = toIssues(local, path);
  const covered = new Set<string>();
  const properties = schema.properties as Schema | undefined;
  if (properties && instance && typeof instance === 'object' && !Array.isArray(instance)) {
    for (const [key, value] of Object.entries(instance)) {
      if (!(key in properties)) continue;
      covered.add(key);
      issues.push(...explain(w, [...at, 'properties', key], value, [...path, key], depth + 1));
    }
  }
  if (schema.items && typeof schema.items === 'object' && Array.isArray(instance)) {
    (instance as unknown[]).forEach((item, i) => {
      covered.add(String(i));
      issues.push(...explain(w, [...at, 'items'], item, [...path, String(i)], depth + 1));
    });
  }
  // Failures under keywords this walk does not follow (additionalProperties, prefixItems, ...).
  const uncovered = errs.filter((e) => {
    const first = e.instancePath.split('/')[1];
    return first !== undefined && !covered.has(unescapePointer(first));
  });
  issues.push(...toIssues(cleanUnionNoise(uncovered), path));
  return issues;
}

function deref(w: SchemaWalker, pointer: Pointer): { schema: Schema; at: Pointer } {
  let at = pointer;
  let schema = (w.schemaAt(at) ?? {}) as Schema;
  for (let hops = 0; typeof schema.$ref === 'string' && schema.$ref.startsWith('#/') && hops < 16; hops++) {
    at = schema.$ref
      .slice(2)
      .split('/')
      .map((s) => unescapePointer(decodeURIComponent(s)));
    schema = (w.schemaAt(at) ?? {}) as Schema;
  }
  return { schema, at };
}

/** A branch is out when its discriminator rejects the body: a wrong top-level const/enum or type. */
function discriminatedOut(errs: ErrorObject[]): boolean {
  return errs.some(
    (e) =>
      ((e.keyword === 'enum' || e.keyword === 'const') && e.instancePath.split('/').length === 2) ||
      (e.keyword === 'type' && e.instancePath === ''),
  );
}

/** Drops the "must be null" and "must match one of" echoes of nullable unions when a real cause exists. */
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
  return withoutNull.length > 0 ? withoutNull : errs;
}

/** When no branch fits, say which discriminator values would have: "Value must be one of {…}". */
function mergeChoices(errs: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, Set<unknown>>();
  for (const e of errs) {
    if (e.keyword !== 'enum' && e.keyword !== 'const') continue;
    const set = byPath.get(e.instancePath) ?? new Set<unknown>();
    const p = e.params as { allowedValues?: unknown[]; allowedValue?: unknown };
    for (const v of p.allowedValues ?? [p.allowedValue]) set.add(v);
    byPath.set(e.instancePath, set);
  }
  if (byPath.size === 0) return cleanUnionNoise(errs);
  return [...byPath].map(([instancePath, values]) => ({
    instancePath,
    schemaPath: '',
    keyword: 'enum',
    params: { allowedValues: [...values].sort((a, b) => String(a).localeCompare(String(b), 'en', { numeric: true })) },
    message: 'must be equal to one of the allowed values',
  }));
}

function toIssues(errs: ErrorObject[], prefix: string[]): ValidationIssue[] {
  return errs.map((e) => {
    const parts = [...prefix, ...e.instancePath.split('/').filter(Boolean).map(unescapePointer)];
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'required') parts.push(String(p.missingProperty));
    return { path: parts.join('.'), ...describe(e) };
  });
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}|${i.code}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function unescapePointer(s: string): string {
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
      return { code: 'NUMBER_TYPE_MIN', message: `int value should be greater than or equal to ${String(p.limit)}.` };
    case 'enum':
    case 'const': {
      const values = (p.allowedValues as unknown[] | undefined) ?? [p.allowedValue];
      return { code: 'BASE_TYPE_CHOICES', message: `Value must be one of {${values.map(String).join(', ')}}.` };
    }
    case 'type':
      return describeType(String(p.type));
    case 'format':
      if (p.format === 'uri') return { code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' };
      if (p.format === 'snowflake') return { code: 'NUMBER_TYPE_COERCE', message: 'Value is not snowflake.' };
      return { code: 'BASE_TYPE_BAD_FORMAT', message: `Must be a valid ${String(p.format)}.` };
    case 'pattern':
      return { code: 'STRING_TYPE_REGEX', message: 'String value did not match validation regex.' };
    case 'uniqueItems':
      return { code: 'BASE_TYPE_BAD_UNIQUE', message: 'Items must be unique.' };
    default:
      return { code: 'BASE_TYPE_INVALID', message: e.message ?? `Failed ${e.keyword}` };
  }
}

function describeType(want: string): { code: string; message: string } {
  if (want.includes('integer') || want.includes('number'))
    return { code: 'NUMBER_TYPE_COERCE', message: 'Value is not int.' };
  if (want.includes('object'))
    return { code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' };
  if (want.includes('array')) return { code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' };
  if (want.includes('boolean')) return { code: 'BOOLEAN_TYPE_CONVERT', message: 'Must be either true or false.' };
  return { code: 'STRING_TYPE_CONVERT', message: 'Could not interpret value as string.' };
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
